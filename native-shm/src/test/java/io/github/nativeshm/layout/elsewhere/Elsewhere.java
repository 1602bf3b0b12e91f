/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout.elsewhere;

/** Records of another package than the library's: one public, one package-private. */
public final class Elsewhere {
    private Elsewhere() {
    }

    /** Public, nested in a public class. */
    public record Visible(int number, @io.github.nativeshm.layout.Fixed(3) String text) {
    }

    /** The package-private record {@link Hidden}, which only private access reaches. */
    public static Class<? extends Record> hiddenType() {
        return Hidden.class;
    }

    /** A record with the given number, as {@code Record} since its type is not visible outside. */
    public static Record hidden(long number) {
        return new Hidden(number);
    }

    record Hidden(long number) {
    }
}
