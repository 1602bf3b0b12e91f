/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.Segment;
import io.github.nativeshm.layout.Shapes.ByteThenLong;
import io.github.nativeshm.layout.Shapes.Inner;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Nested;
import io.github.nativeshm.layout.Shapes.Small;
import io.github.nativeshm.layout.Shapes.TailPadded;
import io.github.nativeshm.layout.Shapes.Tick;
import io.github.nativeshm.layout.Shapes.WithArrays;
import io.github.nativeshm.layout.elsewhere.Elsewhere;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Records survive a trip through memory, and single fields read the same as whole records. */
@ExtendWith(TestSegments.class)
class ReadWriteTest {
    private static final List<Class<? extends Record>> RANDOMIZABLE = Shapes.ALL.stream()
            .filter(type -> type != Shapes.Validated.class).toList();

    @Test
    void randomRecordsOfEveryShapeSurviveARoundTripAtAnyOffsetPositionAndOrder() {
        Random random = new Random(1);
        for (Class<? extends Record> type : RANDOMIZABLE) {
            for (int i = 0; i < 300; i++) {
                Record original = RecordValues.random(type, random);
                ByteBuffer buffer = anyPositionAndOrder(garbage(random, 512, i % 2 == 0), random);
                int offset = random.nextInt(512 - Layout.of(type).size() + 1);
                Record read = roundTrip(Layout.of(type), buffer, offset, original);
                assertEquals(RecordValues.flatten(original), RecordValues.flatten(read),
                        type.getSimpleName() + " #" + i);
            }
        }
    }

    @Test
    void flyweightGettersReadWhatTheRecordHolds() {
        Random random = new Random(2);
        for (Class<? extends Record> type : RANDOMIZABLE) {
            Layout<?> layout = Layout.of(type);
            for (int i = 0; i < 100; i++) {
                Record record = RecordValues.random(type, random);
                ByteBuffer buffer = anyPositionAndOrder(garbage(random, 256, i % 2 == 1), random);
                int base = random.nextInt(256 - layout.size() + 1);
                roundTrip(layout, buffer, base, record);
                RecordComponent[] components = type.getRecordComponents();
                for (int c = 0; c < components.length; c++) {
                    Field field = layout.fields().get(c);
                    Object expected = RecordValues.value(record, components[c]);
                    if (expected.getClass().isArray() && expected.getClass().getComponentType().isPrimitive()) {
                        assertEquals(RecordValues.flattenValue(expected), RecordValues.flattenValue(getArray(field, buffer, base)),
                                field + " in a " + buffer);
                    } else if (!(expected instanceof Record) && !expected.getClass().isArray()) {
                        assertEquals(bits(expected), bits(get(field, buffer, base)), field.toString());
                    }
                }
            }
        }
    }

    @Test
    void flyweightArraySettersWriteWhatTheRecordWouldHold() {
        Random random = new Random(3);
        for (Class<? extends Record> type : RANDOMIZABLE) {
            Layout<?> layout = Layout.of(type);
            for (int i = 0; i < 100; i++) {
                Record before = RecordValues.random(type, random);
                Record wanted = RecordValues.random(type, random);
                ByteBuffer buffer = anyPositionAndOrder(garbage(random, 256, i % 2 == 0), random);
                int base = random.nextInt(256 - layout.size() + 1);
                roundTrip(layout, buffer, base, before);
                RecordComponent[] components = type.getRecordComponents();
                for (int c = 0; c < components.length; c++) {
                    Field field = layout.fields().get(c);
                    Object value = RecordValues.value(wanted, components[c]);
                    if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
                        putArray(field, buffer, base, value, random.nextInt(3)); // 0-2 spare elements: ignored
                        assertEquals(RecordValues.flattenValue(value), RecordValues.flattenValue(getArray(field, buffer, base)),
                                field + " in a " + buffer);
                    }
                }
                Record read = layout.read(buffer, base);
                for (RecordComponent component : components) {
                    Object value = RecordValues.value(wanted, component);
                    Object got = RecordValues.value(read, component);
                    String what = component + ": the setters write their own field and nothing else";
                    if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
                        assertEquals(RecordValues.flattenValue(value), RecordValues.flattenValue(got), what);
                    } else if (value instanceof Record) {
                        assertEquals(RecordValues.flatten((Record) RecordValues.value(before, component)),
                                RecordValues.flatten((Record) got), what);
                    } else if (!value.getClass().isArray()) {
                        assertEquals(RecordValues.value(before, component), got, what);
                    }
                }
            }
        }
    }

    @Test
    void anArraySetterChecksTypeLengthAndBoundsBeforeItWritesAnything() {
        Layout<Shapes.AllArrays> layout = Layout.of(Shapes.AllArrays.class);
        Field longs = layout.field("j");
        ByteBuffer buffer = ByteBuffer.allocate(layout.size()).order(ByteOrder.nativeOrder());
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> longs.putLongs(buffer, 0, new long[] {7}));
        assertEquals("AllArrays.j has 2 elements; the array to copy them from has 1", shorter.getMessage());
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> longs.putInts(buffer, 0, new int[] {1, 2}));
        assertEquals("AllArrays.j is int64_t[2] (long[]), not int[]", other.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> longs.putLongs(buffer, layout.size() - 40 + 1, new long[] {1, 2}));
        assertThrows(IndexOutOfBoundsException.class, () -> longs.putLongs(buffer, -1, new long[] {1, 2}));
        assertThrows(NullPointerException.class, () -> longs.putLongs(buffer, 0, null));
        assertEquals(ByteBuffer.allocate(layout.size()), buffer.clear(), "nothing was written by a refused call");

        Field code = Layout.of(Item.class).field("code"); // char[5]: its raw bytes, as getBytes gives them
        ByteBuffer item = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        code.putBytes(item, 0, new byte[] {'a', 'b', 0, 'x', 'y', 'z'});
        assertEquals("ab", code.getString(item, 0));
        byte[] raw = new byte[5];
        code.getBytes(item, 0, raw);
        assertEquals(List.of((byte) 'a', (byte) 'b', (byte) 0, (byte) 'x', (byte) 'y'),
                List.of(raw[0], raw[1], raw[2], raw[3], raw[4]));
        assertEquals(0, item.get(8 + 5), "the sixth element of the array is not written");
    }

    @Test
    void aGetterForAnotherTypeNamesTheFieldAndItsType() {
        Layout<Tick> tick = Layout.of(Tick.class);
        ByteBuffer buffer = ByteBuffer.allocate(tick.size());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tick.field("sequence").getInt(buffer, 0));
        assertEquals("Tick.sequence is int64_t (long), not int", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> tick.field("lots").getString(buffer, 0));
        assertEquals("Tick.lots is int16_t[3] (short[]), not String", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> tick.field("best").getLong(buffer, 0));
        assertEquals("Tick.best is struct Price (Price), not long", e.getMessage());
        assertThrows(IllegalStateException.class, () -> tick.field("symbol").getChar(buffer, 0));
        assertThrows(IllegalStateException.class, () -> tick.field("flag").getShort(buffer, 0));
    }

    @Test
    void textIsCutAtACharacterBoundaryAndMayFillEveryByte() {
        assertStored("abcde", "6162636465", "abcde");         // 5 bytes in 5: no NUL
        assertStored("abcdé", "6162636400", "abcd");          // é would need bytes 5 and 6
        assertStored("a😀", "61f09f9880", "a😀");              // a 4-byte character that just fits
        assertStored("ab😀", "6162000000", "ab");              // one that does not: nothing of it
        assertStored("€€", "e282ac0000", "€");
        assertStored(null, "0000000000", "");
        assertStored("x\u0000y", "7800790000", "x");          // text ends at the first NUL
        assertStored("\uD800z", "3f7a000000", "?z");           // an unpaired surrogate, as String.getBytes does
    }

    private static void assertStored(String written, String bytes, String read) {
        Layout<Item> layout = Layout.of(Item.class);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        layout.write(buffer, 0, new Item(1, written, (short) 2));
        byte[] code = new byte[5];
        buffer.get(8, code);
        assertEquals(bytes, HexFormat.of().formatHex(code), "bytes of " + written);
        assertEquals(read, layout.read(buffer, 0).code(), "read back");
        assertEquals(read, layout.field("code").getString(buffer, 0), "read by the field");
        assertEquals(2, layout.read(buffer, 0).qty(), "the next field is intact");
    }

    @Test
    void readRecordsHaveTheirOwnArrays() {
        Layout<WithArrays> layout = Layout.of(WithArrays.class);
        ByteBuffer buffer = ByteBuffer.allocateDirect(layout.size());
        layout.write(buffer, 0, RecordValues.random(WithArrays.class, new Random(3)));
        WithArrays first = layout.read(buffer, 0);
        WithArrays second = layout.read(buffer, 0);
        assertNotSame(first.shorts(), second.shorts());
        assertNotSame(first.smalls(), second.smalls());
        short before = first.shorts()[0];
        first.shorts()[0] = (short) ~before;
        assertEquals(before, layout.read(buffer, 0).shorts()[0], "the buffer is untouched");
        assertEquals(Small[].class, first.smalls().getClass(), "arrays of records have their record's type");
    }

    @Test
    void paddingIsWrittenAsZeros() {
        assertPadding(Layout.of(ByteThenLong.class), new ByteThenLong((byte) -1, -1),
                "ff00000000000000ffffffffffffffff");
        assertPadding(Layout.of(TailPadded.class), new TailPadded(-1, (byte) -1),
                "ffffffffffffffffff00000000000000");
        assertPadding(Layout.of(Nested.class),
                new Nested((byte) -1, new Inner((byte) -1, -1), new Small((short) -1, (byte) -1), (byte) -1),
                "ff00000000000000" + "ff00000000000000ffffffffffffffff" + "ffffff00" + "ff000000");
    }

    private static <R extends Record> void assertPadding(Layout<R> layout, R value, String expected) {
        ByteBuffer buffer = ByteBuffer.allocate(layout.size() + 1);
        buffer.put(layout.size(), (byte) 0x5A);
        for (int i = 0; i < layout.size(); i++) {
            buffer.put(i, (byte) 0xEE);
        }
        layout.write(buffer, 0, value);
        byte[] bytes = new byte[layout.size()];
        buffer.get(0, bytes);
        assertEquals(expected, HexFormat.of().formatHex(bytes), layout.name());
        assertEquals(0x5A, buffer.get(layout.size()), "the byte after the struct");
    }

    @Test
    void valuesAreInNativeOrderWhateverTheBufferSays() {
        Layout<ByteThenLong> layout = Layout.of(ByteThenLong.class);
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer buffer = ByteBuffer.allocate(16).order(foreign);
        layout.write(buffer, 0, new ByteThenLong((byte) 1, 0x0102030405060708L));
        assertEquals(0x0102030405060708L, buffer.order(ByteOrder.nativeOrder()).getLong(8));
        assertEquals(0x0102030405060708L, layout.read(buffer.order(foreign), 0).l());
    }

    @Test
    void recordsGoThroughASharedMemorySegment() {
        Layout<Tick> layout = Layout.of(Tick.class);
        String name = TestSegments.uniqueName();
        Random random = new Random(4);
        Tick[] ticks = new Tick[10];
        try {
            try (Segment segment = Segment.create(name, 4096)) {
                ByteBuffer memory = segment.buffer();
                for (int i = 0; i < ticks.length; i++) {
                    ticks[i] = RecordValues.random(Tick.class, random);
                    layout.write(memory, 8 + i * layout.size(), ticks[i]);
                }
                assertThrows(IndexOutOfBoundsException.class,
                        () -> layout.write(memory, 4096 - layout.size() + 1, ticks[0]));
            }
            try (Segment segment = Segment.openReadOnly(name)) {
                for (int i = 0; i < ticks.length; i++) {
                    assertEquals(RecordValues.flatten(ticks[i]),
                            RecordValues.flatten(layout.read(segment.buffer(), 8 + i * layout.size())), "tick " + i);
                }
            }
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void recordsOfOtherPackagesAndLocalRecordsRoundTrip() {
        Record hidden = Elsewhere.hidden(-42);
        assertEquals(hidden, roundTrip(Layout.of(Elsewhere.hiddenType()), ByteBuffer.allocate(8), 0, hidden));
        Elsewhere.Visible visible = new Elsewhere.Visible(7, "ab");
        assertEquals(visible, roundTrip(Layout.of(Elsewhere.Visible.class), ByteBuffer.allocate(8), 0, visible));
        record Local(char c, float f) {
        }
        Local local = new Local('λ', -1.5f);
        assertEquals(local, roundTrip(Layout.of(Local.class), ByteBuffer.allocate(8), 0, local));
    }

    /** Writes {@code value} with {@code layout} and reads it back. */
    static <R extends Record> R roundTrip(Layout<R> layout, ByteBuffer buffer, int offset, Record value) {
        layout.write(buffer, offset, layout.type().cast(value));
        return layout.read(buffer, offset);
    }

    /** A buffer of random bytes, heap or direct. */
    static ByteBuffer garbage(Random random, int size, boolean direct) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        return buffer.put(0, bytes);
    }

    /**
     * The buffer with its position moved by 0 to 7 bytes and either byte order: arrays are copied
     * in bulk through the buffer's typed views where those reach them (native order, a whole number
     * of elements past the position) and element by element elsewhere; both must agree.
     */
    private static ByteBuffer anyPositionAndOrder(ByteBuffer buffer, Random random) {
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        return buffer.position(random.nextInt(8)).order(random.nextBoolean() ? ByteOrder.nativeOrder() : foreign);
    }

    /** Writes a primitive array field through the array setter of its type, from an array {@code spare} elements longer. */
    static void putArray(Field field, ByteBuffer buffer, int base, Object values, int spare) {
        Class<?> type = field.javaType();
        int length = java.lang.reflect.Array.getLength(values);
        if (type == boolean[].class) {
            field.putBooleans(buffer, base, java.util.Arrays.copyOf((boolean[]) values, length + spare));
        } else if (type == byte[].class) {
            field.putBytes(buffer, base, java.util.Arrays.copyOf((byte[]) values, length + spare));
        } else if (type == short[].class) {
            field.putShorts(buffer, base, java.util.Arrays.copyOf((short[]) values, length + spare));
        } else if (type == char[].class) {
            field.putChars(buffer, base, java.util.Arrays.copyOf((char[]) values, length + spare));
        } else if (type == int[].class) {
            field.putInts(buffer, base, java.util.Arrays.copyOf((int[]) values, length + spare));
        } else if (type == long[].class) {
            field.putLongs(buffer, base, java.util.Arrays.copyOf((long[]) values, length + spare));
        } else if (type == float[].class) {
            field.putFloats(buffer, base, java.util.Arrays.copyOf((float[]) values, length + spare));
        } else if (type == double[].class) {
            field.putDoubles(buffer, base, java.util.Arrays.copyOf((double[]) values, length + spare));
        } else {
            throw new AssertionError(field + " is no primitive array");
        }
    }

    /** A primitive array field, copied through the array getter of its type into a new array. */
    static Object getArray(Field field, ByteBuffer buffer, int base) {
        Class<?> type = field.javaType();
        int length = field.length();
        if (type == boolean[].class) {
            boolean[] into = new boolean[length];
            field.getBooleans(buffer, base, into);
            return into;
        } else if (type == byte[].class) {
            byte[] into = new byte[length];
            field.getBytes(buffer, base, into);
            return into;
        } else if (type == short[].class) {
            short[] into = new short[length];
            field.getShorts(buffer, base, into);
            return into;
        } else if (type == char[].class) {
            char[] into = new char[length];
            field.getChars(buffer, base, into);
            return into;
        } else if (type == int[].class) {
            int[] into = new int[length];
            field.getInts(buffer, base, into);
            return into;
        } else if (type == long[].class) {
            long[] into = new long[length];
            field.getLongs(buffer, base, into);
            return into;
        } else if (type == float[].class) {
            float[] into = new float[length];
            field.getFloats(buffer, base, into);
            return into;
        }
        double[] into = new double[length];
        field.getDoubles(buffer, base, into);
        return into;
    }

    /** The value of a scalar or String field, through the getter of its type. */
    static Object get(Field field, ByteBuffer buffer, int base) {
        Class<?> type = field.javaType();
        if (type == boolean.class) {
            return field.getBoolean(buffer, base);
        } else if (type == byte.class) {
            return field.getByte(buffer, base);
        } else if (type == short.class) {
            return field.getShort(buffer, base);
        } else if (type == char.class) {
            return field.getChar(buffer, base);
        } else if (type == int.class) {
            return field.getInt(buffer, base);
        } else if (type == long.class) {
            return field.getLong(buffer, base);
        } else if (type == float.class) {
            return field.getFloat(buffer, base);
        } else if (type == double.class) {
            return field.getDouble(buffer, base);
        }
        return field.getString(buffer, base);
    }

    /** Floating point numbers as their exact bits, so that NaNs compare by payload; anything else as is. */
    static Object bits(Object value) {
        if (value instanceof Float f) {
            return Float.floatToRawIntBits(f);
        }
        return value instanceof Double d ? Double.doubleToRawLongBits(d) : value;
    }
}
