/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * C headers that declare the structs of layouts, for C programs that share them:
 * <pre>
 * #pragma once
 * #include &lt;stdbool.h&gt;
 * #include &lt;stddef.h&gt;
 * #include &lt;stdint.h&gt;
 *
 * #ifndef ITEM_FINGERPRINT
 * struct Item {
 *     int64_t id;
 *     char code[5];
 *     uint8_t _pad0[1];
 *     int16_t qty;
 * };
 * _Static_assert(sizeof(struct Item) == 16, "sizeof(struct Item)");
 * _Static_assert(_Alignof(struct Item) == 8, "_Alignof(struct Item)");
 * _Static_assert(offsetof(struct Item, id) == 0, "offsetof(struct Item, id)");
 * ...
 * #define ITEM_FINGERPRINT 0x32b8b727d8b6e635ULL
 * #else
 * _Static_assert(ITEM_FINGERPRINT == 0x32b8b727d8b6e635ULL, "another struct Item was declared before");
 * #endif
 * </pre>
 * Padding is explicit ({@code _pad0}, {@code _pad1}, ... skipping names a field already has), and
 * the static assertions make a C11 compiler refuse the header if it would lay a struct out
 * differently. The fingerprint macro is {@link Layout#fingerprint()}, named after the struct in
 * upper snake case; it also guards the declaration, so that a program may include several
 * headers that declare the same struct, while a different struct of the same name fails to
 * compile.
 */
public final class CHeaders {
    private CHeaders() {
    }

    /**
     * One header with the structs of {@code layouts} and every struct they contain: each once,
     * a struct before those that contain it.
     *
     * @param layouts the layouts of the structs to declare
     * @return the header's text
     * @throws IllegalArgumentException if a struct or field name cannot be a C identifier (a C
     *                                  keyword, or not ASCII letters, digits and underscores), or
     *                                  if two different records would be structs of the same name
     */
    public static String of(Layout<?>... layouts) {
        Map<String, Layout<?>> structs = new LinkedHashMap<>();
        for (Layout<?> layout : layouts) {
            collect(Objects.requireNonNull(layout, "layout"), structs);
        }
        List<LayoutDescription> descriptions = new ArrayList<>();
        structs.values().forEach(layout -> descriptions.add(LayoutDescription.parse(layout.canonical())));
        return StructHeaders.of(descriptions, description -> structs.get(description.name()).type().getName());
    }

    /** Adds {@code layout} after the structs it contains, unless it is there already. */
    private static void collect(Layout<?> layout, Map<String, Layout<?>> structs) {
        Layout<?> known = structs.get(layout.name());
        if (known != null) {
            if (known.type() != layout.type()) {
                throw new IllegalArgumentException("records " + known.type().getName() + " and "
                        + layout.type().getName() + " would both be struct " + layout.name());
            }
            return;
        }
        for (Member field : layout.members()) {
            Layout<?> nested = field.type().struct();
            if (nested != null) {
                collect(nested, structs);
            }
        }
        structs.put(StructHeaders.identifier(layout.name(), "struct " + layout.type().getName()), layout);
    }
}
