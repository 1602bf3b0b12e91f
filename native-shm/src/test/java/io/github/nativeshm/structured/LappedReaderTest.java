/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.structured.LappedReaderChild.Stamp;
import io.github.nativeshm.structured.StressTest.Child;
import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static io.github.nativeshm.structured.LappedReaderChild.CAPACITY;
import static io.github.nativeshm.structured.LappedReaderChild.LAST;
import static io.github.nativeshm.structured.LappedReaderChild.SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer process appends to a ring of {@value LappedReaderChild#CAPACITY} records as fast as it
 * can while a reader here, slowed down on purpose ({@code -Dnshm.lap.workNanos} per record,
 * default 200), follows it for {@code -Dnshm.lap.seconds} (default 2) and is lapped again and
 * again. A lapped reader resumes half a ring behind the write position ({@link RingReader}), so
 * the writer must append at least half a ring between two of its loss events: at most two loss
 * events per lap, each of at least a quarter of a ring, whatever the machine's load. (A reader
 * that resumed at the oldest retained record sat at the slot the writer overwrites next and lost
 * a few records at almost every step: thousands of loss events per lap.) Every sequence number
 * is delivered with its own content or counted lost, in order.
 *
 * <pre>
 * mvn -pl native-shm test -Dtest=LappedReaderTest -Dnshm.lap.seconds=10 -Dnshm.lap.workNanos=1000
 * </pre>
 */
@ExtendWith(TestSegments.class)
class LappedReaderTest {
    private static final double SECONDS = Double.parseDouble(System.getProperty("nshm.lap.seconds", "2"));
    private static final long WORK_NANOS = Long.getLong("nshm.lap.workNanos", 200);

    @Test
    void aLappedReaderLosesRecordsInFewLargeEventsNotAtEveryStep() throws Exception {
        String name = TestSegments.uniqueName();
        try (Child writer = Child.start("writer", ChildJvm.command(LappedReaderChild.class, name))) {
            writer.awaitLine("ready", Duration.ofSeconds(60));
            Tally tally;
            long appended;
            double seconds;
            try (StructuredSegment segment = StructuredSegment.open(name)) {
                EventRing<Stamp> ring = segment.ring("stamps", Stamp.class);
                RingReader<Long> reader = ring.reader(EventRing.Start.NEWEST,
                        (buffer, offset) -> SEQ.getLong(buffer, offset) == LAST.getLong(buffer, offset)
                                ? SEQ.getLong(buffer, offset) : -1L);
                tally = new Tally(reader.position());
                long from = ring.writePosition();
                long started = System.nanoTime();
                long deadline = started + (long) (SECONDS * 1e9);
                while (System.nanoTime() < deadline) {
                    reader.poll(tally, 64);
                }
                seconds = (System.nanoTime() - started) / 1e9;
                appended = ring.writePosition() - from;
                assertEquals(reader.lost(), tally.lost, "the reader's loss count is the sum of the losses it reported");
            }
            writer.stdin().close();
            Map<String, String> result = writer.finish(Duration.ofSeconds(60));

            double laps = (double) appended / CAPACITY;
            long[] sizes = Arrays.copyOf(tally.lossSizes, (int) Math.min(tally.events, tally.lossSizes.length));
            Arrays.sort(sizes);
            String summary = String.format(Locale.ROOT, "lapped reader (%d ns of work per record, %.1f s): writer %.1f M"
                            + " appends/s (%s), %.0f laps; reader %d records, %d lost in %d loss events = %.0f events/s,"
                            + " %.2f per lap; records lost per event min %d median %d max %d; %d events of < %d records",
                    WORK_NANOS, seconds, appended / seconds / 1e6, result, laps, tally.delivered, tally.lost, tally.events,
                    tally.events / seconds, tally.events / Math.max(laps, 1), sizes.length == 0 ? 0 : sizes[0],
                    sizes.length == 0 ? 0 : sizes[sizes.length / 2], sizes.length == 0 ? 0 : sizes[sizes.length - 1],
                    tally.small, CAPACITY / 4);
            System.out.println(summary);

            assertEquals(0, tally.torn, () -> "records with another record's content: " + summary);
            assertTrue(laps >= 10, () -> "the writer lapped the reader too rarely to prove anything: " + summary);
            assertTrue(tally.events <= 2 * laps + 2, () -> "more than two loss events per lap: " + summary);
            assertTrue(tally.small <= 2, () -> "loss events of a few records: the reader sat at the lap edge: " + summary);
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    /** Checks that every sequence number is delivered or lost, in order, and counts. */
    private static final class Tally implements RingHandler<Long> {
        final long[] lossSizes = new long[1 << 16];
        long next;
        long delivered;
        long lost;
        long events;
        long small;
        long torn;

        Tally(long start) {
            this.next = start;
        }

        @Override
        public void onRecord(long sequence, Long record) {
            assertEquals(next, sequence, "records in order, no silent gap");
            if (record != sequence) {
                torn++;
            }
            next++;
            delivered++;
            long until = System.nanoTime() + WORK_NANOS; // a reader slower than its writer
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void onLoss(long firstLost, long count) {
            assertEquals(next, firstLost, "a loss starts where the records stopped");
            assertTrue(count > 0, "a loss of " + count);
            if (events < lossSizes.length) {
                lossSizes[(int) events] = count;
            }
            events++;
            lost += count;
            next += count;
            if (count < CAPACITY / 4) {
                small++;
            }
        }
    }
}
