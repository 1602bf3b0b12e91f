package io.github.nativeshm.bench.ipc;

import java.util.List;

/**
 * A one-way stream of 64-byte records from the parent (the writer) to the child (the reader),
 * for the cross-process throughput harness. Records are numbered from 0; the first
 * {@code warmup} are not timed.
 */
abstract class Stream {
    static final List<String> IDS = List.of(NativeShmStream.ID, NativeShmStream.ACKED_ID, AgronaStream.ID);

    static Stream byId(String id) {
        return switch (id) {
            case NativeShmStream.ID -> new NativeShmStream(false);
            case NativeShmStream.ACKED_ID -> new NativeShmStream(true);
            case AgronaStream.ID -> new AgronaStream();
            default -> throw new IllegalArgumentException("no stream '" + id + "'; the streams are " + IDS);
        };
    }

    /** Short name, used on the child's command line. */
    abstract String id();

    /** What it is, for the report. */
    abstract String description();

    /** Parent: creates the ring; returns the child's argument. */
    abstract String prepare();

    /** Parent: writes {@code warmup + measured} records; returns the nanoseconds the measured ones took. */
    abstract long write(long warmup, long measured);

    /** Child: joins the ring, calls {@code ready}, reads until the last record has passed. */
    abstract Result read(String argument, long warmup, long measured, Runnable ready);

    /** Parent: removes the ring's segment. */
    abstract void cleanup();

    /** What the reader saw of the measured records, and how long it took. */
    record Result(long delivered, long lost, long nanos) {
        String toLine() {
            return "RESULT " + delivered + " " + lost + " " + nanos;
        }

        static Result parse(String line) {
            String[] parts = line.split(" ");
            return new Result(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        }
    }

    /** Counts what a reader sees from record {@code warmup} on, and times it. */
    static final class Tally {
        private final long warmup;
        private final long end;
        long delivered;
        long lost;
        private long start;

        Tally(long warmup, long measured) {
            this.warmup = warmup;
            this.end = warmup + measured;
        }

        void delivered(long sequence) {
            if (sequence >= warmup) {
                started();
                delivered++;
            }
        }

        void lost(long first, long count) {
            long from = Math.max(first, warmup);
            long to = Math.min(first + count, end);
            if (to > from) {
                started();
                lost += to - from;
            }
        }

        Result finish() {
            return new Result(delivered, lost, System.nanoTime() - start);
        }

        private void started() {
            if (start == 0) {
                start = System.nanoTime();
            }
        }
    }
}
