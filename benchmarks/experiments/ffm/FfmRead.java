/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package ffm;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.model.Snapshot;
import io.github.nativeshm.bench.model.SnapshotFields;
import io.github.nativeshm.bench.model.SnapshotStruct;
import io.github.nativeshm.layout.Layout;
import org.openjdk.jmh.annotations.*;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.*;

/**
 * An experiment outside the build (it needs JDK 22+; the benchmarks are built for 17): the 256-byte
 * struct of {@code StructReadBenchmark} filled through a bounds-checked FFM {@link MemorySegment}
 * held in a field, next to native-shm's {@code Field} fill and JNA's {@code Structure.read()}, in
 * one JVM. It measured what a JDK 22+ access path could give the typed-read target (issue 7: 24.2 ns
 * against 33.6 ns for the {@code Field}s then). That path is now in the library: native-shm's jar is
 * multi-release and on JDK 22+ its {@code Field}s go through a {@code MemorySegment} themselves
 * ({@code native-shm/src/main/java22}), so {@code layoutFields} below runs on it; the measured
 * comparison of the two paths is {@code io.github.nativeshm.bench.report.FfmPaths} (the {@code ffm}
 * step of {@code ci/bench.sh}). This file stays as the raw ceiling: the same reads with no
 * {@code Field} and its checks in between. Run it after {@code ci/bench.sh} or a benchmarks build:
 * <pre>
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; CP=benchmarks/target/benchmarks.jar
 *   AP=~/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar
 *   $J/javac -d /tmp/ffm -cp $CP -processorpath "$AP:$CP" benchmarks/experiments/ffm/FfmRead.java
 *   $J/java -cp /tmp/ffm:$CP org.openjdk.jmh.Main ffm.FfmRead -f 2 -wi 3 -i 4 -r 1s \
 *       -jvmArgsAppend --enable-native-access=ALL-UNNAMED
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FfmRead {
    static final int OFFSET = 512;
    String name = "ffm-" + ProcessHandle.current().pid();
    Segment segment;
    ByteBuffer buffer;
    MemorySegment memory;
    SnapshotStruct structure;
    final SnapshotFields fields = new SnapshotFields();
    long id, timestamp, volume;
    double bid, ask, last;
    int flags, count;
    final byte[] symbol = new byte[32];
    final byte[] venue = new byte[40];
    final double[] levels = new double[16];

    @Setup
    public void setup() {
        segment = Segment.create(name, 4096);
        buffer = segment.buffer();
        Layout.of(Snapshot.class).write(buffer, OFFSET, Snapshot.sample(7));
        memory = MemorySegment.ofBuffer(buffer);
        structure = segment.structureAt(OFFSET, SnapshotStruct.class);
        ffmFields();
        if (levels[15] != fields.read(buffer, OFFSET).levels[15] || id != fields.id || symbol[0] != 'N') {
            throw new IllegalStateException("FFM read disagrees");
        }
    }

    @TearDown
    public void down() {
        segment.close();
        Segment.unlink(name);
    }

    @Benchmark
    public Object ffmFields() {
        MemorySegment m = memory;
        long b = OFFSET;
        id = m.get(JAVA_LONG_UNALIGNED, b);
        timestamp = m.get(JAVA_LONG_UNALIGNED, b + 8);
        bid = m.get(JAVA_DOUBLE_UNALIGNED, b + 16);
        ask = m.get(JAVA_DOUBLE_UNALIGNED, b + 24);
        last = m.get(JAVA_DOUBLE_UNALIGNED, b + 32);
        volume = m.get(JAVA_LONG_UNALIGNED, b + 40);
        flags = m.get(JAVA_INT_UNALIGNED, b + 48);
        count = m.get(JAVA_INT_UNALIGNED, b + 52);
        MemorySegment.copy(m, JAVA_BYTE, b + Snapshot.SYMBOL_OFFSET, symbol, 0, 32);
        MemorySegment.copy(m, JAVA_BYTE, b + Snapshot.VENUE_OFFSET, venue, 0, 40);
        MemorySegment.copy(m, JAVA_DOUBLE_UNALIGNED, b + Snapshot.LEVELS_OFFSET, levels, 0, 16);
        return this;
    }

    @Benchmark
    public Object layoutFields() {
        return fields.read(buffer, OFFSET);
    }

    @Benchmark
    public Object structureRead() {
        structure.read();
        return structure;
    }
}
