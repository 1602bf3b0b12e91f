package io.github.nativeshm.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Ordered and atomic access to ints and longs in a segment buffer, and fixed-size strings. */
final class Memory {
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Never written: the source of {@link #zero}'s copies. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(4096);

    private Memory() {
    }

    /**
     * Zeroes {@code length} bytes from {@code offset} with bulk copies from a direct zero buffer: a
     * store per long through the buffer made a ring append twice as slow (a 64-byte slot: ~20 ns
     * of ~40 in one thread), and across processes copies from a heap array measured slower too.
     */
    static void zero(ByteBuffer buffer, int offset, int length) {
        for (int done = 0; done < length; done += ZEROS.capacity()) {
            buffer.put(offset + done, ZEROS, 0, Math.min(ZEROS.capacity(), length - done));
        }
    }

    /** Reads a NUL-padded UTF-8 field; malformed bytes become U+FFFD. */
    static String getFixedString(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Writes a NUL-padded UTF-8 field; the caller checked that the text fits. */
    static void putFixedString(ByteBuffer buffer, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.put(offset, bytes);
        for (int i = bytes.length; i < length; i++) {
            buffer.put(offset + i, (byte) 0);
        }
    }
}
