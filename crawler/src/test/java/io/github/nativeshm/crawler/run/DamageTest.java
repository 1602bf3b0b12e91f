/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.testing.TestSegment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running crawler whose segment is damaged underneath it, as a stray {@code truncate} or a
 * foreign write would: it re-creates or repairs the segment, publishes everything again, and
 * every source's schedule goes on. And one whose worker is stuck stops its heartbeat.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the segment is a file under /dev/shm only on Linux")
class DamageTest {
    private static final String ITEMS = "[{\"title\": \"One\", \"url\": \"https://example.org/1\", \"score\": 1},"
            + " {\"title\": \"Two\", \"url\": \"https://example.org/2\", \"score\": 2}]";
    /** Region and slot headers as docs/segment-format.md draws them: a foreign writer needs no more. */
    private static final int REGION_HEADER = 64;
    private static final int SLOT_HEADER = 16;

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("damage");
    private final String segmentName = testSegment.name();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void aTruncatedSegmentIsRecreatedAndFilledAgainAndCrawlingGoesOn() throws Exception {
        try (PageServer server = new PageServer(ITEMS);
             Crawler crawler = start(server)) {
            long epoch = awaitSegment(s -> runs(s) >= 1 && items(s) == 2).epoch;
            for (long size : new long[] {4096, 0}) {
                try (RandomAccessFile file = new RandomAccessFile("/dev/shm/" + segmentName, "rw")) {
                    file.setLength(size);
                }
                final long before = epoch;
                final Seen recreated = awaitSegment(s -> s.epoch() != before && items(s) == 2);
                epoch = recreated.epoch;
                final long runs = recreated.runs;
                awaitSegment(s -> s.epoch() == recreated.epoch && runs(s) > runs + 1); // the schedule goes on
                assertTrue(log().contains("segment '" + segmentName + "' was truncated to " + size + " bytes"),
                        "said once in the log: " + log());
            }
            assertEquals(2, log().lines().filter(l -> l.contains("re-created it")).count(), log());
        }
    }

    @Test
    void slotsLeftOddByAForeignWriteAreRepairedAndTheSourceKeepsBeingCrawled() throws Exception {
        try (PageServer server = new PageServer(ITEMS);
             Crawler crawler = start(server)) {
            final long epoch = awaitSegment(s -> runs(s) >= 1).epoch;
            final int emptyItem = 29; // two items in slots 0 and 1: nothing writes slot 29
            try (StructuredSegment segment = StructuredSegment.open(segmentName);
                 Segment raw = Segment.open(segmentName)) {
                final ByteBuffer memory = raw.buffer();
                final int status = slotSequence(segment, CrawlerSegment.SOURCES, 0);
                final int item = slotSequence(segment, CrawlerSegment.ITEMS, emptyItem);
                final long runs = runs(segment); // before the damage: a read of the odd slot waits for its repair
                memory.putLong(status, memory.getLong(status) | 1);
                memory.putLong(item, memory.getLong(item) | 1);

                awaitSegment(s -> runs(s) > runs + 2); // read whole again: the slot is even, and crawled
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while ((memory.getLong(item) & 1) != 0) {
                    assertTrue(System.nanoTime() < deadline, "the empty item slot is still odd after 15 s");
                    Thread.sleep(100);
                }
                assertNull(segment.array(CrawlerSegment.ITEMS, Item.class).read(emptyItem), "emptied");
                assertEquals(epoch, segment.epoch(), "repaired in place, not re-created");
            }
        }
    }

    @Test
    void theHeartbeatStopsWhileAWorkerIsStuckAndResumesAfter() throws Exception {
        try (PageServer server = new PageServer(ITEMS);
             Crawler crawler = start(server, Duration.ofSeconds(1))) {
            awaitSegment(s -> runs(s) >= 1);
            try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
                assertTrue(beats(segment), "beating while the workers make progress");
                final CountDownLatch release = new CountDownLatch(1);
                crawler.workers.execute(() -> {
                    try {
                        release.await(); // a parse that never ends
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread.sleep(1500); // past the stall limit
                assertFalse(beats(segment), "silent while a worker is stuck");
                assertTrue(log().contains("crawler: heartbeat stopped: crawler-worker-"), log());
                release.countDown();
                Thread.sleep(1200);
                assertTrue(beats(segment), "beating again");
            }
        }
    }

    /** Whether the heartbeat moves within 2.5 s. */
    private static boolean beats(StructuredSegment segment) throws InterruptedException {
        final Instant before = segment.header().writerHeartbeat();
        Thread.sleep(2500);
        return segment.header().writerHeartbeat().isAfter(before);
    }

    private Crawler start(PageServer server) throws Exception {
        return start(server, Crawler.STALL_LIMIT);
    }

    private Crawler start(PageServer server, Duration stallLimit) throws Exception {
        final Crawler crawler = new Crawler(CrawlerConfig.parse(server.config("1s"), "damage.yaml"), segmentName,
                "damage.yaml", new CrawlerLog(new PrintStream(log, true, StandardCharsets.UTF_8), CrawlerLog.Level.DEBUG),
                stallLimit, Crawler.SUMMARY_EVERY);
        crawler.start();
        return crawler;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Where the sequence of slot {@code index} of an array region is, in the segment's bytes. */
    private static int slotSequence(StructuredSegment segment, String region, int index) {
        final RegionInfo info = segment.regions().stream().filter(r -> r.name().equals(region)).findFirst().orElseThrow();
        final int stride = (SLOT_HEADER + info.elementSize() + 7) & ~7;
        return (int) info.offset() + REGION_HEADER + index * stride;
    }

    private record Seen(long epoch, long runs) {
    }

    /** Opens the segment afresh until {@code test} holds (a mapping of a truncated segment would fault). */
    private Seen awaitSegment(Predicate<StructuredSegment> test) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "never opened";
        while (System.nanoTime() < deadline) {
            try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
                if (test.test(segment)) {
                    return new Seen(segment.epoch(), runs(segment));
                }
                last = "epoch " + segment.epoch() + ", runs " + runs(segment) + ", items " + items(segment);
            } catch (SegmentException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 20 s; last seen: " + last + "\nlog:\n" + log());
    }

    private static long runs(StructuredSegment segment) {
        final SourceStatus status = segment.array(CrawlerSegment.SOURCES, SourceStatus.class).read(0);
        return status == null ? 0 : status.runs();
    }

    private static int items(StructuredSegment segment) {
        int items = 0;
        final var array = segment.array(CrawlerSegment.ITEMS, Item.class);
        for (int slot = 0; slot < array.capacity(); slot++) {
            if (array.read(slot) != null) {
                items++;
            }
        }
        return items;
    }
}
