package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The floor for a 64-byte message: a raw {@link Segment}, one 64-byte message each way on its own
 * cache line, followed by a sequence word on the next line. The sender writes the eight longs of
 * the message, then the sequence with release; the receiver spins on the sequence with acquire and
 * reads the message. Nothing that moves 64 bytes and says when they are complete can do with less:
 * the bytes and the word that publishes them do not fit in one 64-byte line, so every message
 * moves two lines between the cores, where the 8-byte floor ({@link RawLongTransport}) moves one.
 */
final class RawMessageTransport implements Transport {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int MESSAGE = 64;
    /** Each direction: the message on one line, its sequence on the next; 256 bytes apart. */
    private static final int PING = 0;
    private static final int PONG = 256;

    private String name;
    private Segment segment;

    @Override
    public List<String> prepare() {
        name = Names.unique("raw64");
        segment = Segment.create(name, 4096);
        return List.of(name);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new MessageEndpoint(segment, PING, PONG);
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        return new MessageEndpoint(Segment.open(args.get(0)), PONG, PING);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(name);
    }

    private static final class MessageEndpoint implements Endpoint {
        private final Segment segment;
        private final ByteBuffer buffer;
        private final int out;
        private final int in;
        private final Patience patience = new Patience("a raw 64-byte message");
        private long last;

        MessageEndpoint(Segment segment, int out, int in) {
            this.segment = segment;
            this.buffer = segment.buffer();
            this.out = out;
            this.in = in;
        }

        @Override
        public void send(long n) {
            for (int i = 0; i < MESSAGE; i += Long.BYTES) {
                LONGS.set(buffer, out + i, n + i);
            }
            LONGS.setRelease(buffer, out + MESSAGE, n);
        }

        @Override
        public long receive() {
            while ((long) LONGS.getAcquire(buffer, in + MESSAGE) == last) {
                patience.idle();
            }
            patience.reset();
            last = (long) LONGS.get(buffer, in);
            return last;
        }

        @Override
        public void close() {
            segment.close();
        }
    }
}
