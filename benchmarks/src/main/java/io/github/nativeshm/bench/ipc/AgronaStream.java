package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Agrona's {@link OneToOneRingBuffer} (256 KiB: 3,640 records of 72 bytes) over a mapped
 * {@link Segment}: the writer spins while the ring is full; the reader reads batches of up to 1,024.
 */
final class AgronaStream extends Stream {
    static final String ID = "agrona";
    static final int CAPACITY = 256 * 1024;
    private static final int LENGTH = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;

    private String name;
    private Segment segment;

    @Override
    String id() {
        return ID;
    }

    @Override
    String description() {
        return "Agrona OneToOneRingBuffer (" + CAPACITY / 1024 + " KiB, writer waits when full)";
    }

    @Override
    String prepare() {
        name = Names.unique("str");
        segment = Segment.create(name, LENGTH);
        return name;
    }

    @Override
    long write(long warmup, long measured) {
        OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(segment.buffer()));
        UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(Event.SIZE).order(ByteOrder.nativeOrder()));
        Patience patience = new Patience("ring space");
        writeRange(ring, message, patience, 0, warmup);
        long start = System.nanoTime();
        writeRange(ring, message, patience, warmup, warmup + measured);
        return System.nanoTime() - start;
    }

    private static void writeRange(OneToOneRingBuffer ring, UnsafeBuffer message, Patience patience, long from, long to) {
        for (long i = from; i < to; i++) {
            message.putLong(0, i);
            message.putLong(8, i);
            while (!ring.write(1, message, 0, Event.SIZE)) {
                patience.idle();
            }
            patience.reset();
        }
    }

    @Override
    Result read(String argument, long warmup, long measured, Runnable ready) {
        try (Segment shared = Segment.open(argument)) {
            OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(shared.buffer()));
            Tally tally = new Tally(warmup, measured);
            long[] received = new long[1];
            MessageHandler handler = (type, buffer, index, length) -> {
                tally.delivered(buffer.getLong(index));
                received[0]++;
            };
            Patience patience = new Patience("ring records");
            ready.run();
            long end = warmup + measured;
            while (received[0] < end) {
                if (ring.read(handler, 1024) == 0) {
                    patience.idle();
                } else {
                    patience.reset();
                }
            }
            return tally.finish();
        }
    }

    @Override
    void cleanup() {
        if (segment != null) {
            segment.close();
        }
        Names.unlinkQuietly(name);
    }
}
