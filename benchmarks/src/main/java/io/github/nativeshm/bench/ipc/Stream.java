/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.util.List;

/**
 * A one-way stream of 64-byte records from the parent (the writer) to the child (the reader),
 * for the cross-process throughput harness. Records are numbered from 0 and travel in ranges
 * that both sides agree on, so that several streams can take turns in the same two processes.
 */
abstract class Stream {
    static final List<String> IDS = List.of(NativeShmStream.ID, NativeShmStream.ACKED_ID, NativeShmStream.ZEROED_ID,
            AgronaStream.ID);

    static Stream byId(String id) {
        return switch (id) {
            case NativeShmStream.ID -> NativeShmStream.lossy();
            case NativeShmStream.ACKED_ID -> NativeShmStream.acknowledged();
            case NativeShmStream.ZEROED_ID -> NativeShmStream.acknowledgedZeroed();
            case AgronaStream.ID -> new AgronaStream();
            default -> throw new IllegalArgumentException("no stream '" + id + "'; the streams are " + IDS);
        };
    }

    /** Short name, used on the child's command line. */
    abstract String id();

    /** What it is, for the report. */
    abstract String description();

    /** Parent: creates the ring; returns the child's argument (no spaces). */
    abstract String prepare();

    /** Parent: writes records {@code from} to {@code to - 1}, as fast as the ring lets it. */
    abstract void write(long from, long to);

    /** Child: joins the ring that {@link #prepare} made. */
    abstract Reader join(String argument);

    /** Parent: removes the ring's segments. */
    abstract void cleanup();

    /** The child's end of a stream. */
    abstract static class Reader implements AutoCloseable {
        /** Reads until record {@code to - 1} has passed; counts what it saw of records {@code from} on. */
        abstract Block read(long from, long to);

        @Override
        public abstract void close();
    }

    /** What the reader saw of a range of records, and how long it took from the first to the last. */
    record Block(long delivered, long lost, long nanos) {
        double perSecond() {
            return delivered * 1e9 / nanos;
        }
    }

    /** Counts what a reader sees of the records in a range, and times it. */
    static final class Tally {
        private final long from;
        private final long to;
        private long delivered;
        private long lost;
        private long start;

        Tally(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void delivered(long sequence) {
            if (sequence >= from && sequence < to) {
                started();
                delivered++;
            }
        }

        void lost(long first, long count) {
            long fromLost = Math.max(first, from);
            long toLost = Math.min(first + count, to);
            if (toLost > fromLost) {
                started();
                lost += toLost - fromLost;
            }
        }

        Block finish() {
            return new Block(delivered, lost, System.nanoTime() - start);
        }

        private void started() {
            if (start == 0) {
                start = System.nanoTime();
            }
        }
    }
}
