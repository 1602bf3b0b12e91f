/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.lang.invoke.MethodHandles.filterArguments;
import static java.lang.invoke.MethodHandles.foldArguments;
import static java.lang.invoke.MethodHandles.insertArguments;
import static java.lang.invoke.MethodType.methodType;

/**
 * Composes, once per layout, the method handles that move a record between a buffer and Java:
 * the record's canonical constructor fed by one reader per field, and one writer per field fed by
 * the record's accessor. Nested structs reuse their own layout's handles. No reflection happens
 * per access and no bytes are copied through an intermediate array.
 */
final class RecordHandles {
    /**
     * The handles of one record type {@code R}.
     *
     * @param reader           {@code (ByteBuffer, int offset)R}: reads the struct at offset
     * @param writer           {@code (ByteBuffer, int offset, R)void}: writes a checked record at
     *                         offset, padding as zeros
     * @param checker          {@code (R)void}: throws {@link IllegalArgumentException} if the record
     *                         cannot be written (a null or wrong-length array, a null struct)
     * @param arrayConstructor {@code (int)R[]}: a new array
     */
    record Handles(MethodHandle reader, MethodHandle writer, MethodHandle checker, MethodHandle arrayConstructor) {
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final Map<Scalar, MethodHandle> GET = new EnumMap<>(Scalar.class);
    private static final Map<Scalar, MethodHandle> PUT = new EnumMap<>(Scalar.class);
    private static final Map<Scalar, MethodHandle> GET_ARRAY = new EnumMap<>(Scalar.class);
    private static final Map<Scalar, MethodHandle> PUT_ARRAY = new EnumMap<>(Scalar.class);
    private static final MethodHandle ADD = find(RecordHandles.class, "add", int.class, int.class, int.class);
    private static final MethodHandle ZERO = find(RecordHandles.class, "zero",
            void.class, int.class, int.class, ByteBuffer.class, int.class);
    private static final MethodHandle DECODE = find(Utf8.class, "decode",
            String.class, ByteBuffer.class, int.class, int.class);
    private static final MethodHandle ENCODE = find(Utf8.class, "encode",
            void.class, ByteBuffer.class, int.class, int.class, String.class);
    private static final MethodHandle GET_STRUCTS = find(RecordHandles.class, "getStructs",
            Record[].class, Layout.class, int.class, ByteBuffer.class, int.class);
    private static final MethodHandle PUT_STRUCTS = find(RecordHandles.class, "putStructs",
            void.class, Layout.class, int.class, ByteBuffer.class, int.class, Record[].class);
    private static final MethodHandle NON_NULL = find(RecordHandles.class, "nonNull",
            Object.class, Member.class, Object.class);
    private static final MethodHandle CHECK_LENGTH = find(RecordHandles.class, "checkLength",
            void.class, Member.class, int.class);
    private static final MethodHandle CHECK_STRUCTS = find(RecordHandles.class, "checkStructs",
            void.class, Member.class, Record[].class);

    static {
        for (Scalar scalar : Scalar.values()) {
            Class<?> type = scalar.javaType;
            Class<?> array = type.arrayType();
            String name = scalar.accessorName();
            GET.put(scalar, find(NativeBytes.class, "get" + name, type, ByteBuffer.class, int.class));
            PUT.put(scalar, find(NativeBytes.class, "put" + name, void.class, ByteBuffer.class, int.class, type));
            GET_ARRAY.put(scalar, find(NativeBytes.class, "get" + name + "s",
                    array, ByteBuffer.class, int.class, int.class));
            PUT_ARRAY.put(scalar, find(NativeBytes.class, "put" + name + "s",
                    void.class, ByteBuffer.class, int.class, int.class, array));
        }
    }

    private RecordHandles() {
    }

    /**
     * The handles for record {@code type} with these fields, one per component in order. Uses this
     * package's access to the record, and else private access where the record's package is open.
     */
    static Handles of(Class<?> type, List<Member> fields, int size) {
        // On the module path this module reads only what it requires: read the record's module
        // too, or no lookup may touch the record, however public (a module may add its own reads).
        Module library = RecordHandles.class.getModule();
        if (!library.canRead(type.getModule())) {
            library.addReads(type.getModule());
        }
        try {
            return of(type, fields, size, LOOKUP);
        } catch (IllegalAccessException notPublic) {
            try {
                return of(type, fields, size, MethodHandles.privateLookupIn(type, LOOKUP));
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + type.getName() + " is not accessible to "
                        + Layout.class.getPackageName() + ": make it public, or open its package", e);
            }
        }
    }

    private static Handles of(Class<?> type, List<Member> fields, int size, MethodHandles.Lookup lookup)
            throws IllegalAccessException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            accessors[i] = lookup.unreflect(components[i].getAccessor());
        }
        MethodHandle constructor;
        try {
            constructor = lookup.findConstructor(type, methodType(void.class, types));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }

        // reader: the constructor (T0 .. Tn-1, ByteBuffer, int)R; folding in field i's reader
        // replaces Ti with a value read from the trailing (ByteBuffer, int): (ByteBuffer, int)R.
        MethodHandle reader = MethodHandles.dropArguments(constructor, types.length, ByteBuffer.class, int.class);
        // writer and checker: each field's step, then the rest; the writer zeroes the padding too.
        MethodHandle writer = MethodHandles.empty(methodType(void.class, ByteBuffer.class, int.class, type));
        MethodHandle checker = MethodHandles.empty(methodType(void.class, type));
        int paddingEnd = size;
        for (int i = fields.size() - 1; i >= 0; i--) {
            Member field = fields.get(i);
            int paddingStart = field.offset() + field.size();
            if (paddingStart < paddingEnd) {
                MethodHandle zero = insertArguments(ZERO, 0, paddingStart, paddingEnd - paddingStart);
                writer = foldArguments(writer, MethodHandles.dropArguments(zero, 2, type));
            }
            paddingEnd = field.offset();
            reader = foldArguments(reader, i, fieldReader(field));
            writer = foldArguments(writer, filterArguments(fieldWriter(field), 2, accessors[i]));
            MethodHandle check = fieldChecker(field);
            if (check != null) {
                checker = foldArguments(checker, filterArguments(check, 0, accessors[i]));
            }
        }
        return new Handles(reader, writer, checker, MethodHandles.arrayConstructor(type.arrayType()));
    }

    /** (ByteBuffer, int base)T: reads the field of the struct at base. */
    private static MethodHandle fieldReader(Member field) {
        CType type = field.type();
        MethodHandle atIndex = switch (type.kind()) { // (ByteBuffer, int at)T
            case SCALAR -> GET.get(type.scalar());
            case TEXT -> insertArguments(DECODE, 2, type.length());
            case SCALAR_ARRAY -> insertArguments(GET_ARRAY.get(type.scalar()), 2, type.length());
            case STRUCT -> type.struct().handles().reader();
            case STRUCT_ARRAY -> insertArguments(GET_STRUCTS, 0, type.struct(), type.length())
                    .asType(methodType(type.javaType(), ByteBuffer.class, int.class));
        };
        return filterArguments(atIndex, 1, insertArguments(ADD, 0, field.offset()));
    }

    /** (ByteBuffer, int base, T)void: writes the field of the struct at base. */
    private static MethodHandle fieldWriter(Member field) {
        CType type = field.type();
        MethodHandle atIndex = switch (type.kind()) { // (ByteBuffer, int at, T)void
            case SCALAR -> PUT.get(type.scalar());
            case TEXT -> insertArguments(ENCODE, 2, type.length());
            case SCALAR_ARRAY -> insertArguments(PUT_ARRAY.get(type.scalar()), 2, type.length());
            case STRUCT -> type.struct().handles().writer();
            case STRUCT_ARRAY -> insertArguments(PUT_STRUCTS, 0, type.struct(), type.length())
                    .asType(methodType(void.class, ByteBuffer.class, int.class, type.javaType()));
        };
        return filterArguments(atIndex, 1, insertArguments(ADD, 0, field.offset()));
    }

    /** (T)void: rejects a value the field cannot hold; null when it holds any value. */
    private static MethodHandle fieldChecker(Member field) {
        CType type = field.type();
        Class<?> javaType = type.javaType();
        MethodHandle check = switch (type.kind()) {
            case SCALAR, TEXT -> null;
            case SCALAR_ARRAY -> filterArguments(insertArguments(CHECK_LENGTH, 0, field), 0,
                    MethodHandles.arrayLength(javaType));
            case STRUCT -> type.struct().handles().checker();
            case STRUCT_ARRAY -> insertArguments(CHECK_STRUCTS, 0, field)
                    .asType(methodType(void.class, javaType));
        };
        if (check == null) {
            return null;
        }
        MethodHandle nonNull = insertArguments(NON_NULL, 0, field).asType(methodType(javaType, javaType));
        return filterArguments(check, 0, nonNull);
    }

    /** Rethrows what a handle threw: records declare no checked exceptions, yet may sneak one. */
    static RuntimeException unchecked(Throwable thrown) {
        if (thrown instanceof RuntimeException e) {
            return e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return new UndeclaredThrowableException(thrown);
    }

    // ---- the building blocks, bound to a field's constants above ------------------------------

    private static int add(int offset, int base) {
        return base + offset;
    }

    private static void zero(int offset, int length, ByteBuffer buffer, int base) {
        for (int i = 0; i < length; i++) {
            buffer.put(base + offset + i, (byte) 0);
        }
    }

    private static Record[] getStructs(Layout<?> element, int length, ByteBuffer buffer, int at) {
        Record[] values = element.newArray(length);
        for (int i = 0; i < length; i++) {
            values[i] = element.readAt(buffer, at + i * element.size());
        }
        return values;
    }

    private static void putStructs(Layout<?> element, int length, ByteBuffer buffer, int at, Record[] values) {
        for (int i = 0; i < length; i++) {
            element.writeAt(buffer, at + i * element.size(), values[i]);
        }
    }

    private static Object nonNull(Member field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field.qualifiedName() + " is null; expected " + expected(field));
        }
        return value;
    }

    private static void checkLength(Member field, int length) {
        if (length != field.length()) {
            throw new IllegalArgumentException(field.qualifiedName() + " has " + length + " elements; expected "
                    + field.length() + ", for " + expected(field));
        }
    }

    private static void checkStructs(Member field, Record[] values) {
        checkLength(field, values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(field.qualifiedName() + "[" + i + "] is null; expected "
                        + field.type().struct().type().getSimpleName());
            }
            field.type().struct().check(values[i]);
        }
    }

    /** What a field holds, in Java terms: {@code int[4]}, {@code Inner}. */
    private static String expected(Member field) {
        Class<?> javaType = field.javaType();
        return javaType.isArray()
                ? javaType.getComponentType().getSimpleName() + "[" + field.length() + "]"
                : javaType.getSimpleName();
    }

    private static MethodHandle find(Class<?> owner, String name, Class<?> returnType, Class<?>... parameters) {
        try {
            return LOOKUP.findStatic(owner, name, MethodType.methodType(returnType, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("missing building block " + owner.getSimpleName() + "." + name, e);
        }
    }
}
