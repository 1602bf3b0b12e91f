package io.github.nativeshm.bench.model;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.shared.SlotReader;
import io.github.nativeshm.shared.SlotWriter;

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
    /** The sequence field, for in-place reads and writes. */
    public static final Field SEQUENCE = Layout.of(Event.class).field("sequence");

    public static Event of(long sequence) {
        return new Event(sequence, sequence, 100.25, 7.0, 42, 3, 1, 0, 0);
    }

    /** Writes an event's sequence in place: reused, so that sending allocates nothing. */
    public static final class Writer implements SlotWriter {
        private long sequence;

        /** This writer, set to write {@code sequence}. */
        public Writer sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

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
