/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

/**
 * The C type of one struct member, without its name or place: a scalar, {@code char[n]} text, an
 * array of scalars, a nested struct or an array of structs.
 *
 * @param kind     which of those it is
 * @param javaType the record component's type
 * @param scalar   the scalar, or the element scalar of an array; null for text and structs
 * @param struct   the nested struct, or the element struct of an array; null otherwise
 * @param length   the array length or text capacity in bytes; 0 for a single scalar or struct
 */
record CType(Kind kind, Class<?> javaType, Scalar scalar, Layout<?> struct, int length) {
    /** The shapes a member can have. */
    enum Kind { SCALAR, TEXT, SCALAR_ARRAY, STRUCT, STRUCT_ARRAY }

    static CType scalar(Scalar scalar) {
        return new CType(Kind.SCALAR, scalar.javaType, scalar, null, 0);
    }

    static CType text(int capacity) {
        return new CType(Kind.TEXT, String.class, null, null, capacity);
    }

    static CType array(Scalar element, int length) {
        return new CType(Kind.SCALAR_ARRAY, element.javaType.arrayType(), element, null, length);
    }

    static CType struct(Layout<?> struct) {
        return new CType(Kind.STRUCT, struct.type(), null, struct, 0);
    }

    static CType structArray(Layout<?> element, int length) {
        return new CType(Kind.STRUCT_ARRAY, element.type().arrayType(), null, element, length);
    }

    /** The size of one element (of the whole member if it is no array); text has 1-byte elements. */
    int elementSize() {
        return switch (kind) {
            case SCALAR, SCALAR_ARRAY -> scalar.size;
            case TEXT -> 1;
            case STRUCT, STRUCT_ARRAY -> struct.size();
        };
    }

    /** The size of the member in bytes, which may exceed an int for a huge array. */
    long size() {
        return (long) elementSize() * Math.max(length, 1);
    }

    /** The C alignment: that of the element. */
    int alignment() {
        return switch (kind) {
            case SCALAR, SCALAR_ARRAY -> scalar.size;
            case TEXT -> 1;
            case STRUCT, STRUCT_ARRAY -> struct.alignment();
        };
    }

    /** The C element type: {@code int64_t}, {@code char}, {@code struct Inner}. */
    String cName() {
        return switch (kind) {
            case SCALAR, SCALAR_ARRAY -> scalar.cType;
            case TEXT -> "char";
            case STRUCT, STRUCT_ARRAY -> "struct " + struct.name();
        };
    }

    /** The C type with its array length, for messages: {@code char[64]}, {@code struct Inner[3]}. */
    String display() {
        return length == 0 ? cName() : cName() + "[" + length + "]";
    }

    /** The type in {@link Layout#canonical()}: {@code int64}, {@code char[64]}, a nested description. */
    String canonical() {
        String element = switch (kind) {
            case SCALAR, SCALAR_ARRAY -> scalar.token;
            case TEXT -> "char";
            case STRUCT, STRUCT_ARRAY -> struct.canonical();
        };
        return length == 0 ? element : element + "[" + length + "]";
    }
}
