/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Primitive values and primitive arrays at absolute byte indexes of a buffer, in the native byte
 * order whatever the buffer's own {@link ByteBuffer#order()}. Every access is bounds-checked by
 * the buffer. A boolean is one byte: 1 for true, 0 for false; any non-zero byte reads as true.
 * Array methods are named after the element accessors with an {@code s}: {@code getInts}.
 */
final class NativeBytes {
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private NativeBytes() {
    }

    // ---- one value -----------------------------------------------------------------------------

    static boolean getBoolean(ByteBuffer buffer, int at) {
        return buffer.get(at) != 0;
    }

    static void putBoolean(ByteBuffer buffer, int at, boolean value) {
        buffer.put(at, value ? (byte) 1 : (byte) 0);
    }

    static byte getByte(ByteBuffer buffer, int at) {
        return buffer.get(at);
    }

    static void putByte(ByteBuffer buffer, int at, byte value) {
        buffer.put(at, value);
    }

    static short getShort(ByteBuffer buffer, int at) {
        short value = buffer.getShort(at);
        return isNative(buffer) ? value : Short.reverseBytes(value);
    }

    static void putShort(ByteBuffer buffer, int at, short value) {
        buffer.putShort(at, isNative(buffer) ? value : Short.reverseBytes(value));
    }

    static char getChar(ByteBuffer buffer, int at) {
        char value = buffer.getChar(at);
        return isNative(buffer) ? value : Character.reverseBytes(value);
    }

    static void putChar(ByteBuffer buffer, int at, char value) {
        buffer.putChar(at, isNative(buffer) ? value : Character.reverseBytes(value));
    }

    static int getInt(ByteBuffer buffer, int at) {
        int value = buffer.getInt(at);
        return isNative(buffer) ? value : Integer.reverseBytes(value);
    }

    static void putInt(ByteBuffer buffer, int at, int value) {
        buffer.putInt(at, isNative(buffer) ? value : Integer.reverseBytes(value));
    }

    static long getLong(ByteBuffer buffer, int at) {
        long value = buffer.getLong(at);
        return isNative(buffer) ? value : Long.reverseBytes(value);
    }

    static void putLong(ByteBuffer buffer, int at, long value) {
        buffer.putLong(at, isNative(buffer) ? value : Long.reverseBytes(value));
    }

    static float getFloat(ByteBuffer buffer, int at) {
        return Float.intBitsToFloat(getInt(buffer, at));
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

    /**
     * Whether the buffer's own order is the native one, as for every segment buffer; then its
     * absolute getters and setters apply as they are (in JDK 17 they compile to less than a
     * {@code byteBufferViewVarHandle}'s plain access), and otherwise the bytes are swapped.
     */
    private static boolean isNative(ByteBuffer buffer) {
        return buffer.order() == NATIVE;
    }

    // ---- arrays: read into new arrays or the caller's; writing takes the first `length` elements -----

    /**
     * The index, in the buffer's typed views ({@code asIntBuffer()} and the like), of the element of
     * {@code size} bytes at byte index {@code at}; -1 if no view reaches it as one element in native
     * order. Arrays go through the views where they can: a view copies them in bulk, several times
     * faster than an access per element (16 doubles: ~8 ns against ~20 ns). The views start at the
     * buffer's position.
     */
    private static int viewIndex(ByteBuffer buffer, int at, int size) {
        int fromPosition = at - buffer.position();
        return isNative(buffer) && fromPosition >= 0 && fromPosition % size == 0 ? fromPosition / size : -1;
    }

    static boolean[] getBooleans(ByteBuffer buffer, int at, int length) {
        boolean[] values = new boolean[length];
        getBooleans(buffer, at, values, length);
        return values;
    }

    static void getBooleans(ByteBuffer buffer, int at, boolean[] into, int length) {
        for (int i = 0; i < length; i++) {
            into[i] = getBoolean(buffer, at + i);
        }
    }

    static void putBooleans(ByteBuffer buffer, int at, int length, boolean[] values) {
        for (int i = 0; i < length; i++) {
            putBoolean(buffer, at + i, values[i]);
        }
    }

    static byte[] getBytes(ByteBuffer buffer, int at, int length) {
        byte[] values = new byte[length];
        buffer.get(at, values);
        return values;
    }

    static void putBytes(ByteBuffer buffer, int at, int length, byte[] values) {
        buffer.put(at, values, 0, length);
    }

    static short[] getShorts(ByteBuffer buffer, int at, int length) {
        short[] values = new short[length];
        getShorts(buffer, at, values, length);
        return values;
    }

    static void getShorts(ByteBuffer buffer, int at, short[] into, int length) {
        int index = viewIndex(buffer, at, Short.BYTES);
        if (index >= 0) {
            buffer.asShortBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getShort(buffer, at + i * Short.BYTES);
        }
    }

    static void putShorts(ByteBuffer buffer, int at, int length, short[] values) {
        int index = viewIndex(buffer, at, Short.BYTES);
        if (index >= 0) {
            buffer.asShortBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putShort(buffer, at + i * Short.BYTES, values[i]);
        }
    }

    static char[] getChars(ByteBuffer buffer, int at, int length) {
        char[] values = new char[length];
        getChars(buffer, at, values, length);
        return values;
    }

    static void getChars(ByteBuffer buffer, int at, char[] into, int length) {
        int index = viewIndex(buffer, at, Character.BYTES);
        if (index >= 0) {
            buffer.asCharBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getChar(buffer, at + i * Character.BYTES);
        }
    }

    static void putChars(ByteBuffer buffer, int at, int length, char[] values) {
        int index = viewIndex(buffer, at, Character.BYTES);
        if (index >= 0) {
            buffer.asCharBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putChar(buffer, at + i * Character.BYTES, values[i]);
        }
    }

    static int[] getInts(ByteBuffer buffer, int at, int length) {
        int[] values = new int[length];
        getInts(buffer, at, values, length);
        return values;
    }

    static void getInts(ByteBuffer buffer, int at, int[] into, int length) {
        int index = viewIndex(buffer, at, Integer.BYTES);
        if (index >= 0) {
            buffer.asIntBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getInt(buffer, at + i * Integer.BYTES);
        }
    }

    static void putInts(ByteBuffer buffer, int at, int length, int[] values) {
        int index = viewIndex(buffer, at, Integer.BYTES);
        if (index >= 0) {
            buffer.asIntBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putInt(buffer, at + i * Integer.BYTES, values[i]);
        }
    }

    static long[] getLongs(ByteBuffer buffer, int at, int length) {
        long[] values = new long[length];
        getLongs(buffer, at, values, length);
        return values;
    }

    static void getLongs(ByteBuffer buffer, int at, long[] into, int length) {
        int index = viewIndex(buffer, at, Long.BYTES);
        if (index >= 0) {
            buffer.asLongBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getLong(buffer, at + i * Long.BYTES);
        }
    }

    static void putLongs(ByteBuffer buffer, int at, int length, long[] values) {
        int index = viewIndex(buffer, at, Long.BYTES);
        if (index >= 0) {
            buffer.asLongBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putLong(buffer, at + i * Long.BYTES, values[i]);
        }
    }

    static float[] getFloats(ByteBuffer buffer, int at, int length) {
        float[] values = new float[length];
        getFloats(buffer, at, values, length);
        return values;
    }

    static void getFloats(ByteBuffer buffer, int at, float[] into, int length) {
        int index = viewIndex(buffer, at, Float.BYTES);
        if (index >= 0) {
            buffer.asFloatBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getFloat(buffer, at + i * Float.BYTES);
        }
    }

    static void putFloats(ByteBuffer buffer, int at, int length, float[] values) {
        int index = viewIndex(buffer, at, Float.BYTES);
        if (index >= 0) {
            buffer.asFloatBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putFloat(buffer, at + i * Float.BYTES, values[i]);
        }
    }

    static double[] getDoubles(ByteBuffer buffer, int at, int length) {
        double[] values = new double[length];
        getDoubles(buffer, at, values, length);
        return values;
    }

    static void getDoubles(ByteBuffer buffer, int at, double[] into, int length) {
        int index = viewIndex(buffer, at, Double.BYTES);
        if (index >= 0) {
            buffer.asDoubleBuffer().get(index, into, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            into[i] = getDouble(buffer, at + i * Double.BYTES);
        }
    }

    static void putDoubles(ByteBuffer buffer, int at, int length, double[] values) {
        int index = viewIndex(buffer, at, Double.BYTES);
        if (index >= 0) {
            buffer.asDoubleBuffer().put(index, values, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            putDouble(buffer, at + i * Double.BYTES, values[i]);
        }
    }
}
