/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Source code in C, Python, Rust or Go that declares the structs of layouts, for programs in those
 * languages that share a segment with Java:
 * <pre>{@code
 * String python = Bindings.of(Bindings.Language.PYTHON, Layout.of(Quote.class));
 * String rust = Bindings.of(Bindings.Language.RUST, region.layout());   // a LayoutDescription
 * }</pre>
 * Each struct comes once, after the structs it contains, with explicit padding between and after
 * its members, the fingerprint of its layout ({@link Layout#fingerprint()}: a region holds the
 * struct only if the directory's fingerprint equals it) and checks of its size, alignment and
 * every member's offset that make the other language refuse the code if it would lay the struct
 * out otherwise. See {@link Language} for what each language gets.
 *
 * <p><b>Names.</b> Struct and member names must be ASCII identifiers (letters, digits,
 * underscores); any other name is refused with an {@link IllegalArgumentException} naming it. In
 * Go every name is capitalized ({@code id} becomes {@code Id}, {@code _x} becomes {@code X_x}) so
 * that fields are exported. A name that is a keyword of the language (Python, Rust) gets a
 * trailing {@code _} ({@code type} becomes {@code type_}); C refuses keywords instead. Then, within
 * a struct, a member whose name those rules changed gets further {@code _} until no other member
 * has it (members {@code type} and {@code type_} become {@code type__} and {@code type_} in Rust;
 * {@code id} and {@code Id} become {@code Id_} and {@code Id} in Go). Padding is {@code _pad0},
 * {@code _pad1}, ..., skipping names a member has (Go: blank {@code _} fields). Two structs that
 * would get the same name or constant are refused.
 */
public final class Bindings {
    private Bindings() {
    }

    /** The languages bindings are generated for. */
    public enum Language {
        /** A C11 header, as {@link CHeaders#of} writes it. */
        C("c", "h", StructHeaders::of),
        /**
         * A Python 3 module: a {@code ctypes.Structure} class per struct ({@code Item.from_buffer_copy(
         * memory, offset)}), checked at import (an {@code AssertionError} naming what differs);
         * {@code char[n]} text as {@code c_char} arrays that {@code decode_text()} turns into
         * strings; a constant {@code ITEM_FINGERPRINT}; and, when numpy can be imported, a
         * {@code numpy.dtype} {@code ITEM_DTYPE} with the same offsets and size (otherwise
         * {@code None}).
         */
        PYTHON("python", "py", PythonBindings::of),
        /**
         * Rust (1.77 or newer): a {@code #[repr(C)]} struct per struct, {@code Clone}, {@code Copy}
         * and {@code Debug}, with {@code const} assertions of its size, alignment and every
         * {@code offset_of!}; {@code bool} members as {@code u8} (any byte may be in memory, and a
         * Rust {@code bool} must be 0 or 1), text as {@code [u8; n]} with {@code decode_text()}; a
         * constant {@code ITEM_FINGERPRINT: u64}.
         */
        RUST("rust", "rs", RustBindings::of),
        /**
         * Go: a file of package {@code shmlayout} (rename it to suit) with a struct per struct,
         * {@code bool} members as {@code uint8}, text as {@code [n]byte} with {@code DecodeText},
         * a constant {@code ItemFingerprint}, and an {@code init} that panics, naming the
         * expression, if {@code unsafe.Sizeof}, {@code Alignof} or an {@code Offsetof} differs from
         * the layout.
         */
        GO("go", "go", GoBindings::of);

        private final String id;
        private final String extension;
        private final Generator generator;

        Language(String id, String extension, Generator generator) {
            this.id = id;
            this.extension = extension;
            this.generator = generator;
        }

        /**
         * The language's name on command lines and in URLs.
         *
         * @return {@code c}, {@code python}, {@code rust} or {@code go}
         */
        public String id() {
            return id;
        }

        /**
         * The usual extension of a file of this language, without the dot.
         *
         * @return {@code h}, {@code py}, {@code rs} or {@code go}
         */
        public String extension() {
            return extension;
        }

        /**
         * The language whose {@link #id()} is {@code id} (ASCII case ignored).
         *
         * @param id a language's id, such as {@code python}
         * @return the language
         * @throws IllegalArgumentException naming the value and the allowed ones, for any other
         */
        public static Language of(String id) {
            Objects.requireNonNull(id, "id");
            for (Language language : values()) {
                if (language.id.equalsIgnoreCase(id)) {
                    return language;
                }
            }
            throw new IllegalArgumentException("no bindings for language '" + id + "'; allowed: " + ids());
        }

        /**
         * The allowed ids, for messages.
         *
         * @return {@code c, python, rust, go}
         */
        public static String ids() {
            return Arrays.stream(values()).map(Language::id).collect(Collectors.joining(", "));
        }
    }

    /** Writes the source of some structs; the function names where each comes from, for its comment. */
    interface Generator {
        String of(List<LayoutDescription> structs, Function<LayoutDescription, String> origin);
    }

    /**
     * Source in {@code language} that declares the structs of {@code descriptions} and every struct
     * they contain, each once, a struct before those that contain it.
     *
     * @param language     the language to write
     * @param descriptions the structs, as a segment's regions describe them
     * @return the source text
     * @throws IllegalArgumentException if two different structs have the same name, or a name
     *                                  cannot be an identifier of the language (see the class
     *                                  description)
     */
    public static String of(Language language, List<LayoutDescription> descriptions) {
        return Objects.requireNonNull(language, "language").generator.of(List.copyOf(descriptions),
                LayoutDescription::name);
    }

    /**
     * Source in {@code language} that declares the structs of {@code layouts} and every struct they
     * contain; as {@link #of(Language, List)}, and for {@link Language#C} as {@link CHeaders#of}.
     *
     * @param language the language to write
     * @param layouts  the records' layouts
     * @return the source text
     * @throws IllegalArgumentException as {@link #of(Language, List)}, or if two different records
     *                                  would be structs of the same name
     */
    public static String of(Language language, Layout<?>... layouts) {
        if (Objects.requireNonNull(language, "language") == Language.C) {
            return CHeaders.of(layouts);
        }
        List<LayoutDescription> descriptions = new ArrayList<>();
        for (Layout<?> layout : layouts) {
            descriptions.add(LayoutDescription.parse(Objects.requireNonNull(layout, "layout").canonical()));
        }
        return of(language, descriptions);
    }
}
