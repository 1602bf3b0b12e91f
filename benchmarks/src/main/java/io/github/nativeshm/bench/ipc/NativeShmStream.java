package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.shared.EventRing;
import io.github.nativeshm.shared.RingHandler;
import io.github.nativeshm.shared.RingReader;
import io.github.nativeshm.shared.SegmentSpec;
import io.github.nativeshm.shared.SharedSegment;

/**
 * native-shm's {@link EventRing} (4,096 slots): the writer appends as fast as it can and never
 * waits; the reader polls in batches of up to 1,024 and counts what it lost to being lapped.
 */
final class NativeShmStream extends Stream {
    static final String ID = "native-shm";
    static final int CAPACITY = 4096;

    private String name;
    private SharedSegment segment;

    @Override
    String id() {
        return ID;
    }

    @Override
    String description() {
        return "native-shm EventRing (" + CAPACITY + " slots, writer never waits)";
    }

    @Override
    String prepare() {
        name = Names.unique("str");
        segment = SharedSegment.create(name, SegmentSpec.builder().ring("events", Event.class, CAPACITY).build());
        return name;
    }

    @Override
    long write(long warmup, long measured) {
        EventRing<Event> ring = segment.ring("events", Event.class);
        for (long i = 0; i < warmup; i++) {
            ring.append(Event.of(i));
        }
        long start = System.nanoTime();
        for (long i = warmup, end = warmup + measured; i < end; i++) {
            ring.append(Event.of(i));
        }
        return System.nanoTime() - start;
    }

    @Override
    Result read(String argument, long warmup, long measured, Runnable ready) {
        try (SharedSegment shared = SharedSegment.open(argument)) {
            RingReader<Event> reader = shared.ring("events", Event.class).reader(EventRing.Start.OLDEST);
            Tally tally = new Tally(warmup, measured);
            RingHandler<Event> handler = new RingHandler<>() {
                @Override
                public void onRecord(long sequence, Event record) {
                    tally.delivered(record.sequence());
                }

                @Override
                public void onLoss(long firstLost, long count) {
                    tally.lost(firstLost, count);
                }
            };
            Patience patience = new Patience("ring records");
            ready.run();
            long end = warmup + measured;
            while (reader.position() < end) {
                if (reader.poll(handler, 1024) == 0) {
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
