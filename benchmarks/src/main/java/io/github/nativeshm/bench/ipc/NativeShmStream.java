/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * native-shm's {@link EventRing} (4,096 slots), written and read in place, allocating nothing:
 * the writer writes every field of the record ({@link Event.Writer}, so the ring does not zero
 * the slot first), the reader reads the sequence back, as Agrona's peer copies in a 64-byte
 * message and reads its first long. {@link #ZEROED_ID} writes the sequence alone into a slot the
 * ring zeroes ({@link Event.SequenceWriter}). The reader polls in batches of up to 1,024. The writer
 * appends quietly ({@link EventRing#appendQuietly}) and signals every {@link #SIGNAL_EVERY}
 * records, as a streaming writer would: a signal costs a full fence, which makes the writer wait
 * until its stores have reached the other core (the reader here polls and needs no signal).
 *
 * <p>The ring is a broadcast ring whose writer never waits: a reader slower than the writer is
 * lapped and counts what it lost ({@link #ID}). With {@link #ACKED_ID}, the application adds the
 * flow control that Agrona's ring has built in: the reader publishes how far it got in a long of
 * a second segment after each batch (release), and the writer, before it would overwrite a record
 * the reader has not read, waits for that long to move (acquire; it looks only when its cached
 * copy says the ring may be full, as Agrona's writer caches the head).
 */
final class NativeShmStream extends Stream {
    static final String ID = "native-shm";
    static final String ACKED_ID = "native-shm-acked";
    static final String ZEROED_ID = "native-shm-acked-zeroed";
    static final int CAPACITY = 4096;
    /** The writer appends quietly and signals once per this many records (a power of two). */
    static final int SIGNAL_EVERY = 256;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final boolean acked;
    private final boolean everyField;
    private final Event.SequencedWriter writer;
    private String name;
    private String ackName;
    private StructuredSegment segment;
    private Segment ack;
    private EventRing<Event> ring;
    /** The writer's copy of the reader's acknowledged position. */
    private long acknowledged;

    /** Lossy with every field written ({@code acked} false), acknowledged with every field, or acknowledged and zeroed. */
    private NativeShmStream(boolean acked, boolean everyField) {
        this.acked = acked;
        this.everyField = everyField;
        this.writer = everyField ? new Event.Writer() : new Event.SequenceWriter();
    }

    static NativeShmStream lossy() {
        return new NativeShmStream(false, true);
    }

    static NativeShmStream acknowledged() {
        return new NativeShmStream(true, true);
    }

    static NativeShmStream acknowledgedZeroed() {
        return new NativeShmStream(true, false);
    }

    @Override
    String id() {
        return !acked ? ID : everyField ? ACKED_ID : ZEROED_ID;
    }

    @Override
    String description() {
        String ring = "native-shm EventRing (" + CAPACITY + " slots";
        return switch (id()) {
            case ID -> ring + ", writer never waits), every field written";
            case ACKED_ID -> ring + ") + the reader's position acknowledged in shared memory (the writer waits when a "
                    + "ring ahead), every field written";
            default -> ring + ", acknowledged) with the sequence field written into a slot the ring zeroes";
        };
    }

    @Override
    String prepare() {
        name = Names.unique("str");
        segment = StructuredSegment.create(name, SegmentSpec.builder().ring("events", Event.class, CAPACITY).build());
        ring = segment.ring("events", Event.class);
        if (!acked) {
            return name;
        }
        ackName = Names.unique("ack");
        ack = Segment.create(ackName, 4096);
        return name + "," + ackName;
    }

    @Override
    void write(long from, long to) {
        ByteBuffer read = acked ? ack.buffer() : null;
        Patience patience = new Patience("the reader's acknowledgement");
        for (long i = from; i < to; i++) {
            if (read != null && i - acknowledged >= CAPACITY) {
                ring.signal(); // about to wait for the reader: it must not sleep through what is there
                while (i - (acknowledged = (long) LONG.getAcquire(read, 0)) >= CAPACITY) {
                    patience.idle();
                }
                patience.reset();
            }
            ring.appendQuietly(writer.sequence(i));
            if ((i & (SIGNAL_EVERY - 1)) == SIGNAL_EVERY - 1) {
                ring.signal();
            }
        }
        ring.signal();
    }

    @Override
    Reader join(String argument) {
        String[] names = argument.split(",");
        StructuredSegment shared = StructuredSegment.open(names[0]);
        Segment acknowledgements = names.length > 1 ? Segment.open(names[1]) : null;
        RingReader<Event.Mutable> reader = shared.ring("events", Event.class)
                .reader(EventRing.Start.OLDEST, new Event.Mutable());
        ByteBuffer ackBuffer = acknowledgements == null ? null : acknowledgements.buffer();
        return new Reader() {
            @Override
            Block read(long from, long to) {
                Tally tally = new Tally(from, to);
                RingHandler<Event.Mutable> handler = new RingHandler<>() {
                    @Override
                    public void onRecord(long sequence, Event.Mutable record) {
                        tally.delivered(record.sequence);
                    }

                    @Override
                    public void onLoss(long firstLost, long count) {
                        tally.lost(firstLost, count);
                    }
                };
                Patience patience = new Patience("ring records");
                while (reader.position() < to) {
                    if (reader.poll(handler, (int) Math.min(1024, to - reader.position())) == 0) {
                        patience.idle();
                    } else {
                        patience.reset();
                        if (ackBuffer != null) {
                            LONG.setRelease(ackBuffer, 0, reader.position());
                        }
                    }
                }
                return tally.finish();
            }

            @Override
            public void close() {
                shared.close();
                if (acknowledgements != null) {
                    acknowledgements.close();
                }
            }
        };
    }

    @Override
    void cleanup() {
        if (segment != null) {
            segment.close();
        }
        if (ack != null) {
            ack.close();
        }
        Names.unlinkQuietly(name);
        if (ackName != null) {
            Names.unlinkQuietly(ackName);
        }
    }
}
