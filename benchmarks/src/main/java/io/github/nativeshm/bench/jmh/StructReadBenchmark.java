/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.jmh;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.AccessPath;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Snapshot;
import io.github.nativeshm.bench.model.SnapshotFields;
import io.github.nativeshm.bench.model.SnapshotStruct;
import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The same 256-byte struct ({@link Snapshot}) at the same address of a segment, read three ways:
 * <ul>
 *   <li>{@code layout*}: native-shm's {@link Layout} over the segment's {@code ByteBuffer};</li>
 *   <li>{@code structure*}: a JNA {@code Structure} mapped there with {@link Segment#structureAt};</li>
 *   <li>{@code pointer*}: JNA {@code Pointer} getters, one native call per field — the naive
 *       translation of the classic {@code CreateFileMapping}/{@code MapViewOfFile} pattern.</li>
 * </ul>
 * The {@code *Record} benchmarks hand the caller a whole {@link Snapshot} (strings decoded).
 * {@code structureRead} stops at the filled Structure, and {@code layoutFields} fills the same
 * fields (strings as raw bytes) into a reused {@link SnapshotFields} through {@link Field}
 * getters: the like-for-like pair. The {@code *Field} benchmarks read one {@code double}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class StructReadBenchmark {
    /** Not at 0, so that every reader really works at an offset. */
    private static final int OFFSET = 512;

    private String name;
    private Segment segment;
    private ByteBuffer buffer;
    private Layout<Snapshot> layout;
    private Field bid;
    private SnapshotStruct structure;
    private Pointer pointer;
    private final SnapshotFields fields = new SnapshotFields();

    @Setup(Level.Trial)
    public void create() {
        AccessPath.check();
        name = Names.unique("struct");
        segment = Segment.create(name, 4096);
        buffer = segment.buffer();
        layout = Layout.of(Snapshot.class);
        bid = layout.field("bid");
        Snapshot expected = Snapshot.sample(7);
        layout.write(buffer, OFFSET, expected);
        structure = segment.structureAt(OFFSET, SnapshotStruct.class);
        pointer = Native.getDirectBufferPointer(buffer).share(OFFSET);
        if (layout.size() != Snapshot.SIZE || structure.size() != Snapshot.SIZE) {
            throw new IllegalStateException("struct sizes differ: layout " + layout.size() + ", JNA " + structure.size());
        }
        SnapshotFields filled = layoutFields();
        if (filled.id != expected.id() || filled.levels[15] != expected.levels()[15] || filled.symbol[0] != 'N') {
            throw new IllegalStateException("layoutFields disagrees with " + expected);
        }
        for (Snapshot actual : new Snapshot[] {layoutRecord(), structureRecord(), pointerRecord()}) {
            if (!same(expected, actual)) {
                throw new IllegalStateException("a reader disagrees: expected " + expected + ", read " + actual);
            }
        }
    }

    @TearDown(Level.Trial)
    public void remove() {
        segment.close();
        Names.unlinkQuietly(name);
    }

    @Benchmark
    public Snapshot layoutRecord() {
        return layout.read(buffer, OFFSET);
    }

    @Benchmark
    public SnapshotFields layoutFields() {
        return fields.read(buffer, OFFSET);
    }

    @Benchmark
    public SnapshotStruct structureRead() {
        structure.read();
        return structure;
    }

    @Benchmark
    public Snapshot structureRecord() {
        structure.read();
        return structure.toRecord();
    }

    @Benchmark
    public Snapshot pointerRecord() {
        Pointer p = pointer;
        return new Snapshot(p.getLong(0), p.getLong(8), p.getDouble(16), p.getDouble(24), p.getDouble(32),
                p.getLong(40), p.getInt(48), p.getInt(52),
                Native.toString(p.getByteArray(Snapshot.SYMBOL_OFFSET, 32), "UTF-8"),
                Native.toString(p.getByteArray(Snapshot.VENUE_OFFSET, 40), "UTF-8"),
                p.getDoubleArray(Snapshot.LEVELS_OFFSET, 16));
    }

    @Benchmark
    public double layoutField() {
        return bid.getDouble(buffer, OFFSET);
    }

    @Benchmark
    public double structureField() {
        return (Double) structure.readField("bid");
    }

    @Benchmark
    public double pointerField() {
        return pointer.getDouble(16);
    }

    private static boolean same(Snapshot a, Snapshot b) {
        return a.id() == b.id() && a.timestamp() == b.timestamp() && a.bid() == b.bid() && a.ask() == b.ask()
                && a.last() == b.last() && a.volume() == b.volume() && a.flags() == b.flags() && a.count() == b.count()
                && a.symbol().equals(b.symbol()) && a.venue().equals(b.venue()) && Arrays.equals(a.levels(), b.levels());
    }
}
