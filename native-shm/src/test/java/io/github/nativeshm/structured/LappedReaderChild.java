/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;

import java.util.Locale;

/**
 * The writer process of {@link LappedReaderTest}: creates a segment with one ring of
 * {@link #CAPACITY} {@link Stamp}s, says "ready", and appends as fast as it can until its stdin
 * ends, each record's fields all equal to its sequence number; then prints
 * {@code result appends=N seconds=S}.
 *
 * <pre>
 * java -cp ... LappedReaderChild NAME
 * </pre>
 */
public final class LappedReaderChild {
    static final int CAPACITY = 1024;
    static final SegmentSpec SPEC = SegmentSpec.builder().ring("stamps", Stamp.class, CAPACITY).build();

    /** A ring record whose every field is its sequence number: a torn or misplaced record shows. */
    public record Stamp(long seq, long a, long b, long c, long d, long e, long f, long g) {
    }

    static final Layout<Stamp> LAYOUT = Layout.of(Stamp.class);
    static final Field SEQ = LAYOUT.field("seq");
    static final Field LAST = LAYOUT.field("g");

    private LappedReaderChild() {
    }

    public static void main(String[] args) {
        try (StructuredSegment segment = StructuredSegment.create(args[0], SPEC)) {
            EventRing<Stamp> ring = segment.ring("stamps", Stamp.class);
            StressChild.StopSignal stop = StressChild.StopSignal.fromStdin();
            Stamper stamper = new Stamper();
            System.out.println("ready");
            System.out.flush();
            long started = System.nanoTime();
            long appended = 0;
            while (!stop.requested()) {
                for (int i = 0; i < 1024; i++) {
                    stamper.next = appended;
                    ring.appendQuietly(stamper); // a streaming writer: the reader polls
                    appended++;
                }
                ring.signal();
            }
            System.out.printf(Locale.ROOT, "result appends=%d seconds=%.2f%n", appended,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Writes every field of the next record: the ring is spared zeroing the slot. */
    private static final class Stamper implements SlotWriter {
        long next;

        @Override
        public void write(java.nio.ByteBuffer buffer, int offset) {
            for (Field field : LAYOUT.fields()) {
                field.putLong(buffer, offset, next);
            }
        }

        @Override
        public boolean writesEveryField() {
            return true;
        }
    }
}
