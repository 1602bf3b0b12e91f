/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.Schedule;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.run.Crawler;
import io.github.nativeshm.crawler.run.CrawlerLog;
import io.github.nativeshm.crawler.run.Crawler.SourceRun;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.testing.TestSegment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real crawler crawling the demo site into a real segment, as the api's {@code --demo} mode does. */
class DemoSiteCrawlTest {
    /** Long enough that only the tests move the content on. */
    private static final Duration NO_TICK = Duration.ofHours(1);
    private static final List<String> GOOD = List.of("demo-news", "demo-feed", "demo-api");

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("demotest");
    private final String segmentName = testSegment.name();

    @Test
    void theConfigIsValidAndPointsEverySourceAtTheSite() throws Exception {
        try (DemoSite site = DemoSite.start(NO_TICK)) {
            CrawlerConfig config = CrawlerConfig.parse(site.crawlerConfig(), "demo.yaml");

            assertEquals(List.of("demo-news", "demo-feed", "demo-api", "demo-broken"),
                    config.sources().stream().map(SourceConfig::id).toList());
            assertEquals(List.of("Demo News", "Demo Feed", "Demo API", "Always Failing"),
                    config.sources().stream().map(SourceConfig::name).toList());
            for (SourceConfig source : config.sources()) {
                assertEquals(site.uri().getAuthority(), source.url().getAuthority(), source.id());
                assertEquals(Duration.ofSeconds(2), ((Schedule.Every) source.schedule()).interval(), source.id());
            }
            assertEquals(site.uri(), config.sources().get(0).url());
            assertEquals(Duration.ofMillis(100), config.settings().perHostDelay());
            assertEquals(4, config.settings().perHostConcurrency());
            assertEquals(0, config.settings().retries());
            assertEquals(Duration.ofSeconds(5), config.settings().readTimeout());
            assertTrue(config.settings().obeyRobots());
        }
    }

    @Test
    void aCrawlFindsTheStoriesAndTheNextStepsNewChangedAndGoneOnes() throws Exception {
        try (DemoSite site = DemoSite.start(NO_TICK);
             Crawler crawler = new Crawler(CrawlerConfig.parse(site.crawlerConfig(), "demo.yaml"), segmentName, "demo",
                     new CrawlerLog(System.out, CrawlerLog.Level.DEBUG))) {
            Map<String, SourceRun> first = byId(crawler.runOnce(List.of(), true));
            assertEquals(Map.of("demo-news", 15, "demo-feed", 10, "demo-api", 12, "demo-broken", 0),
                    first.values().stream().collect(Collectors.toMap(run -> run.source().id(), run -> run.items().size())));
            for (String id : GOOD) {
                assertEquals(Outcome.OK, first.get(id).outcome(), first.get(id).summary());
                for (Item item : first.get(id).items()) {
                    assertTrue(item.url().startsWith(site.uri().toString()), item.toString());
                    assertNotNull(item.author(), item.toString());
                    assertTrue(item.comments() >= 0 && item.publishedMillis() > 0, item.toString());
                    assertTrue(id.equals("demo-feed") || item.score() > 0, "RSS has no points; the others do: " + item);
                }
            }
            SourceRun broken = first.get("demo-broken");
            assertEquals(Outcome.HTTP_ERROR, broken.outcome());
            assertTrue(broken.summary().contains("HTTP 503"), broken.summary());

            site.advance();
            Map<String, SourceRun> second = byId(crawler.runOnce(List.of(), true));
            for (String id : GOOD) {
                assertEquals(Outcome.OK, second.get(id).outcome(), second.get(id).summary());
                List<Item> before = first.get(id).items();
                List<Item> after = second.get(id).items();
                assertFalse(urls(before).contains(after.get(0).url()), id + ": a new story on top");
                assertEquals(urls(before).subList(0, before.size() - 1), urls(after).subList(1, after.size()),
                        id + ": the others moved down one and the oldest dropped off");
                Map<String, Item> old = before.stream().collect(Collectors.toMap(Item::url, Function.identity()));
                assertTrue(after.stream().skip(1).anyMatch(item -> item.comments() > old.get(item.url()).comments()),
                        id + ": comments rose");
                assertTrue(id.equals("demo-feed")
                        || after.stream().skip(1).anyMatch(item -> item.score() > old.get(item.url()).score()),
                        id + ": points rose");
            }

            Map<EventType, Integer> events = eventCounts();
            assertEquals(15 + 10 + 12 + 3, events.get(EventType.ITEM_NEW), events.toString());
            assertEquals(3, events.get(EventType.ITEM_GONE), events.toString());
            assertTrue(events.get(EventType.ITEM_CHANGED) >= 3, events.toString());
        }
    }

    @Test
    void pagesThatDidNotChangeAreNotFetchedAgain() throws Exception {
        try (DemoSite site = DemoSite.start(NO_TICK);
             Crawler crawler = new Crawler(CrawlerConfig.parse(site.crawlerConfig(), "demo.yaml"), segmentName, "demo",
                     new CrawlerLog(System.out, CrawlerLog.Level.DEBUG))) {
            Map<String, SourceRun> first = byId(crawler.runOnce(List.of(), true));
            Map<String, SourceRun> second = byId(crawler.runOnce(List.of(), true));
            for (String id : GOOD) {
                assertEquals(Outcome.NOT_MODIFIED, second.get(id).outcome(), id + ": the site answered 304");
                assertEquals(urls(first.get(id).items()), urls(second.get(id).items()), id + ": the items are kept");
            }
        }
    }

    private Map<EventType, Integer> eventCounts() {
        Map<EventType, Integer> counts = new HashMap<>();
        try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
            segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class).reader(EventRing.Start.OLDEST).poll(new RingHandler<>() {
                @Override
                public void onRecord(long sequence, CrawlEvent event) {
                    counts.merge(EventType.ofCode(event.type()), 1, Integer::sum);
                }

                @Override
                public void onLoss(long firstLost, long count) {
                    throw new AssertionError("lost " + count + " events");
                }
            }, 10_000);
        }
        return counts;
    }

    private static Map<String, SourceRun> byId(List<SourceRun> runs) {
        return runs.stream().collect(Collectors.toMap(run -> run.source().id(), Function.identity()));
    }

    private static List<String> urls(List<Item> items) {
        return items.stream().map(Item::url).toList();
    }
}
