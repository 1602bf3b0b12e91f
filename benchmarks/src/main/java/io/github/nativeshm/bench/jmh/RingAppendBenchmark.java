/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.jmh;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * One-way ring throughput of 64-byte records ({@link Event}) in one process, both rings in a
 * shared-memory segment: native-shm's {@link EventRing#append} against Agrona's
 * {@link OneToOneRingBuffer#write} over an {@link UnsafeBuffer} wrapping a segment's buffer.
 *
 * native-shm writes and reads in place, nothing allocated: {@link Event.Writer} writes every field
 * (so the ring does not zero the slot first) and {@link Event.Mutable} reads the sequence back, as
 * Agrona's side copies in a 64-byte message and reads its first long; the
 * {@code nativeShmRecord*} variants append and read {@code Event} records instead.
 * <ul>
 *   <li>{@code *Alone}: the producer alone. native-shm's ring is a broadcast ring that never waits
 *       for readers, so nobody reads it. Agrona's ring applies back-pressure, so when it is full the
 *       producer thread drains it ({@code read} with a no-op handler: Agrona's whole consumer
 *       work, once per ~3,600 records). {@code nativeShmQuietAlone} appends quietly
 *       ({@link EventRing#appendQuietly}): without the change count's full fence, as the
 *       cross-process throughput benchmark's writer does between signals.</li>
 *   <li>{@code nativeShmAppendPoll}, {@code agronaWriteRead}: one thread appends a record and
 *       reads it back, the cost of both ends without any cache line moving between cores.</li>
 *   <li>{@code *WithReader}: a producer thread and a consumer thread. The reader counts records
 *       ({@code records}) and, for native-shm, records it lost to being lapped ({@code lost}).
 *       Agrona's producer waits for space; native-shm's never does.</li>
 * </ul>
 * Capacities are similar in bytes: native-shm 4,096 slots of 80 bytes (320 KiB), Agrona 256 KiB
 * (3,640 records of 72 bytes).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class RingAppendBenchmark {
    static final int NATIVE_SHM_CAPACITY = 4096;
    static final int AGRONA_CAPACITY = 256 * 1024;
    private static final int MESSAGE_TYPE = 1;

    private String sharedName;
    private String rawName;
    private StructuredSegment shared;
    private Segment raw;
    EventRing<Event> ring;
    OneToOneRingBuffer agrona;
    private UnsafeBuffer message;
    private final Event.Writer writer = new Event.Writer();
    private long sequence;

    @Setup(Level.Trial)
    public void create() {
        sharedName = Names.unique("ring");
        shared = StructuredSegment.create(sharedName,
                SegmentSpec.builder().ring("events", Event.class, NATIVE_SHM_CAPACITY).build());
        ring = shared.ring("events", Event.class);
        rawName = Names.unique("agr");
        raw = Segment.create(rawName, AGRONA_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
        agrona = new OneToOneRingBuffer(new UnsafeBuffer(raw.buffer()));
        message = new UnsafeBuffer(ByteBuffer.allocateDirect(Event.SIZE).order(ByteOrder.nativeOrder()));
        for (int i = 0; i < Event.SIZE; i += Long.BYTES) {
            message.putLong(i, i);
        }
    }

    @TearDown(Level.Trial)
    public void remove() {
        shared.close();
        raw.close();
        Names.unlinkQuietly(sharedName);
        Names.unlinkQuietly(rawName);
    }

    // ---- producer alone ----------------------------------------------------------------------

    @Benchmark
    @Group("nativeShmAlone")
    @GroupThreads(1)
    public long nativeShmAppend() {
        return ring.append(writer.sequence(sequence++));
    }

    @Benchmark
    @Group("nativeShmQuietAlone")
    @GroupThreads(1)
    public long nativeShmAppendQuietly() {
        return ring.appendQuietly(writer.sequence(sequence++));
    }

    @Benchmark
    @Group("nativeShmRecordAlone")
    @GroupThreads(1)
    public long nativeShmAppendRecord() {
        return ring.append(Event.of(sequence++));
    }

    @Benchmark
    @Group("agronaAlone")
    @GroupThreads(1)
    public boolean agronaWrite() {
        message.putLong(0, sequence);
        message.putLong(8, sequence++);
        if (agrona.write(MESSAGE_TYPE, message, 0, Event.SIZE)) {
            return true;
        }
        agrona.read(NO_OP, Integer.MAX_VALUE);
        return agrona.write(MESSAGE_TYPE, message, 0, Event.SIZE);
    }

    private static final MessageHandler NO_OP = (type, buffer, index, length) -> { };

    // ---- one thread, append then read back: the whole per-record cost of both ends ----------------

    @Benchmark
    @Group("nativeShmAppendPoll")
    @GroupThreads(1)
    public int nativeShmAppendThenPoll(ReaderCounters counters) {
        ring.append(writer.sequence(sequence++));
        return counters.inPlace.poll(counters.fieldsHandler, 1);
    }

    @Benchmark
    @Group("nativeShmRecordAppendPoll")
    @GroupThreads(1)
    public int nativeShmRecordAppendThenPoll(ReaderCounters counters) {
        ring.append(Event.of(sequence++));
        return counters.reader.poll(counters, 1);
    }

    @Benchmark
    @Group("agronaWriteRead")
    @GroupThreads(1)
    public int agronaWriteThenRead(ReaderCounters counters) {
        message.putLong(0, sequence);
        message.putLong(8, sequence++);
        agrona.write(MESSAGE_TYPE, message, 0, Event.SIZE);
        return agrona.read(counters, 1);
    }

    // ---- producer and consumer -----------------------------------------------------------------

    /** A consumer's tallies, reported per second like the producer's operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ReaderCounters implements RingHandler<Event>, MessageHandler {
        public long records;
        public long lost;
        private long checksum;
        RingReader<Event> reader;
        RingReader<Event.Mutable> inPlace;
        /** For {@link #inPlace}: counts like this object's record callbacks. */
        final RingHandler<Event.Mutable> fieldsHandler = new RingHandler<>() {
            @Override
            public void onRecord(long position, Event.Mutable record) {
                records++;
                checksum += record.sequence;
            }

            @Override
            public void onLoss(long firstLost, long count) {
                lost += count;
            }
        };

        @Setup(Level.Iteration)
        public void reset(RingAppendBenchmark benchmark) {
            records = 0;
            lost = 0;
            if (reader == null) {
                reader = benchmark.ring.reader(EventRing.Start.NEWEST);
                inPlace = benchmark.ring.reader(EventRing.Start.NEWEST, new Event.Mutable());
            }
        }

        @Override
        public void onRecord(long position, Event record) {
            records++;
            checksum += record.sequence();
        }

        @Override
        public void onLoss(long firstLost, long count) {
            lost += count;
        }

        @Override
        public void onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
            records++;
            checksum += buffer.getLong(index);
        }

        long checksum() {
            return checksum;
        }
    }

    @Benchmark
    @Group("nativeShmWithReader")
    @GroupThreads(1)
    public long nativeShmProducer() {
        return ring.append(writer.sequence(sequence++));
    }

    @Benchmark
    @Group("nativeShmWithReader")
    @GroupThreads(1)
    public int nativeShmConsumer(ReaderCounters counters) {
        return counters.inPlace.poll(counters.fieldsHandler, 256);
    }

    @Benchmark
    @Group("agronaWithReader")
    @GroupThreads(1)
    public boolean agronaProducer(Control control) {
        message.putLong(0, sequence);
        message.putLong(8, sequence++);
        while (!agrona.write(MESSAGE_TYPE, message, 0, Event.SIZE)) {
            if (control.stopMeasurement) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Benchmark
    @Group("agronaWithReader")
    @GroupThreads(1)
    public int agronaConsumer(ReaderCounters counters) {
        return agrona.read(counters, 256);
    }
}
