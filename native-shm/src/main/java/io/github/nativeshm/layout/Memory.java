package io.github.nativeshm.layout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Primitive values and primitive arrays at absolute byte indexes of a buffer, in the native byte
 * order whatever the buffer's own {@link ByteBuffer#order()}. Every access is bounds-checked by
 * the buffer. A boolean is one byte: 1 for true, 0 for false; any non-zero byte reads as true.
 * Array methods are named after the element accessors with an {@code s}: {@code getInts}.
 */
final class Memory {
    private static final VarHandle SHORT = view(short[].class);
    private static final VarHandle CHAR = view(char[].class);
    private static final VarHandle INT = view(int[].class);
    private static final VarHandle LONG = view(long[].class);
    private static final VarHandle FLOAT = view(float[].class);
    private static final VarHandle DOUBLE = view(double[].class);

    private Memory() {
    }

    private static VarHandle view(Class<?> arrayType) {
        return MethodHandles.byteBufferViewVarHandle(arrayType, ByteOrder.nativeOrder());
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
        return (short) SHORT.get(buffer, at);
    }

    static void putShort(ByteBuffer buffer, int at, short value) {
        SHORT.set(buffer, at, value);
    }

    static char getChar(ByteBuffer buffer, int at) {
        return (char) CHAR.get(buffer, at);
    }

    static void putChar(ByteBuffer buffer, int at, char value) {
        CHAR.set(buffer, at, value);
    }

    static int getInt(ByteBuffer buffer, int at) {
        return (int) INT.get(buffer, at);
    }

    static void putInt(ByteBuffer buffer, int at, int value) {
        INT.set(buffer, at, value);
    }

    static long getLong(ByteBuffer buffer, int at) {
        return (long) LONG.get(buffer, at);
    }

    static void putLong(ByteBuffer buffer, int at, long value) {
        LONG.set(buffer, at, value);
    }

    static float getFloat(ByteBuffer buffer, int at) {
        return (float) FLOAT.get(buffer, at);
    }

    static void putFloat(ByteBuffer buffer, int at, float value) {
        FLOAT.set(buffer, at, value);
    }

    static double getDouble(ByteBuffer buffer, int at) {
        return (double) DOUBLE.get(buffer, at);
    }

    static void putDouble(ByteBuffer buffer, int at, double value) {
        DOUBLE.set(buffer, at, value);
    }

    // ---- arrays: new arrays on reading; writing takes the first `length` elements ------------------

    static boolean[] getBooleans(ByteBuffer buffer, int at, int length) {
        boolean[] values = new boolean[length];
        for (int i = 0; i < length; i++) {
            values[i] = getBoolean(buffer, at + i);
        }
        return values;
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
        for (int i = 0; i < length; i++) {
            values[i] = getShort(buffer, at + i * Short.BYTES);
        }
        return values;
    }

    static void putShorts(ByteBuffer buffer, int at, int length, short[] values) {
        for (int i = 0; i < length; i++) {
            putShort(buffer, at + i * Short.BYTES, values[i]);
        }
    }

    static char[] getChars(ByteBuffer buffer, int at, int length) {
        char[] values = new char[length];
        for (int i = 0; i < length; i++) {
            values[i] = getChar(buffer, at + i * Character.BYTES);
        }
        return values;
    }

    static void putChars(ByteBuffer buffer, int at, int length, char[] values) {
        for (int i = 0; i < length; i++) {
            putChar(buffer, at + i * Character.BYTES, values[i]);
        }
    }

    static int[] getInts(ByteBuffer buffer, int at, int length) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = getInt(buffer, at + i * Integer.BYTES);
        }
        return values;
    }

    static void putInts(ByteBuffer buffer, int at, int length, int[] values) {
        for (int i = 0; i < length; i++) {
            putInt(buffer, at + i * Integer.BYTES, values[i]);
        }
    }

    static long[] getLongs(ByteBuffer buffer, int at, int length) {
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = getLong(buffer, at + i * Long.BYTES);
        }
        return values;
    }

    static void putLongs(ByteBuffer buffer, int at, int length, long[] values) {
        for (int i = 0; i < length; i++) {
            putLong(buffer, at + i * Long.BYTES, values[i]);
        }
    }

    static float[] getFloats(ByteBuffer buffer, int at, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = getFloat(buffer, at + i * Float.BYTES);
        }
        return values;
    }

    static void putFloats(ByteBuffer buffer, int at, int length, float[] values) {
        for (int i = 0; i < length; i++) {
            putFloat(buffer, at + i * Float.BYTES, values[i]);
        }
    }

    static double[] getDoubles(ByteBuffer buffer, int at, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = getDouble(buffer, at + i * Double.BYTES);
        }
        return values;
    }

    static void putDoubles(ByteBuffer buffer, int at, int length, double[] values) {
        for (int i = 0; i < length; i++) {
            putDouble(buffer, at + i * Double.BYTES, values[i]);
        }
    }
}
