/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Agrona's {@link OneToOneRingBuffer}, one each way, over one mapped native-shm {@link Segment}
 * ({@link UnsafeBuffer}s wrapping slices of {@link Segment#buffer()}); 64-byte messages.
 */
final class AgronaTransport implements Transport {
    static final int CAPACITY = 64 * 1024;
    private static final int RING_LENGTH = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
    /** The second ring starts on its own page. */
    private static final int SECOND = 2 * CAPACITY;

    private String name;
    private Segment segment;

    @Override
    public List<String> prepare() {
        name = Names.unique("agr");
        segment = Segment.create(name, SECOND + RING_LENGTH);
        return List.of(name);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new AgronaEndpoint(segment, 0, SECOND);
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        return new AgronaEndpoint(Segment.open(args.get(0)), SECOND, 0);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(name);
    }

    private static final class AgronaEndpoint implements Endpoint, MessageHandler {
        private final Segment segment;
        private final OneToOneRingBuffer out;
        private final OneToOneRingBuffer in;
        private final UnsafeBuffer message =
                new UnsafeBuffer(ByteBuffer.allocateDirect(Event.SIZE).order(ByteOrder.nativeOrder()));
        private final Patience patience = new Patience("an Agrona message");
        private long last;

        AgronaEndpoint(Segment segment, int out, int in) {
            this.segment = segment;
            ByteBuffer buffer = segment.buffer();
            this.out = new OneToOneRingBuffer(new UnsafeBuffer(buffer, out, RING_LENGTH));
            this.in = new OneToOneRingBuffer(new UnsafeBuffer(buffer, in, RING_LENGTH));
        }

        @Override
        public void send(long n) {
            message.putLong(0, n);
            while (!out.write(1, message, 0, Event.SIZE)) {
                patience.idle();
            }
            patience.reset();
        }

        @Override
        public long receive() {
            while (in.read(this, 1) == 0) {
                patience.idle();
            }
            patience.reset();
            return last;
        }

        @Override
        public void onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
            last = buffer.getLong(index);
        }

        @Override
        public void close() {
            segment.close();
        }
    }
}
