/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * The JDK 22+ twin of {@code src/main/java/.../layout/NativeBytes.java}, loaded from
 * {@code META-INF/versions/22/} of the multi-release jar: the same methods with the same
 * behaviour, each going through a bounds-checked FFM {@link MemorySegment} over the buffer
 * ({@link MemorySegment#ofBuffer}, not a restricted method) with native-order {@code ValueLayout}s.
 * The segment is made per call and does not escape, so the JIT removes it (no allocation per
 * access); what is left are the segment's own bounds checks and one plain or bulk memory access,
 * with no byte-order test (the layouts are native-order whatever the buffer's {@code order()}).
 *
 * <p>Same behaviour as the JDK 17 class, which the tests check on both paths: absolute byte
 * indexes from 0 up to the buffer's limit, whatever its position; an index outside that gives
 * {@link IndexOutOfBoundsException}; writing to a read-only buffer gives
 * {@link ReadOnlyBufferException} (a read-only segment would throw IllegalArgumentException).
 * A boolean is one byte: 1 for true, 0 for false; any non-zero byte reads as true. Keep the two
 * classes' methods identical: {@code RecordHandles} finds them by name and type.
 */
final class NativeBytes {
    /** Which access path this class is, for the test that checks which one a JDK loaded. */
    static final String ACCESS_PATH = "MemorySegment";

    private NativeBytes() {
    }

    /**
     * The buffer's bytes from index 0 to its limit, as a segment whose offsets are the buffer's
     * absolute indexes. Read-only if the buffer is.
     */
    private static MemorySegment memory(ByteBuffer buffer) {
        // ofBuffer starts at the position; the segment must start at index 0 like the buffer's
        // absolute accessors. Segment buffers sit at position 0: that case copies nothing.
        ByteBuffer whole = buffer.position() == 0 ? buffer : buffer.duplicate().position(0);
        return MemorySegment.ofBuffer(whole);
    }

    /** As {@link #memory}, for writing: a read-only buffer refuses as it does on JDK 17. */
    private static MemorySegment writable(ByteBuffer buffer) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        return memory(buffer);
    }

    // ---- one value -----------------------------------------------------------------------------

    static boolean getBoolean(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_BYTE, at) != 0;
    }

    static void putBoolean(ByteBuffer buffer, int at, boolean value) {
        writable(buffer).set(JAVA_BYTE, at, value ? (byte) 1 : (byte) 0);
    }

    static byte getByte(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_BYTE, at);
    }

    static void putByte(ByteBuffer buffer, int at, byte value) {
        writable(buffer).set(JAVA_BYTE, at, value);
    }

    static short getShort(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_SHORT_UNALIGNED, at);
    }

    static void putShort(ByteBuffer buffer, int at, short value) {
        writable(buffer).set(JAVA_SHORT_UNALIGNED, at, value);
    }

    static char getChar(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_CHAR_UNALIGNED, at);
    }

    static void putChar(ByteBuffer buffer, int at, char value) {
        writable(buffer).set(JAVA_CHAR_UNALIGNED, at, value);
    }

    static int getInt(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_INT_UNALIGNED, at);
    }

    static void putInt(ByteBuffer buffer, int at, int value) {
        writable(buffer).set(JAVA_INT_UNALIGNED, at, value);
    }

    static long getLong(ByteBuffer buffer, int at) {
        return memory(buffer).get(JAVA_LONG_UNALIGNED, at);
    }

    static void putLong(ByteBuffer buffer, int at, long value) {
        writable(buffer).set(JAVA_LONG_UNALIGNED, at, value);
    }

    static float getFloat(ByteBuffer buffer, int at) {
        return Float.intBitsToFloat(getInt(buffer, at)); // the raw bits, NaN payloads included
    }

    static void putFloat(ByteBuffer buffer, int at, float value) {
        putInt(buffer, at, Float.floatToRawIntBits(value));
    }

    static double getDouble(ByteBuffer buffer, int at) {
        return Double.longBitsToDouble(getLong(buffer, at));
    }

    static void putDouble(ByteBuffer buffer, int at, double value) {
        putLong(buffer, at, Double.doubleToRawLongBits(value));
    }

    // ---- arrays: read into new arrays or the caller's; writing takes the first `length` elements -----
    // MemorySegment.copy moves them in bulk, bounds-checked on both sides, in native order.

    static boolean[] getBooleans(ByteBuffer buffer, int at, int length) {
        boolean[] values = new boolean[length];
        getBooleans(buffer, at, values, length);
        return values;
    }

    static void getBooleans(ByteBuffer buffer, int at, boolean[] into, int length) {
        MemorySegment memory = memory(buffer);
        for (int i = 0; i < length; i++) {
            into[i] = memory.get(JAVA_BYTE, at + i) != 0;
        }
    }

    static void putBooleans(ByteBuffer buffer, int at, int length, boolean[] values) {
        MemorySegment memory = writable(buffer);
        for (int i = 0; i < length; i++) {
            memory.set(JAVA_BYTE, at + i, values[i] ? (byte) 1 : (byte) 0);
        }
    }

    static byte[] getBytes(ByteBuffer buffer, int at, int length) {
        byte[] values = new byte[length];
        MemorySegment.copy(memory(buffer), JAVA_BYTE, at, values, 0, length);
        return values;
    }

    static void putBytes(ByteBuffer buffer, int at, int length, byte[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_BYTE, at, length);
    }

    static short[] getShorts(ByteBuffer buffer, int at, int length) {
        short[] values = new short[length];
        getShorts(buffer, at, values, length);
        return values;
    }

    static void getShorts(ByteBuffer buffer, int at, short[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_SHORT_UNALIGNED, at, into, 0, length);
    }

    static void putShorts(ByteBuffer buffer, int at, int length, short[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_SHORT_UNALIGNED, at, length);
    }

    static char[] getChars(ByteBuffer buffer, int at, int length) {
        char[] values = new char[length];
        getChars(buffer, at, values, length);
        return values;
    }

    static void getChars(ByteBuffer buffer, int at, char[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_CHAR_UNALIGNED, at, into, 0, length);
    }

    static void putChars(ByteBuffer buffer, int at, int length, char[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_CHAR_UNALIGNED, at, length);
    }

    static int[] getInts(ByteBuffer buffer, int at, int length) {
        int[] values = new int[length];
        getInts(buffer, at, values, length);
        return values;
    }

    static void getInts(ByteBuffer buffer, int at, int[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_INT_UNALIGNED, at, into, 0, length);
    }

    static void putInts(ByteBuffer buffer, int at, int length, int[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_INT_UNALIGNED, at, length);
    }

    static long[] getLongs(ByteBuffer buffer, int at, int length) {
        long[] values = new long[length];
        getLongs(buffer, at, values, length);
        return values;
    }

    static void getLongs(ByteBuffer buffer, int at, long[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_LONG_UNALIGNED, at, into, 0, length);
    }

    static void putLongs(ByteBuffer buffer, int at, int length, long[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_LONG_UNALIGNED, at, length);
    }

    static float[] getFloats(ByteBuffer buffer, int at, int length) {
        float[] values = new float[length];
        getFloats(buffer, at, values, length);
        return values;
    }

    static void getFloats(ByteBuffer buffer, int at, float[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_FLOAT_UNALIGNED, at, into, 0, length);
    }

    static void putFloats(ByteBuffer buffer, int at, int length, float[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_FLOAT_UNALIGNED, at, length);
    }

    static double[] getDoubles(ByteBuffer buffer, int at, int length) {
        double[] values = new double[length];
        getDoubles(buffer, at, values, length);
        return values;
    }

    static void getDoubles(ByteBuffer buffer, int at, double[] into, int length) {
        MemorySegment.copy(memory(buffer), JAVA_DOUBLE_UNALIGNED, at, into, 0, length);
    }

    static void putDoubles(ByteBuffer buffer, int at, int length, double[] values) {
        MemorySegment.copy(values, 0, writable(buffer), JAVA_DOUBLE_UNALIGNED, at, length);
    }
}
