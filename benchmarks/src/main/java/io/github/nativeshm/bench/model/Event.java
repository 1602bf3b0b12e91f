/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.model;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.structured.SlotReader;
import io.github.nativeshm.structured.SlotWriter;

import java.nio.ByteBuffer;

/**
 * A 64-byte ring record of primitives only, so that a ring benchmark measures the ring and not
 * string encoding. Agrona's side of a comparison writes the same 64 bytes.
 *
 * <pre>
 *   0 sequence  8 timestamp  16 price  24 quantity  32 orderId  40 venue  44 flags  48 a  56 b  64 end
 * </pre>
 */
public record Event(long sequence, long timestamp, double price, double quantity, long orderId, int venue, int flags,
                    long a, long b) {
    public static final int SIZE = 64;
    private static final Layout<Event> LAYOUT = Layout.of(Event.class);
    /** The sequence field, for in-place reads and writes. */
    public static final Field SEQUENCE = LAYOUT.field("sequence");

    public static Event of(long sequence) {
        return new Event(sequence, sequence, 100.25, 7.0, 42, 3, 1, 0, 0);
    }

    private static final Field TIMESTAMP = LAYOUT.field("timestamp");
    private static final Field PRICE = LAYOUT.field("price");
    private static final Field QUANTITY = LAYOUT.field("quantity");
    private static final Field ORDER_ID = LAYOUT.field("orderId");
    private static final Field VENUE = LAYOUT.field("venue");
    private static final Field FLAGS = LAYOUT.field("flags");
    private static final Field A = LAYOUT.field("a");
    private static final Field B = LAYOUT.field("b");

    /** An in-place writer of events, reused for every sequence number so that sending allocates nothing. */
    public abstract static sealed class SequencedWriter implements SlotWriter permits Writer, SequenceWriter {
        long sequence;

        /** This writer, set to write {@code sequence}. */
        public SequencedWriter sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }
    }

    /**
     * Writes a whole event in place, every field ({@link #of}'s values), and says so, so that a ring
     * does not zero the slot first: a complete 64-byte record per append, as Agrona's side copies
     * a 64-byte message.
     */
    public static final class Writer extends SequencedWriter {
        @Override
        public void write(ByteBuffer buffer, int offset) {
            SEQUENCE.putLong(buffer, offset, sequence);
            TIMESTAMP.putLong(buffer, offset, sequence);
            PRICE.putDouble(buffer, offset, 100.25);
            QUANTITY.putDouble(buffer, offset, 7.0);
            ORDER_ID.putLong(buffer, offset, 42);
            VENUE.putInt(buffer, offset, 3);
            FLAGS.putInt(buffer, offset, 1);
            A.putLong(buffer, offset, 0);
            B.putLong(buffer, offset, 0);
        }

        @Override
        public boolean writesEveryField() {
            return true;
        }
    }

    /** Writes only an event's sequence in place: a ring zeroes the rest of the slot first. */
    public static final class SequenceWriter extends SequencedWriter {
        @Override
        public void write(ByteBuffer buffer, int offset) {
            SEQUENCE.putLong(buffer, offset, sequence);
        }
    }

    /** Reads an event's sequence in place into itself: reused, so that receiving allocates nothing. */
    public static final class Mutable implements SlotReader<Mutable> {
        public long sequence;

        @Override
        public Mutable read(ByteBuffer buffer, int offset) {
            sequence = SEQUENCE.getLong(buffer, offset);
            return this;
        }
    }
}
