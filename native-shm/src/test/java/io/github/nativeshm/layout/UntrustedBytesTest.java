/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.Validated;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whatever another process left in memory, reading yields a record or a clean exception: never
 * another exception, a crash, or a read outside the buffer.
 */
class UntrustedBytesTest {
    private static final int BUFFERS = 10_000;

    @Test
    void anyBytesReadAsARecordWhoseFieldsTheGettersAgreeWith() {
        Random random = new Random(9);
        for (Class<? extends Record> type : Shapes.ALL) {
            if (type == Validated.class) {
                continue;
            }
            Layout<?> layout = Layout.of(type);
            RecordComponent[] components = type.getRecordComponents();
            for (int i = 0; i < BUFFERS; i++) {
                ByteBuffer buffer = ReadWriteTest.garbage(random, layout.size(), i % 2 == 0);
                Record record = layout.read(buffer, 0);
                for (int c = 0; c < components.length; c++) {
                    Object value = RecordValues.value(record, components[c]);
                    if (value instanceof String text) {
                        assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                                "well-formed text");
                    }
                    if (!(value instanceof Record) && !value.getClass().isArray()) {
                        Field field = layout.fields().get(c);
                        assertEquals(ReadWriteTest.bits(value), ReadWriteTest.bits(ReadWriteTest.get(field, buffer, 0)),
                                field.toString());
                    }
                }
            }
        }
    }

    @Test
    void aRecordThatRefusesItsValuesThrowsItsOwnException() {
        Random random = new Random(10);
        Layout<Validated> layout = Layout.of(Validated.class);
        int records = 0;
        int refused = 0;
        for (int i = 0; i < BUFFERS; i++) {
            try {
                assertTrue(layout.read(ReadWriteTest.garbage(random, layout.size(), false), 0).count() >= 0);
                records++;
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("count must not be negative, count=-"), e.getMessage());
                refused++;
            }
        }
        assertTrue(records > BUFFERS / 3 && refused > BUFFERS / 3, records + " records, " + refused + " refused");
    }

    @Test
    void anyOffsetInAnyBufferReadsARecordOrThrowsIndexOutOfBounds() {
        Random random = new Random(11);
        Layout<Shapes.Tick> layout = Layout.of(Shapes.Tick.class);
        Field symbol = layout.field("symbol");
        int inside = 0;
        for (int i = 0; i < BUFFERS; i++) {
            ByteBuffer buffer = ReadWriteTest.garbage(random, random.nextInt(3 * layout.size()), i % 2 == 0);
            int offset = switch (random.nextInt(3)) {
                case 0 -> random.nextInt();
                case 1 -> random.nextInt(buffer.capacity() + 1) - layout.size();
                default -> random.nextInt(buffer.capacity() + 1);
            };
            boolean fits = offset >= 0 && (long) offset + layout.size() <= buffer.capacity();
            try {
                layout.read(buffer, offset);
                symbol.getString(buffer, offset);
                assertTrue(fits, "read at " + offset + " of " + buffer.capacity());
                inside++;
            } catch (IndexOutOfBoundsException e) {
                if (fits) {
                    fail("refused a struct that fits, at " + offset + " of " + buffer.capacity(), e);
                }
            }
        }
        assertTrue(inside > BUFFERS / 10, inside + " reads inside");
    }
}
