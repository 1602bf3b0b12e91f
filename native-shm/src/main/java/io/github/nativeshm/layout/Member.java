/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.nio.ByteBuffer;

/**
 * The {@link Field} of a layout. A record, because the JIT trusts a record's final fields as
 * constants: for a {@code Field} held in a {@code static final}, it folds the type check, the
 * offset and the end into each access. Filling a 256-byte struct's 11 fields took 46–51 ns as a
 * final class and 30–41 ns as this record (JMH A/B, JDK 17, {@code StructReadBenchmark.layoutFields}).
 *
 * @param struct the struct's name, for messages
 * @param name   the member's name
 * @param offset the member's offset in the struct
 * @param type   the member's C type
 * @param end    {@code offset} plus the member's size: the first byte past it
 */
record Member(String struct, String name, int offset, CType type, int end) implements Field {

    /** The member {@code name} of {@code type} at {@code offset} of {@code struct}. */
    static Member of(String struct, String name, int offset, CType type) {
        return new Member(struct, name, offset, type, Math.toIntExact(offset + type.size()));
    }

    @Override
    public int size() {
        return (int) type.size();
    }

    @Override
    public String cType() {
        return type.cName();
    }

    @Override
    public int length() {
        return type.length();
    }

    @Override
    public Class<?> javaType() {
        return type.javaType();
    }

    @Override
    public boolean getBoolean(ByteBuffer buffer, int base) {
        return NativeBytes.getBoolean(buffer, at(buffer, base, boolean.class));
    }

    @Override
    public byte getByte(ByteBuffer buffer, int base) {
        return NativeBytes.getByte(buffer, at(buffer, base, byte.class));
    }

    @Override
    public short getShort(ByteBuffer buffer, int base) {
        return NativeBytes.getShort(buffer, at(buffer, base, short.class));
    }

    @Override
    public char getChar(ByteBuffer buffer, int base) {
        return NativeBytes.getChar(buffer, at(buffer, base, char.class));
    }

    @Override
    public int getInt(ByteBuffer buffer, int base) {
        return NativeBytes.getInt(buffer, at(buffer, base, int.class));
    }

    @Override
    public long getLong(ByteBuffer buffer, int base) {
        return NativeBytes.getLong(buffer, at(buffer, base, long.class));
    }

    @Override
    public float getFloat(ByteBuffer buffer, int base) {
        return NativeBytes.getFloat(buffer, at(buffer, base, float.class));
    }

    @Override
    public double getDouble(ByteBuffer buffer, int base) {
        return NativeBytes.getDouble(buffer, at(buffer, base, double.class));
    }

    @Override
    public String getString(ByteBuffer buffer, int base) {
        return Utf8.decode(buffer, at(buffer, base, String.class), type.length());
    }

    // ---- arrays into the caller's arrays: no allocation ------------------------------------------

    @Override
    public void getBytes(ByteBuffer buffer, int base, byte[] into) {
        int at = at(buffer, base, type.kind() == CType.Kind.TEXT ? String.class : byte[].class);
        buffer.get(at, into, 0, fits(into.length));
    }

    @Override
    public void getBooleans(ByteBuffer buffer, int base, boolean[] into) {
        NativeBytes.getBooleans(buffer, at(buffer, base, boolean[].class), into, fits(into.length));
    }

    @Override
    public void getShorts(ByteBuffer buffer, int base, short[] into) {
        NativeBytes.getShorts(buffer, at(buffer, base, short[].class), into, fits(into.length));
    }

    @Override
    public void getChars(ByteBuffer buffer, int base, char[] into) {
        NativeBytes.getChars(buffer, at(buffer, base, char[].class), into, fits(into.length));
    }

    @Override
    public void getInts(ByteBuffer buffer, int base, int[] into) {
        NativeBytes.getInts(buffer, at(buffer, base, int[].class), into, fits(into.length));
    }

    @Override
    public void getLongs(ByteBuffer buffer, int base, long[] into) {
        NativeBytes.getLongs(buffer, at(buffer, base, long[].class), into, fits(into.length));
    }

    @Override
    public void getFloats(ByteBuffer buffer, int base, float[] into) {
        NativeBytes.getFloats(buffer, at(buffer, base, float[].class), into, fits(into.length));
    }

    @Override
    public void getDoubles(ByteBuffer buffer, int base, double[] into) {
        NativeBytes.getDoubles(buffer, at(buffer, base, double[].class), into, fits(into.length));
    }

    // ---- writing one field in place (a struct's writer, e.g. inside a SlotWriter) ----------------

    @Override
    public void putBoolean(ByteBuffer buffer, int base, boolean value) {
        NativeBytes.putBoolean(buffer, at(buffer, base, boolean.class), value);
    }

    @Override
    public void putByte(ByteBuffer buffer, int base, byte value) {
        NativeBytes.putByte(buffer, at(buffer, base, byte.class), value);
    }

    @Override
    public void putShort(ByteBuffer buffer, int base, short value) {
        NativeBytes.putShort(buffer, at(buffer, base, short.class), value);
    }

    @Override
    public void putChar(ByteBuffer buffer, int base, char value) {
        NativeBytes.putChar(buffer, at(buffer, base, char.class), value);
    }

    @Override
    public void putInt(ByteBuffer buffer, int base, int value) {
        NativeBytes.putInt(buffer, at(buffer, base, int.class), value);
    }

    @Override
    public void putLong(ByteBuffer buffer, int base, long value) {
        NativeBytes.putLong(buffer, at(buffer, base, long.class), value);
    }

    @Override
    public void putFloat(ByteBuffer buffer, int base, float value) {
        NativeBytes.putFloat(buffer, at(buffer, base, float.class), value);
    }

    @Override
    public void putDouble(ByteBuffer buffer, int base, double value) {
        NativeBytes.putDouble(buffer, at(buffer, base, double.class), value);
    }

    @Override
    public void putString(ByteBuffer buffer, int base, String text) {
        Utf8.encode(buffer, at(buffer, base, String.class), type.length(), text);
    }

    // ---- arrays from the caller's arrays: no allocation ------------------------------------------

    @Override
    public void putBytes(ByteBuffer buffer, int base, byte[] values) {
        int at = at(buffer, base, type.kind() == CType.Kind.TEXT ? String.class : byte[].class);
        NativeBytes.putBytes(buffer, at, from(values.length), values);
    }

    @Override
    public void putBooleans(ByteBuffer buffer, int base, boolean[] values) {
        NativeBytes.putBooleans(buffer, at(buffer, base, boolean[].class), from(values.length), values);
    }

    @Override
    public void putShorts(ByteBuffer buffer, int base, short[] values) {
        NativeBytes.putShorts(buffer, at(buffer, base, short[].class), from(values.length), values);
    }

    @Override
    public void putChars(ByteBuffer buffer, int base, char[] values) {
        NativeBytes.putChars(buffer, at(buffer, base, char[].class), from(values.length), values);
    }

    @Override
    public void putInts(ByteBuffer buffer, int base, int[] values) {
        NativeBytes.putInts(buffer, at(buffer, base, int[].class), from(values.length), values);
    }

    @Override
    public void putLongs(ByteBuffer buffer, int base, long[] values) {
        NativeBytes.putLongs(buffer, at(buffer, base, long[].class), from(values.length), values);
    }

    @Override
    public void putFloats(ByteBuffer buffer, int base, float[] values) {
        NativeBytes.putFloats(buffer, at(buffer, base, float[].class), from(values.length), values);
    }

    @Override
    public void putDoubles(ByteBuffer buffer, int base, double[] values) {
        NativeBytes.putDoubles(buffer, at(buffer, base, double[].class), from(values.length), values);
    }

    @Override
    public String toString() {
        return qualifiedName() + " (" + type.display() + " at offset " + offset + ")";
    }

    // ---- internals ---------------------------------------------------------------------------

    /** {@code Struct.field}, for messages. */
    String qualifiedName() {
        return struct + "." + name;
    }

    /** The element count to copy into an array of {@code available} elements: the field's, if they fit. */
    private int fits(int available) {
        int length = type.length();
        if (available < length) {
            throw new IllegalArgumentException(qualifiedName() + " has " + length + " elements; the array to copy them"
                    + " into has " + available);
        }
        return length;
    }

    /** The element count to copy from an array of {@code available} elements: the field's, if the array has them. */
    private int from(int available) {
        int length = type.length();
        if (available < length) {
            throw new IllegalArgumentException(qualifiedName() + " has " + length + " elements; the array to copy them"
                    + " from has " + available);
        }
        return length;
    }

    /** The field's index in {@code buffer} for the struct at {@code base}, after checking type and bounds. */
    private int at(ByteBuffer buffer, int base, Class<?> wanted) {
        if (type.javaType() != wanted) {
            throw new IllegalStateException(qualifiedName() + " is " + type.display() + " ("
                    + type.javaType().getSimpleName() + "), not " + wanted.getSimpleName());
        }
        if (base < 0 || base > buffer.limit() - end) {
            throw new IndexOutOfBoundsException(qualifiedName() + " of the struct at " + base + " (bytes "
                    + ((long) base + offset) + ".." + ((long) base + end) + ") is outside the buffer of "
                    + buffer.limit() + " bytes");
        }
        return base + offset;
    }
}
