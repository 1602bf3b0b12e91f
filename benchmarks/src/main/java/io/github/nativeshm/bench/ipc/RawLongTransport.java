/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The floors: a raw {@link Segment} and nothing else, written with release and spun on with
 * acquire through a {@code VarHandle} on {@link Segment#buffer()}; every other peer is reported as
 * a ratio to the 8-byte floor.
 * <ul>
 *   <li>{@link #RawLongTransport()}: one long each way, the message itself (the floor). Nothing
 *       can be cheaper than this with shared memory: one cache line moves per message.</li>
 *   <li>{@link #RawLongTransport(int)} with 8 longs: a 64-byte message on its own line, then a
 *       sequence word on the next, stored after the message with release (the floor for 64-byte
 *       messages). The bytes and the word that says they are complete do not fit in one 64-byte
 *       line, so two lines move per message.</li>
 * </ul>
 * The two directions are 128 bytes apart, so that they sit on different cache lines (and
 * adjacent-line prefetch pairs).
 */
final class RawLongTransport implements Transport {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int PING = 0;
    private static final int PONG = 128;

    private final int messageLongs;
    private String name;
    private Segment segment;

    /** The floor: the message is the one long. */
    RawLongTransport() {
        this(0);
    }

    /** {@code messageLongs} longs of message, then the sequence word. */
    RawLongTransport(int messageLongs) {
        this.messageLongs = messageLongs;
    }

    @Override
    public List<String> prepare() {
        name = Names.unique("raw");
        segment = Segment.create(name, 4096);
        return List.of(name);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new RawEndpoint(segment, PING, PONG, messageLongs);
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        return new RawEndpoint(Segment.open(args.get(0)), PONG, PING, messageLongs);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(name);
    }

    private static final class RawEndpoint implements Endpoint {
        private final Segment segment;
        private final ByteBuffer buffer;
        private final int out;
        private final int in;
        private final int sequence;
        private final Patience patience = new Patience("a raw message");
        private long last;

        RawEndpoint(Segment segment, int out, int in, int messageLongs) {
            this.segment = segment;
            this.buffer = segment.buffer();
            this.out = out;
            this.in = in;
            this.sequence = messageLongs * Long.BYTES;
        }

        @Override
        public void send(long n) {
            for (int i = 0; i < sequence; i += Long.BYTES) {
                LONGS.set(buffer, out + i, n + i);
            }
            LONGS.setRelease(buffer, out + sequence, n);
        }

        @Override
        public long receive() {
            long value;
            while ((value = (long) LONGS.getAcquire(buffer, in + sequence)) == last) {
                patience.idle();
            }
            patience.reset();
            last = value;
            return sequence == 0 ? value : (long) LONGS.get(buffer, in); // the message's first long: n
        }

        @Override
        public void close() {
            segment.close();
        }
    }
}
