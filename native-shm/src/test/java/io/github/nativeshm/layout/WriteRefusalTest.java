/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.Deep;
import io.github.nativeshm.layout.Shapes.Inner;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Nested;
import io.github.nativeshm.layout.Shapes.Small;
import io.github.nativeshm.layout.Shapes.WithArrays;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What cannot be written is refused before a single byte changes, with a message that names the field. */
class WriteRefusalTest {
    private static final Small SMALL = new Small((short) 1, (byte) 2);
    private static final Inner INNER = new Inner((byte) 3, 4);

    private static WithArrays withArrays(Small[] smalls, short[] shorts) {
        return new WithArrays(smalls, new Inner[] {INNER, INNER}, shorts, new double[2], (byte) 5);
    }

    @Test
    void aNullOrWrongLengthArrayIsRefused() {
        Layout<WithArrays> layout = Layout.of(WithArrays.class);
        Small[] smalls = {SMALL, SMALL, SMALL};
        assertRefused("WithArrays.shorts is null; expected short[3]", layout, withArrays(smalls, null));
        assertRefused("WithArrays.shorts has 2 elements; expected 3, for short[3]", layout,
                withArrays(smalls, new short[2]));
        assertRefused("WithArrays.shorts has 4 elements; expected 3, for short[3]", layout,
                withArrays(smalls, new short[4]));
        assertRefused("WithArrays.smalls has 4 elements; expected 3, for Small[3]", layout,
                withArrays(new Small[] {SMALL, SMALL, SMALL, SMALL}, new short[3]));
        assertRefused("WithArrays.smalls[1] is null; expected Small", layout,
                withArrays(new Small[] {SMALL, null, SMALL}, new short[3]));
        assertRefused("WithArrays.smalls is null; expected Small[3]", layout, withArrays(null, new short[3]));
    }

    @Test
    void aNullNestedRecordIsRefusedAtAnyDepth() {
        assertRefused("Nested.inner is null; expected Inner", Layout.of(Nested.class),
                new Nested((byte) 1, null, SMALL, (byte) 2));
        Nested nested = new Nested((byte) 1, INNER, SMALL, (byte) 2);
        WithArrays nullSmalls = withArrays(new Small[3], new short[3]);
        Deep deep = new Deep(new Nested[] {nested, nested}, new WithArrays[] {nullSmalls}, (short) 9);
        assertRefused("WithArrays.smalls[0] is null; expected Small", Layout.of(Deep.class), deep);
    }

    @Test
    void aNullRecordIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Layout.of(Item.class).write(ByteBuffer.allocate(16), 0, null));
        assertEquals("cannot write a null Item", e.getMessage());
    }

    @Test
    void offsetsOutsideTheBufferAreRefusedWithoutTouchingMemoryAround() {
        Layout<Item> layout = Layout.of(Item.class);
        ByteBuffer whole = ByteBuffer.allocateDirect(96);
        fill(whole, new Random(5));
        ByteBuffer window = whole.slice(32, 40); // bytes 32..72 of whole
        byte[] before = bytes(whole);
        for (int offset : new int[] {-1, -16, 40 - 16 + 1, 40, 41, Integer.MAX_VALUE, Integer.MAX_VALUE - 8,
                Integer.MIN_VALUE}) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> layout.write(window, offset, new Item(1, "x", (short) 1)), "write at " + offset);
            assertEquals("Item (16 bytes) at offset " + offset + " is outside the buffer of 40 bytes", e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> layout.read(window, offset), "read at " + offset);
            assertThrows(IndexOutOfBoundsException.class, () -> layout.field("qty").getShort(window, offset),
                    "a field at " + offset);
        }
        assertArrayEquals(before, bytes(whole), "nothing changed");

        layout.write(window, 40 - 16, new Item(-1, "abcde", (short) -1));
        byte[] after = bytes(whole);
        assertArrayEquals(Arrays.copyOfRange(before, 72, 96), Arrays.copyOfRange(after, 72, 96),
                "nothing after the window");
        assertArrayEquals(Arrays.copyOfRange(before, 0, 56), Arrays.copyOfRange(after, 0, 56),
                "nothing before the struct");
    }

    @Test
    void aFieldOutsideTheBufferNamesTheFieldAndTheBytes() {
        Field qty = Layout.of(Item.class).field("qty");
        assertEquals(-1, qty.getShort(ByteBuffer.allocate(16).putShort(14, (short) -1), 0));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> qty.getShort(ByteBuffer.allocate(16), 1));
        assertEquals("Item.qty of the struct at 1 (bytes 15..17) is outside the buffer of 16 bytes", e.getMessage());
        assertEquals(0, qty.getShort(ByteBuffer.allocate(16), 0), "a field needs only its own bytes in the buffer");
        assertEquals(0, qty.getShort(ByteBuffer.allocate(17), 1));
    }

    @Test
    void aReadOnlyBufferIsRefusedAndStillReadable() {
        Layout<Item> layout = Layout.of(Item.class);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        layout.write(buffer, 0, new Item(7, "tea", (short) 3));
        ByteBuffer readOnly = buffer.asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> layout.write(readOnly, 0, new Item(8, "pot", (short) 4)));
        assertEquals(new Item(7, "tea", (short) 3), layout.read(readOnly, 0));
    }

    /** Writing {@code value} throws with {@code message} and leaves every byte as it was. */
    private static <R extends Record> void assertRefused(String message, Layout<R> layout, R value) {
        ByteBuffer buffer = ByteBuffer.allocate(layout.size() + 16);
        fill(buffer, new Random(6));
        byte[] before = bytes(buffer);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.write(buffer, 8, value));
        assertEquals(message, e.getMessage());
        assertArrayEquals(before, bytes(buffer), "nothing written");
    }

    private static void fill(ByteBuffer buffer, Random random) {
        byte[] bytes = new byte[buffer.capacity()];
        random.nextBytes(bytes);
        buffer.put(0, bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.get(0, bytes);
        return bytes;
    }
}
