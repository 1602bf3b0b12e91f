/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.StructuredSegment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that fell further behind than the ring keeps is told to refetch, never silently given
 * a gap; so is one whose ring turns corrupt, and the stream goes on once it is repaired. This test
 * writes the crawler's segment itself, to publish more events than the ring holds and to corrupt it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLossTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** From docs/segment-format.md: where a ring region keeps its write position. */
    private static final int RING_WRITE_POSITION = 8;
    private final String segment = TestApp.uniqueSegment("loss");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.crawler-enabled", "false", "app.segment", segment, "micronaut.server.port", "-1");
    }

    @Test
    void aClientResumingAfterMoreEventsThanTheRingHoldsGetsARefetchEvent() throws Exception {
        try (StructuredSegment writer = StructuredSegment.create(segment, CrawlerSegment.spec(1, 1))) {
            writer.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).write(new CrawlerInfo(1, 1, 0, 1, "test", "", 0, 0));
            EventRing<CrawlEvent> ring = writer.ring(CrawlerSegment.EVENTS, CrawlEvent.class);
            Http http = new Http(server.getURI());
            String seen;
            try (SseClient events = new SseClient(http, null)) {
                TestApp.await("the api attaching", WAIT, () -> http.get("/api/segment").status() == 200);
                Thread.sleep(500); // the hub places the client's cursor once attached
                ring.append(new CrawlEvent(System.currentTimeMillis(), EventType.CRAWL_OK.code(), 0, 0, "s", "first"));
                seen = events.next(event -> event.name().equals("crawl-ok"), WAIT).id();
            }
            for (int n = 0; n < CrawlerSegment.EVENT_CAPACITY + 10; n++) {
                ring.append(new CrawlEvent(System.currentTimeMillis(), EventType.CRAWL_OK.code(), 0, 0, "s", "event " + n));
            }
            try (SseClient resumed = new SseClient(http, seen)) {
                SseClient.Event refetch = resumed.next(WAIT);
                assertEquals("refetch", refetch.name());
                assertTrue(refetch.data().contains("10 events were lost"), refetch.data());
                SseClient.Event next = resumed.next(WAIT);
                assertEquals("crawl-ok", next.name());
                assertTrue(next.data().contains("\"text\":\"event 10\""), "carries on with the oldest event kept: " + next);
            }
        } finally {
            io.github.nativeshm.Segment.unlink(segment);
        }
    }

    @Test
    void aCorruptRingPositionIsARefetchAndA503AndTheStreamGoesOnOnceItIsRepaired() throws Exception {
        try (StructuredSegment writer = StructuredSegment.create(segment, CrawlerSegment.spec(1, 1))) {
            writer.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).write(new CrawlerInfo(1, 1, 0, 1, "test", "", 0, 0));
            EventRing<CrawlEvent> ring = writer.ring(CrawlerSegment.EVENTS, CrawlEvent.class);
            Http http = new Http(server.getURI());
            Thread hub = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sse-hub"))
                    .findFirst().orElseThrow();
            try (SseClient events = new SseClient(http, null)) {
                TestApp.await("the api attaching", WAIT, () -> http.get("/api/segment").status() == 200);
                Thread.sleep(500); // the hub places the client's cursor once attached
                ring.append(new CrawlEvent(System.currentTimeMillis(), EventType.CRAWL_OK.code(), 0, 0, "s", "before"));
                events.next(event -> event.name().equals("crawl-ok"), WAIT);

                Path file = Path.of("/dev/shm", segment);
                long position = writer.regions().stream().filter(r -> r.name().equals(CrawlerSegment.EVENTS))
                        .findFirst().orElseThrow().offset() + RING_WRITE_POSITION;
                long written = FaultSurvivalTest.readLong(file, position);
                FaultSurvivalTest.writeLong(file, position, -1);

                SseClient.Event refetch = events.next(event -> event.name().equals("refetch"), WAIT);
                assertTrue(refetch.data().contains("corrupt"), refetch.data());
                for (String path : new String[] {"/api/events", "/api/segment"}) {
                    Http.Answer answer = http.get(path);
                    assertEquals(503, answer.status(), path + ": " + answer);
                    assertTrue(answer.body().contains("write position"), path + ": " + answer);
                }

                FaultSurvivalTest.writeLong(file, position, written);
                Thread.sleep(500); // the hub places the client's cursor again
                ring.append(new CrawlEvent(System.currentTimeMillis(), EventType.CRAWL_OK.code(), 0, 0, "s", "after"));
                SseClient.Event after = events.next(event -> event.name().equals("crawl-ok"), WAIT);
                assertTrue(after.data().contains("\"text\":\"after\""), after.toString());
                assertEquals(200, http.get("/api/segment").status());
            }
            assertTrue(hub.isAlive(), "the hub thread died");
        } finally {
            io.github.nativeshm.Segment.unlink(segment);
        }
    }
}
