package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.shared.EventRing;
import io.github.nativeshm.shared.RingHandler;
import io.github.nativeshm.shared.RingReader;
import io.github.nativeshm.shared.SegmentSpec;
import io.github.nativeshm.shared.SharedSegment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * native-shm's {@link EventRing} (4,096 slots), written and read in place, allocating nothing:
 * the writer writes the sequence into the zeroed slot, the reader reads it back (as Agrona's peer
 * writes and reads its 64-byte messages). The reader polls in batches of up to 1,024. The writer
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
    static final int CAPACITY = 4096;
    /** The writer appends quietly and signals once per this many records (a power of two). */
    static final int SIGNAL_EVERY = 256;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final boolean acked;
    private String name;
    private String ackName;
    private SharedSegment segment;
    private Segment ack;
    private EventRing<Event> ring;
    private final Event.Writer writer = new Event.Writer();
    /** The writer's copy of the reader's acknowledged position. */
    private long acknowledged;

    NativeShmStream(boolean acked) {
        this.acked = acked;
    }

    @Override
    String id() {
        return acked ? ACKED_ID : ID;
    }

    @Override
    String description() {
        return acked ? "native-shm EventRing (" + CAPACITY + " slots) + the reader's position acknowledged in shared "
                + "memory; the writer waits when a ring ahead"
                : "native-shm EventRing (" + CAPACITY + " slots, writer never waits)";
    }

    @Override
    String prepare() {
        name = Names.unique("str");
        segment = SharedSegment.create(name, SegmentSpec.builder().ring("events", Event.class, CAPACITY).build());
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
        SharedSegment shared = SharedSegment.open(names[0]);
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
