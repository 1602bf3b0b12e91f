/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fixed size of a variable-length record component, which a C struct must know in advance.
 *
 * <ul>
 *   <li>On a {@code String}: the capacity in UTF-8 bytes, the {@code n} of {@code char name[n]}.
 *       Longer text is cut at a character boundary; shorter text is padded with NUL bytes.</li>
 *   <li>On an array of a primitive or a record: the number of elements, exactly.</li>
 * </ul>
 *
 * <pre>{@code
 * record Item(long id, @Fixed(64) String title, @Fixed(4) int[] sizes) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Fixed {
    /** {@return the capacity in bytes for a {@code String}, the element count for an array; at least 1} */
    int value();
}
