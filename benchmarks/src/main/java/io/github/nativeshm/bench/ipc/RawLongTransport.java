package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.Segment;
import io.github.nativeshm.bench.Names;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The floor: a raw {@link Segment}, one long each way, written with release and spun on with
 * acquire through a {@code VarHandle} on {@link Segment#buffer()}. Nothing can be cheaper than
 * this with shared memory; every other peer is reported as a ratio to it. The two longs are 128
 * bytes apart, so that they sit on different cache lines (and adjacent-line prefetch pairs).
 */
final class RawLongTransport implements Transport {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int PING = 0;
    private static final int PONG = 128;

    private String name;
    private Segment segment;

    @Override
    public List<String> prepare() {
        name = Names.unique("raw");
        segment = Segment.create(name, 4096);
        return List.of(name);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new RawEndpoint(segment, PING, PONG);
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        return new RawEndpoint(Segment.open(args.get(0)), PONG, PING);
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
        private final Patience patience = new Patience("a raw long");
        private long last;

        RawEndpoint(Segment segment, int out, int in) {
            this.segment = segment;
            this.buffer = segment.buffer();
            this.out = out;
            this.in = in;
        }

        @Override
        public void send(long n) {
            LONGS.setRelease(buffer, out, n);
        }

        @Override
        public long receive() {
            long value;
            while ((value = (long) LONGS.getAcquire(buffer, in)) == last) {
                patience.idle();
            }
            patience.reset();
            return last = value;
        }

        @Override
        public void close() {
            segment.close();
        }
    }
}
