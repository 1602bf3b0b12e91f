/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.Tick;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which {@link NativeBytes} this JVM loaded — the JDK 17 one ({@code ByteBuffer} accessors) or,
 * from the multi-release jar on JDK 22+, its twin in {@code src/main/java22} (an FFM
 * {@code MemorySegment} over the buffer) — and that both behave the same at the edges: outside
 * the buffer, read-only, at any position and byte order, heap or direct. The build runs this class
 * (with the other layout tests) on the JDK 22+ against the jar, and on its own JDK against the jar
 * and against the classes directory (never multi-release); {@code -Dnativeshm.test.accessPath}
 * says what the run must find, and without it the JDK 17 path is expected.
 */
class AccessPathTest {
    private static final String MEMORY_SEGMENT = "MemorySegment";
    private static final String BYTE_BUFFER = "ByteBuffer";

    /** The twin declares ACCESS_PATH; the JDK 17 class has no such constant. */
    static String accessPath() {
        try {
            return (String) NativeBytes.class.getDeclaredField("ACCESS_PATH").get(null);
        } catch (NoSuchFieldException e) {
            return BYTE_BUFFER;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theExpectedAccessPathIsLoaded() {
        String expected = System.getProperty("nativeshm.test.accessPath", BYTE_BUFFER);
        String where = String.valueOf(NativeBytes.class.getResource("NativeBytes.class"));
        assertEquals(expected, accessPath(), "NativeBytes on JDK " + Runtime.version() + " from " + where);
        if (expected.equals(MEMORY_SEGMENT)) {
            assertTrue(Runtime.version().feature() >= 22, Runtime.version().toString());
            assertTrue(where.startsWith("jar:") && where.contains("!/META-INF/versions/22/"), where);
        } else {
            assertTrue(!where.contains("/META-INF/versions/"), where);
        }
    }

    @Test
    void fieldsOutsideTheBufferSayWhereAndTouchNothing() {
        Layout<Tick> tick = Layout.of(Tick.class);
        for (ByteBuffer buffer : buffers(tick.size() + 5)) {
            Field sequence = tick.field("sequence");
            int base = buffer.limit() - sequence.offset() - sequence.size() + 1; // its last byte one too far
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> sequence.getLong(buffer, base));
            assertEquals("Tick.sequence of the struct at " + base + " (bytes " + (base + sequence.offset()) + ".."
                    + (base + sequence.offset() + 8) + ") is outside the buffer of " + buffer.limit() + " bytes",
                    e.getMessage());
            assertEquals(0L, sequence.getLong(buffer, base - 1));
            assertThrows(IndexOutOfBoundsException.class, () -> sequence.putLong(buffer, base, 1L));
            assertThrows(IndexOutOfBoundsException.class, () -> sequence.putLong(buffer, -1, 1L));
            assertThrows(IndexOutOfBoundsException.class, () -> sequence.getLong(buffer, Integer.MAX_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> sequence.getLong(buffer, Integer.MIN_VALUE));
            Field lots = tick.field("lots");
            int lotsBase = buffer.limit() - lots.offset() - lots.size() + 1;
            assertThrows(IndexOutOfBoundsException.class, () -> lots.getShorts(buffer, lotsBase, new short[3]));
            Field symbol = tick.field("symbol");
            int symbolBase = buffer.limit() - symbol.offset() - symbol.size() + 1;
            assertThrows(IndexOutOfBoundsException.class, () -> symbol.getString(buffer, symbolBase));
            assertThrows(IndexOutOfBoundsException.class, () -> symbol.putString(buffer, symbolBase, "x"));
            int structBase = buffer.limit() - tick.size() + 1;
            IndexOutOfBoundsException read = assertThrows(IndexOutOfBoundsException.class,
                    () -> tick.read(buffer, structBase));
            assertEquals("Tick (" + tick.size() + " bytes) at offset " + structBase + " is outside the buffer of "
                    + buffer.limit() + " bytes", read.getMessage());
            assertEquals(0, countNonZero(buffer), "nothing written");
        }
    }

    @Test
    void theAccessorsThemselvesStopAtTheLimitWhateverThePosition() {
        for (ByteBuffer buffer : buffers(64)) {
            buffer.limit(40).position(24);
            assertEquals(0L, NativeBytes.getLong(buffer, 32));          // the last 8 bytes below the limit
            assertEquals(0L, NativeBytes.getLong(buffer, 0));           // below the position: absolute
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.getLong(buffer, 33));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.getInt(buffer, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.getByte(buffer, 40));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.putShort(buffer, 39, (short) 1));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.getDoubles(buffer, 8, new double[5], 5));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.putBytes(buffer, 30, 11, new byte[11]));
            assertThrows(IndexOutOfBoundsException.class, () -> NativeBytes.getInts(buffer, 0, new int[2], 3));
            assertEquals(24, buffer.position(), "the position is left alone");
            assertEquals(40, buffer.limit());
            buffer.clear();
            assertEquals(0, countNonZero(buffer), "nothing written");
        }
    }

    @Test
    void valuesAndArraysAreNativeOrderAtAnyIndexPositionAndBufferOrder() {
        for (ByteBuffer buffer : buffers(96)) {
            buffer.position(3);
            NativeBytes.putLong(buffer, 1, 0x0102030405060708L);       // unaligned, below the position
            NativeBytes.putDoubles(buffer, 17, 3, new double[] {1.5, -2.25, Double.longBitsToDouble(0x7ff0000000000123L)});
            NativeBytes.putChars(buffer, 41, 2, new char[] {'\u00e9', '\uffff'});
            NativeBytes.putBooleans(buffer, 45, 2, new boolean[] {true, false});
            NativeBytes.putFloat(buffer, 47, Float.intBitsToFloat(0x7f800001));
            ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
            assertEquals(0x0102030405060708L, view.getLong(1));
            assertEquals(Double.doubleToRawLongBits(-2.25), view.getLong(25));
            assertEquals(0x7ff0000000000123L, view.getLong(33));
            assertEquals('\u00e9', view.getChar(41));
            assertEquals(1, view.get(45));
            assertEquals(0x7f800001, view.getInt(47));
            assertEquals(0x0102030405060708L, NativeBytes.getLong(buffer, 1));
            double[] doubles = new double[4];
            NativeBytes.getDoubles(buffer, 17, doubles, 3);
            assertEquals(0x7ff0000000000123L, Double.doubleToRawLongBits(doubles[2]));
            assertEquals(0.0, doubles[3], "only the length asked for");
            assertArrayEquals(new char[] {'\u00e9', '\uffff'}, NativeBytes.getChars(buffer, 41, 2));
            view.put(46, (byte) 0x80);
            assertArrayEquals(new boolean[] {true, true}, NativeBytes.getBooleans(buffer, 45, 2), "any non-zero byte");
            assertEquals(0x7f800001, Float.floatToRawIntBits(NativeBytes.getFloat(buffer, 47)));
            assertEquals(3, buffer.position());
        }
    }

    @Test
    void aReadOnlyBufferRefusesWritesAsOnJdk17() {
        Layout<Tick> tick = Layout.of(Tick.class);
        for (ByteBuffer writable : buffers(tick.size())) {
            ByteBuffer buffer = writable.asReadOnlyBuffer();
            assertEquals(0L, tick.field("sequence").getLong(buffer, 0));
            assertThrows(ReadOnlyBufferException.class, () -> tick.field("sequence").putLong(buffer, 0, 1L));
            assertThrows(ReadOnlyBufferException.class, () -> NativeBytes.putBytes(buffer, 0, 2, new byte[] {1, 2}));
            assertThrows(ReadOnlyBufferException.class, () -> NativeBytes.putBooleans(buffer, 0, 1, new boolean[] {true}));
            assertThrows(ReadOnlyBufferException.class, () -> tick.write(buffer, 0, tick.read(buffer, 0)));
            assertEquals(0, countNonZero(writable));
        }
    }

    /** A heap, a direct and a foreign-order direct buffer of {@code size} zero bytes. */
    private static ByteBuffer[] buffers(int size) {
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new ByteBuffer[] {ByteBuffer.allocate(size), ByteBuffer.allocateDirect(size),
                ByteBuffer.allocateDirect(size).order(foreign)};
    }

    private static int countNonZero(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        int count = 0;
        for (byte b : bytes) {
            count += b == 0 ? 0 : 1;
        }
        return count;
    }
}
