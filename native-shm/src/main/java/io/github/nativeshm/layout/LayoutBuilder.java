/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a record declaration and places its components the way a C compiler places struct
 * members: each at the next multiple of its alignment, the struct aligned to its most aligned
 * member and its size rounded up to that alignment.
 */
final class LayoutBuilder {
    /** What a component may be, for error messages. */
    static final String ALLOWED = "a component may be boolean, byte, short, char, int, long, float, double,"
            + " a record, or with @Fixed(n) a String of n UTF-8 bytes or an array of n primitives or records";
    /** The largest struct: buffer indexes are ints. */
    private static final long MAX_SIZE = Integer.MAX_VALUE;
    private static final Map<Class<?>, Class<?>> UNBOXED = Map.of(Boolean.class, boolean.class, Byte.class, byte.class,
            Short.class, short.class, Character.class, char.class, Integer.class, int.class, Long.class, long.class,
            Float.class, float.class, Double.class, double.class);

    private LayoutBuilder() {
    }

    /** The layout of record class {@code type}. */
    static Layout<?> build(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record class; a layout describes a record");
        }
        return create(type.asSubclass(Record.class));
    }

    private static <R extends Record> Layout<R> create(Class<R> type) {
        requireAcyclic(type, new ArrayList<>(), new ArrayList<>(), new HashSet<>());
        RecordComponent[] components = type.getRecordComponents();
        if (components.length == 0) {
            throw new IllegalArgumentException("record " + type.getName()
                    + " has no components; a C struct needs at least one member");
        }
        String name = type.getSimpleName();
        List<Member> fields = new ArrayList<>();
        long end = 0;
        int alignment = 1;
        for (RecordComponent component : components) {
            CType member = memberType(type, component);
            long offset = alignUp(end, member.alignment());
            end = offset + member.size();
            if (end > MAX_SIZE) {
                throw unsupported(type, component, "the struct would end at byte " + end + ", beyond " + MAX_SIZE);
            }
            fields.add(Member.of(name, component.getName(), (int) offset, member));
            alignment = Math.max(alignment, member.alignment());
        }
        long size = alignUp(end, alignment);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("record " + type.getName() + " would be " + size
                    + " bytes with its tail padding, more than " + MAX_SIZE);
        }
        return new Layout<>(type, fields, (int) size, alignment);
    }

    private static long alignUp(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** The C type of one component, or an exception that says why it has none. */
    private static CType memberType(Class<?> record, RecordComponent component) {
        Class<?> type = component.getType();
        Fixed fixed = component.getAnnotation(Fixed.class);
        boolean sized = type == String.class || type.isArray();
        if (fixed != null && !sized) {
            throw unsupported(record, component, "@Fixed applies to String and array components only");
        }
        if (fixed == null && sized) {
            throw unsupported(record, component, "@Fixed(n) is missing, n being "
                    + (type == String.class ? "the capacity in UTF-8 bytes" : "the element count"));
        }
        if (fixed != null && fixed.value() <= 0) {
            throw unsupported(record, component, "@Fixed(" + fixed.value() + ") must be at least 1");
        }
        Scalar scalar = Scalar.of(type);
        if (scalar != null) {
            return CType.scalar(scalar);
        }
        if (type.isRecord()) {
            return CType.struct(Layout.of(type.asSubclass(Record.class)));
        }
        if (type == String.class) {
            return CType.text(fixed.value());
        }
        if (type.isArray()) {
            Class<?> element = type.getComponentType();
            Scalar elementScalar = Scalar.of(element);
            CType member = elementScalar != null ? CType.array(elementScalar, fixed.value())
                    : element.isRecord() ? CType.structArray(Layout.of(element.asSubclass(Record.class)), fixed.value())
                    : null;
            if (member == null) {
                throw unsupported(record, component, "arrays of " + element.getSimpleName() + " are not supported");
            }
            if (member.size() > MAX_SIZE) {
                throw unsupported(record, component, member.display() + " is " + member.size()
                        + " bytes, more than a struct can hold (" + MAX_SIZE + ")");
            }
            return member;
        }
        throw unsupported(record, component, type.getName() + " is not supported" + hint(type));
    }

    private static String hint(Class<?> type) {
        if (type.isEnum()) {
            return " (store its ordinal() as an int)";
        }
        Class<?> primitive = UNBOXED.get(type);
        return primitive == null ? "" : " (use " + primitive + ")";
    }

    /** Rejects a record that contains itself, directly or through other records or arrays. */
    private static void requireAcyclic(Class<?> type, List<Class<?>> enclosing, List<String> path,
                                       Set<Class<?>> acyclic) {
        if (acyclic.contains(type)) {
            return;
        }
        enclosing.add(type);
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> member = component.getType();
            while (member.isArray()) {
                member = member.getComponentType();
            }
            if (!member.isRecord()) {
                continue;
            }
            path.add(type.getSimpleName() + "." + component.getName());
            if (enclosing.contains(member)) {
                throw unsupported(type, component, "a struct cannot contain itself (" + String.join(" -> ", path)
                        + " -> " + member.getSimpleName() + ")");
            }
            requireAcyclic(member, enclosing, path, acyclic);
            path.remove(path.size() - 1);
        }
        enclosing.remove(enclosing.size() - 1);
        acyclic.add(type);
    }

    private static IllegalArgumentException unsupported(Class<?> record, RecordComponent component, String problem) {
        return new IllegalArgumentException("record " + record.getName() + ", component "
                + component.getType().getSimpleName() + " " + component.getName() + ": " + problem + "; " + ALLOWED);
    }
}
