/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.LayoutDescription.Member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What every binding generator ({@link Bindings}, {@link StructHeaders}) does alike: the structs of
 * some descriptions, each once and after the structs it contains; their names and their members'
 * names as identifiers of the target language; and each struct's members with explicit padding
 * between and after them. A generator only spells what this walk gives it.
 */
final class StructWalk {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * How a language names things. Names must be ASCII identifiers; {@code spelling} may change
     * them (Go capitalizes); a name in the keyword sets is refused ({@code mapKeywords} false) or
     * gets a trailing {@code _}.
     */
    record Naming(String language, String output, Set<String> memberKeywords, Set<String> typeKeywords,
                  UnaryOperator<String> spelling, boolean mapKeywords) {
    }

    /**
     * How a language spells the type of a member or padding: {@code scalars} in the order of
     * {@link Scalar} (bool, int8, int16, uint16, int32, int64, float32, float64); {@code text} and
     * {@code padding} of a length; {@code array} of an element type and a length; {@code struct}
     * of the language's name of a struct.
     */
    record Types(List<String> scalars, IntFunction<String> text, IntFunction<String> padding,
                 BiFunction<String, Integer, String> array, UnaryOperator<String> struct) {
        Types {
            if (scalars.size() != Scalar.values().length) {
                throw new IllegalArgumentException("one type for each of " + List.of(Scalar.values()) + ": " + scalars);
            }
        }

        /** The type of {@code slot} of a struct of {@code walk}. */
        String of(StructWalk walk, Slot slot) {
            if (slot.isPadding()) {
                return padding.apply(slot.size());
            }
            Member member = slot.member();
            if (member.isText()) {
                return text.apply(member.length());
            }
            Scalar scalar = scalar(member);
            String element = scalar != null ? scalars.get(scalar.ordinal()) : struct.apply(walk.typeName(member.struct()));
            return member.length() > 0 ? array.apply(element, member.length()) : element;
        }
    }

    /** A member ({@code member} set) or padding ({@code member} null) of a struct, as the target language names it. */
    record Slot(String name, int offset, int size, Member member) {
        boolean isPadding() {
            return member == null;
        }
    }

    /** A struct, its name in the target language, and its members and padding in order. */
    record Struct(LayoutDescription layout, String name, List<Slot> slots) {
        /** The members, without padding. */
        List<Slot> members() {
            return slots.stream().filter(slot -> !slot.isPadding()).toList();
        }
    }

    private final List<Struct> structs;
    private final Map<String, String> typeNames;

    private StructWalk(List<Struct> structs, Map<String, String> typeNames) {
        this.structs = structs;
        this.typeNames = typeNames;
    }

    /**
     * Walks {@code descriptions} and the structs they contain.
     *
     * @throws IllegalArgumentException if two different structs have the same name, or a name
     *                                  cannot be an identifier of the language
     */
    static StructWalk of(List<LayoutDescription> descriptions, Naming naming) {
        Map<String, LayoutDescription> ordered = new LinkedHashMap<>();
        for (LayoutDescription description : descriptions) {
            collect(Objects.requireNonNull(description, "description"), ordered);
        }
        Map<String, String> typeNames = new HashMap<>();
        Map<String, String> typeOwners = new HashMap<>();
        for (LayoutDescription layout : ordered.values()) {
            String name = mapped(layout.name(), naming, naming.typeKeywords(), "struct " + layout.name());
            String owner = typeOwners.putIfAbsent(name, layout.name());
            if (owner != null) {
                throw new IllegalArgumentException("structs " + owner + " and " + layout.name() + " would both be "
                        + naming.language() + " type " + name + "; rename one to generate " + naming.output());
            }
            typeNames.put(layout.name(), name);
        }
        List<Struct> structs = new ArrayList<>();
        for (LayoutDescription layout : ordered.values()) {
            structs.add(new Struct(layout, typeNames.get(layout.name()), slots(layout, naming)));
        }
        return new StructWalk(List.copyOf(structs), typeNames);
    }

    /** The structs, each after those it contains. */
    List<Struct> structs() {
        return structs;
    }

    /** The target language's name of a struct of this walk (of a member's {@link Member#struct()}). */
    String typeName(LayoutDescription layout) {
        return typeNames.get(layout.name());
    }

    /** {@code preamble}, then each struct after {@code separator} as {@code writer} writes it: a generator's whole text. */
    String write(CharSequence preamble, String separator, BiConsumer<StringBuilder, Struct> writer) {
        StringBuilder text = new StringBuilder(preamble);
        for (Struct struct : structs) {
            writer.accept(text.append(separator), struct);
        }
        return text.toString();
    }

    /**
     * Refuses two structs whose generated code would declare the same top-level name, or one that
     * would declare a name the generated code itself uses ({@code taken}).
     *
     * @param declared the top-level names the code of a struct declares (its type, its constants)
     */
    void requireDistinct(Set<String> taken, Function<Struct, List<String>> declared) {
        Map<String, Struct> owners = new HashMap<>();
        for (Struct struct : structs) {
            for (String name : declared.apply(struct)) {
                if (taken.contains(name)) {
                    throw new IllegalArgumentException("struct " + struct.layout().name() + " would declare " + name
                            + ", which the generated code itself uses; rename the struct");
                }
                Struct clash = owners.putIfAbsent(name, struct);
                if (clash != null && clash != struct) {
                    throw new IllegalArgumentException("structs " + clash.layout().name() + " and "
                            + struct.layout().name() + " would both define " + name);
                }
            }
        }
    }

    /** {@code OrderBook} -> {@code ORDER_BOOK}: the prefix of a struct's constants. */
    static String upperSnake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The scalar of a scalar or scalar-array member; null for text and structs. */
    static Scalar scalar(Member member) {
        if (member.isText() || member.struct() != null) {
            return null;
        }
        for (Scalar scalar : Scalar.values()) {
            if (scalar.cType.equals(member.cType())) {
                return scalar;
            }
        }
        throw new IllegalStateException("no scalar is C type " + member.cType());
    }

    /** Adds {@code struct} after the structs it contains, unless it is there already. */
    private static void collect(LayoutDescription struct, Map<String, LayoutDescription> ordered) {
        LayoutDescription known = ordered.get(struct.name());
        if (known != null) {
            if (!known.canonical().equals(struct.canonical())) {
                throw new IllegalArgumentException("two different structs are named " + struct.name() + ": "
                        + known.canonical() + " and " + struct.canonical());
            }
            return;
        }
        for (Member member : struct.members()) {
            if (member.struct() != null) {
                collect(member.struct(), ordered);
            }
        }
        ordered.put(struct.name(), struct);
    }

    /**
     * The members' names: each spelled and keyword-mapped; a member whose name that changed gets
     * further {@code _} until no other member has it. Then padding: {@code _pad0}, {@code _pad1},
     * ..., skipping names a member has.
     */
    private static List<Slot> slots(LayoutDescription layout, Naming naming) {
        List<Member> members = layout.members();
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Member member : members) {
            String name = mapped(member.name(), naming, naming.memberKeywords(),
                    "field " + layout.name() + "." + member.name());
            names.add(name);
            if (name.equals(member.name())) {
                taken.add(name);
            }
        }
        for (int i = 0; i < members.size(); i++) {
            String name = names.get(i);
            if (!name.equals(members.get(i).name())) {
                while (!taken.add(name)) {
                    name += "_";
                }
                names.set(i, name);
            }
        }
        List<Slot> slots = new ArrayList<>();
        int end = 0;
        int pad = 0;
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (member.offset() > end) {
                pad = addPadding(slots, taken, pad, end, member.offset() - end);
            }
            slots.add(new Slot(names.get(i), member.offset(), member.size(), member));
            end = member.offset() + member.size();
        }
        if (layout.size() > end) {
            addPadding(slots, taken, pad, end, layout.size() - end);
        }
        return List.copyOf(slots);
    }

    private static int addPadding(List<Slot> slots, Set<String> taken, int pad, int offset, int bytes) {
        while (taken.contains("_pad" + pad)) {
            pad++;
        }
        slots.add(new Slot("_pad" + pad, offset, bytes, null));
        return pad + 1;
    }

    /**
     * {@code name} as an identifier of the language: spelled, and with {@code _} appended while it
     * is a keyword (or refused, if the language does not map keywords).
     *
     * @param what the struct or field, for the message
     * @throws IllegalArgumentException if the name is not an ASCII identifier, or a keyword not mapped
     */
    static String mapped(String name, Naming naming, Set<String> keywords, String what) {
        boolean keyword = keywords.contains(name);
        if (!IDENTIFIER.matcher(name).matches() || keyword && !naming.mapKeywords()) {
            throw new IllegalArgumentException(what + ": '" + name + "' cannot be a " + naming.language()
                    + " identifier (" + (naming.mapKeywords() ? "" : "a " + naming.language() + " keyword, or ")
                    + "not only ASCII letters, digits and underscores); rename it to generate " + naming.output());
        }
        String spelled = naming.spelling().apply(name);
        while (keywords.contains(spelled)) {
            spelled += "_";
        }
        return spelled;
    }
}
