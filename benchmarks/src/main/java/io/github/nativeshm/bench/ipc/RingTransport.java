package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.shared.EventRing;
import io.github.nativeshm.shared.RingHandler;
import io.github.nativeshm.shared.RingReader;
import io.github.nativeshm.shared.SegmentSpec;
import io.github.nativeshm.shared.SharedSegment;

import java.util.List;

/**
 * native-shm rings, one each way: each process appends 64-byte {@link Event}s to an
 * {@link EventRing} in its own segment and busy-polls a {@link RingReader} on the other's.
 */
final class RingTransport implements Transport {
    private static final SegmentSpec SPEC = SegmentSpec.builder().ring("msg", Event.class, 1024).build();

    private String parentName;
    private String childName;
    private SharedSegment parentSegment;

    @Override
    public List<String> prepare() {
        parentName = Names.unique("rp");
        childName = Names.unique("rc");
        parentSegment = SharedSegment.create(parentName, SPEC);
        return List.of(parentName, childName);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new RingEndpoint(parentSegment, SharedSegment.open(childName));
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        SharedSegment theirs = SharedSegment.open(args.get(0));
        return new RingEndpoint(SharedSegment.create(args.get(1), SPEC), theirs);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(parentName);
        Names.unlinkQuietly(childName);
    }

    private static final class RingEndpoint implements Endpoint, RingHandler<Event> {
        private final SharedSegment mine;
        private final SharedSegment theirs;
        private final EventRing<Event> out;
        private final RingReader<Event> in;
        private final Patience patience = new Patience("a ring record");
        private long last;

        RingEndpoint(SharedSegment mine, SharedSegment theirs) {
            this.mine = mine;
            this.theirs = theirs;
            this.out = mine.ring("msg", Event.class);
            this.in = theirs.ring("msg", Event.class).reader(EventRing.Start.OLDEST);
        }

        @Override
        public void send(long n) {
            out.append(Event.of(n));
        }

        @Override
        public long receive() {
            while (in.poll(this, 1) == 0) {
                patience.idle();
            }
            patience.reset();
            return last;
        }

        @Override
        public void onRecord(long sequence, Event record) {
            last = record.sequence();
        }

        @Override
        public void onLoss(long firstLost, long count) {
            throw new IllegalStateException(count + " records lost from " + firstLost + " in a ping-pong");
        }

        @Override
        public void close() {
            mine.close();
            theirs.close();
        }
    }
}
