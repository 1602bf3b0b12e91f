/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourcesFile;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.testing.TestSegment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running crawler whose config file and sources file are edited underneath it, as the api and
 * a user with an editor do: each edit is applied within seconds, a broken one is refused, and the
 * source nobody touched keeps its items and its last crawl throughout.
 */
class LiveReloadTest {
    private static final String ITEMS = "[{\"title\": \"One\", \"url\": \"https://example.org/1\", \"score\": 1},"
            + " {\"title\": \"Two\", \"url\": \"https://example.org/2\", \"score\": 2}]";

    @TempDir
    Path dir;

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("live");
    private final String segmentName = testSegment.name();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void addEditBreakRemoveAndGrowWhileTheOtherSourceIsUntouched() throws Exception {
        try (PageServer server = new PageServer(ITEMS)) {
            final Path config = Files.writeString(dir.resolve("config.yaml"), configText(server, "0ms"));
            final Path sources = dir.resolve("sources.yaml");
            SourcesFile.write(sources, List.of());
            final AtomicBoolean settingsChanged = new AtomicBoolean();
            try (Crawler crawler = new Crawler(CrawlerConfig.read(Optional.of(config), Optional.of(sources)),
                    segmentName, config.toString(), new CrawlerLog(new PrintStream(log, true, StandardCharsets.UTF_8),
                    CrawlerLog.Level.DEBUG));
                 ConfigWatcher watcher = new ConfigWatcher(Optional.of(config), Optional.of(sources), crawler,
                         new CrawlerLog(new PrintStream(log, true, StandardCharsets.UTF_8), CrawlerLog.Level.DEBUG),
                         () -> settingsChanged.set(true))) {
                crawler.start();
                watcher.start(Duration.ofMillis(200));
                final Snapshot first = await(s -> s.runs("keep") == 1 && s.items("keep").size() == 2
                        && s.statuses.get("keep").nextRunMillis() > 0);
                final SourceStatus keep = first.statuses.get("keep");
                final List<Item> keepItems = first.items("keep");
                assertEquals("news,tech", keep.tags());
                assertEquals(16, first.capacity, "room for 16 sources at least");

                // Added: its status appears and it is crawled at once (its schedule is an hour).
                final long added = System.nanoTime();
                SourcesFile.write(sources, List.of(source(server, "mine", "Mine", 30)));
                final Snapshot withMine = await(s -> s.runs("mine") == 1 && s.items("mine").size() == 2);
                assertTrue(System.nanoTime() - added < TimeUnit.SECONDS.toNanos(5), "within seconds");
                assertEquals("mine,中文", withMine.statuses.get("mine").tags());
                assertEquals(first.epoch, withMine.epoch, "not re-created");
                untouched(withMine, keep, keepItems);

                // Changed: it takes the new config and is crawled again at once.
                SourcesFile.write(sources, List.of(source(server, "mine", "Mine, renamed", 1)));
                final Snapshot renamed = await(s -> s.runs("mine") == 2 && s.items("mine").size() == 1);
                assertEquals("Mine, renamed", renamed.statuses.get("mine").name());
                untouched(renamed, keep, keepItems);

                // A broken edit: refused, one warning per problem, and the sources go on.
                Files.writeString(sources, "sources:\n  - id: mine\n    kind: rss\n    url: ftp://x\n    schedule: 1h\n"
                        + "  - id: Bad\n");
                awaitLog("ERROR " + sources + ": source 'mine': field 'url': invalid URL 'ftp://x'");
                Thread.sleep(600);
                final Snapshot afterBroken = await(s -> true);
                assertEquals(2, afterBroken.runs("mine"), "nothing re-crawled");
                assertEquals(1, afterBroken.items("mine").size());
                untouched(afterBroken, keep, keepItems);
                assertEquals(5, log().lines().filter(l -> l.contains(" ERROR " + sources)).count(), "one line per problem:\n" + log());

                // Removed: its status and items leave the segment.
                SourcesFile.write(sources, List.of());
                final Snapshot removed = await(s -> !s.statuses.containsKey("mine")
                        && s.allItems.stream().allMatch(i -> i.source().equals("keep")));
                assertEquals(first.epoch, removed.epoch, "not re-created");
                untouched(removed, keep, keepItems);

                // Twenty more: past the 16 slots, the segment is re-created larger and everything published again.
                final List<Map<String, Object>> many = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    many.add(source(server, "s" + i, "Source " + i, 30));
                }
                SourcesFile.write(sources, many);
                final Snapshot grown = await(s -> s.epoch != first.epoch && s.statuses.size() == 21
                        && many.stream().allMatch(m -> s.runs((String) m.get("id")) == 1));
                assertEquals(42, grown.capacity, "twice the sources");
                untouched(grown, keep, keepItems);
                awaitLog("grown from 16 to 42 source slots");
                assertEquals(first.statuses.get("keep").id(), grown.statuses.get("keep").id());

                assertFalse(settingsChanged.get());
                Files.writeString(config, configText(server, "1ms"));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!settingsChanged.get()) {
                    assertTrue(System.nanoTime() < deadline, "a settings change is noticed\n" + log());
                    Thread.sleep(50);
                }
                assertEquals(21, await(s -> true).statuses.size(), "nothing applied with other settings");
            }
        }
    }

    /** {@code keep} has the status and the items it had after its first crawl: not crawled again, not moved. */
    private void untouched(Snapshot now, SourceStatus keep, List<Item> items) {
        final SourceStatus status = now.statuses.get("keep");
        assertEquals(1, status.runs(), log());
        assertEquals(keep.lastFinishMillis(), status.lastFinishMillis());
        assertEquals(keep.nextRunMillis(), status.nextRunMillis(), "same schedule");
        assertEquals(items, now.items("keep"));
    }

    private static String configText(PageServer server, String delay) {
        return """
                settings: {perHostDelay: %s, retries: 0, readTimeout: 5s}
                sources:
                  - id: keep
                    kind: json
                    url: http://127.0.0.1:%d/items.json?keep
                    schedule: 1h
                    tags: [news, tech]
                    pointers: {items: "", title: /title, link: /url, score: /score}
                """.formatted(delay, server.port());
    }

    private static Map<String, Object> source(PageServer server, String id, String name, int maxItems) {
        final Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", id);
        source.put("name", name);
        source.put("kind", "json");
        source.put("url", "http://127.0.0.1:" + server.port() + "/items.json?" + id);
        source.put("schedule", "1h");
        source.put("maxItems", maxItems);
        source.put("tags", List.of(id.equals("mine") ? "mine" : "many", "中文"));
        source.put("pointers", Map.of("items", "", "title", "/title", "link", "/url"));
        return source;
    }

    private record Snapshot(long epoch, int capacity, Map<String, SourceStatus> statuses, List<Item> allItems) {
        long runs(String id) {
            return statuses.containsKey(id) ? statuses.get(id).runs() : 0;
        }

        List<Item> items(String id) {
            return allItems.stream().filter(i -> i.source().equals(id) && !i.gone()).toList();
        }
    }

    /** Opens the segment afresh until {@code test} holds (it is re-created when it grows). */
    private Snapshot await(Predicate<Snapshot> test) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String last = "never opened";
        while (System.nanoTime() < deadline) {
            try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
                final Snapshot now = snapshot(segment);
                if (test.test(now)) {
                    return now;
                }
                last = now.toString();
            } catch (SegmentException e) {
                last = e.getMessage();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 15 s; last seen: " + last + "\nlog:\n" + log());
    }

    private static Snapshot snapshot(StructuredSegment segment) {
        final SharedArray<SourceStatus> array = segment.array(CrawlerSegment.SOURCES, SourceStatus.class);
        final Map<String, SourceStatus> statuses = new HashMap<>();
        int highest = -1;
        for (int slot = 0; slot < array.capacity(); slot++) {
            final SourceStatus status = array.read(slot);
            if (status != null) {
                highest = slot;
                statuses.put(status.id(), status);
            }
        }
        // Read after the statuses: the crawler raises the count before it writes a status above it.
        final CrawlerInfo info = segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).read();
        assertTrue(highest < (info == null ? 0 : info.sourceCount()), "every source below the info's count: " + highest + ", " + info);
        final SharedArray<Item> items = segment.array(CrawlerSegment.ITEMS, Item.class);
        final List<Item> all = new ArrayList<>();
        for (int slot = 0; slot < items.capacity(); slot++) {
            final Item item = items.read(slot);
            if (item != null) {
                all.add(item);
            }
        }
        return new Snapshot(segment.epoch(), array.capacity(), statuses, all);
    }

    private void awaitLog(String text) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!log().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "not logged: " + text + "\nlog:\n" + log());
            Thread.sleep(50);
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }
}
