/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.jmh;

import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Snapshot;
import io.github.nativeshm.bench.model.SnapshotFields;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.SharedValue;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Seqlock reads of a 256-byte struct ({@link Snapshot}) in a {@link SharedValue}, two ways:
 * {@link SharedValue#read()}, which copies the struct's bytes inside the seqlock and decodes a new
 * record from the copy after it, and {@link SharedValue#read(io.github.nativeshm.structured.SlotReader)}
 * with a reused {@link SnapshotFields}, which reads every field in place and allocates nothing.
 * Groups {@code alone*}: one reader, nobody writes. Groups {@code withWriter*}: one reader and one
 * thread that rewrites the value, back to back (the worst case for a seqlock) or with a pause
 * between writes ({@link WriterState#writerPause}); the reader's {@code retries} / {@code reads}
 * counters give the retry rate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Group)
public class SeqlockReadBenchmark {
    private String name;
    private StructuredSegment segment;
    SharedValue<Snapshot> value;
    private Snapshot[] values;

    @Setup(Level.Trial)
    public void create() {
        name = Names.unique("seq");
        segment = StructuredSegment.create(name, SegmentSpec.builder().value("snapshot", Snapshot.class).build());
        value = segment.value("snapshot", Snapshot.class);
        values = new Snapshot[] {Snapshot.sample(1), Snapshot.sample(2)};
        value.write(values[0]);
    }

    @TearDown(Level.Trial)
    public void remove() {
        segment.close();
        Names.unlinkQuietly(name);
    }

    /** The reader's counters: JMH reports them next to the time per read. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ReadCounters {
        public long reads;
        final SnapshotFields fields = new SnapshotFields();
        private SharedValue<Snapshot> value;
        private long retriesBefore;

        @Setup(Level.Iteration)
        public void reset(SeqlockReadBenchmark benchmark) {
            value = benchmark.value;
            reads = 0;
            retriesBefore = value.retries();
        }

        /** One {@link SharedValue#read()}, counted. */
        Snapshot record() {
            reads++;
            return value.read();
        }

        /** One {@link SharedValue#read(io.github.nativeshm.structured.SlotReader)} into {@link #fields}, counted. */
        SnapshotFields inPlace() {
            reads++;
            return value.read(fields);
        }

        /** Reads that found the writer inside the slot and went round again, this iteration. */
        public long retries() {
            return value == null ? 0 : value.retries() - retriesBefore;
        }
    }

    /**
     * The writer: it alternates between two values and, between writes, burns
     * {@code writerPause} JMH tokens of CPU (0: back to back, the worst case; 1000: about a
     * microsecond here, so that readers find the slot stable most of the time).
     */
    @State(Scope.Thread)
    public static class WriterState {
        @Param({"0", "1000"})
        public int writerPause;
        long writes;
    }

    @Benchmark
    @Group("alone")
    @GroupThreads(1)
    public Snapshot readAlone(ReadCounters counters) {
        return counters.record();
    }

    @Benchmark
    @Group("withWriter")
    @GroupThreads(1)
    public Snapshot read(ReadCounters counters) {
        return counters.record();
    }

    @Benchmark
    @Group("aloneInPlace")
    @GroupThreads(1)
    public SnapshotFields readInPlaceAlone(ReadCounters counters) {
        return counters.inPlace();
    }

    @Benchmark
    @Group("withWriterInPlace")
    @GroupThreads(1)
    public SnapshotFields readInPlace(ReadCounters counters) {
        return counters.inPlace();
    }

    @Benchmark
    @Group("withWriterInPlace")
    @GroupThreads(1)
    public void writeAlongsideInPlace(WriterState writer) {
        write(writer);
    }

    @Benchmark
    @Group("withWriter")
    @GroupThreads(1)
    public void write(WriterState writer) {
        value.write(values[(int) (writer.writes++ & 1)]);
        if (writer.writerPause > 0) {
            Blackhole.consumeCPU(writer.writerPause);
        }
    }
}
