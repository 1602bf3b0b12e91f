/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
    private OneToOneRingBuffer ring;
    private UnsafeBuffer message;

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
        ring = new OneToOneRingBuffer(new UnsafeBuffer(segment.buffer()));
        message = new UnsafeBuffer(ByteBuffer.allocateDirect(Event.SIZE).order(ByteOrder.nativeOrder()));
        return name;
    }

    @Override
    void write(long from, long to) {
        Patience patience = new Patience("ring space");
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
    Reader join(String argument) {
        Segment shared = Segment.open(argument);
        OneToOneRingBuffer joined = new OneToOneRingBuffer(new UnsafeBuffer(shared.buffer()));
        return new Reader() {
            private long received;

            @Override
            Block read(long from, long to) {
                Tally tally = new Tally(from, to);
                MessageHandler handler = (type, buffer, index, length) -> {
                    tally.delivered(buffer.getLong(index));
                    received++;
                };
                Patience patience = new Patience("ring records");
                while (received < to) {
                    if (joined.read(handler, (int) Math.min(1024, to - received)) == 0) {
                        patience.idle();
                    } else {
                        patience.reset();
                    }
                }
                return tally.finish();
            }

            @Override
            public void close() {
                shared.close();
            }
        };
    }

    @Override
    void cleanup() {
        if (segment != null) {
            segment.close();
        }
        Names.unlinkQuietly(name);
    }
}
