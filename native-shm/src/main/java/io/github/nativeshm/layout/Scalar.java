/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

/**
 * The primitive component types and their C counterparts. Each is aligned to its own size, as in
 * the x86-64 and AArch64 System V ABIs.
 */
enum Scalar {
    BOOLEAN(boolean.class, 1, "bool", "bool"),
    BYTE(byte.class, 1, "int8_t", "int8"),
    SHORT(short.class, 2, "int16_t", "int16"),
    CHAR(char.class, 2, "uint16_t", "uint16"),
    INT(int.class, 4, "int32_t", "int32"),
    LONG(long.class, 8, "int64_t", "int64"),
    FLOAT(float.class, 4, "float", "float32"),
    DOUBLE(double.class, 8, "double", "float64");

    /** The Java type, e.g. {@code int.class}. */
    final Class<?> javaType;
    /** Size and alignment in bytes. */
    final int size;
    /** The C type, e.g. {@code int32_t}. */
    final String cType;
    /** The name in {@link Layout#canonical()}, e.g. {@code int32}. */
    final String token;

    Scalar(Class<?> javaType, int size, String cType, String token) {
        this.javaType = javaType;
        this.size = size;
        this.cType = cType;
        this.token = token;
    }

    /** The scalar whose Java type is {@code type}, or null if {@code type} is not a primitive one. */
    static Scalar of(Class<?> type) {
        for (Scalar scalar : values()) {
            if (scalar.javaType == type) {
                return scalar;
            }
        }
        return null;
    }

    /** The name of the {@link NativeBytes} methods for this type, e.g. {@code Int} in {@code getInt}. */
    String accessorName() {
        String name = javaType.getName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
