/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.config.SourcesFile;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlCommand;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.testing.TestSegment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crawler as users run it: a separate process crawling a local site into a segment, and this
 * test process reading that segment as the api does.
 */
class CrawlerProcessTest {
    @TempDir
    Path directory;

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("crawltest");
    private final String segmentName = testSegment.name();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onceCrawlsEverySourceAndAnotherProcessReadsItemsAndStatuses() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("config.yaml", site.config("15m"));
            Result result = run("--once", "--config", config.toString(), "--segment", segmentName);

            assertEquals(CrawlerCommand.PARTIAL_FAILURE, result.exitCode, result.toString());
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("news +OK, HTTP 200, 3 items.*")), result.toString());
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("broken +HTTP_ERROR, HTTP 500.*")), result.toString());

            try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
                Map<String, SourceStatus> statuses = statuses(segment);
                assertEquals(Outcome.OK, outcome(statuses.get("news")));
                assertEquals(3, statuses.get("news").itemCount());
                assertEquals(Outcome.OK, outcome(statuses.get("feed")));
                assertEquals(Outcome.OK, outcome(statuses.get("api")));
                assertEquals(Outcome.HTTP_ERROR, outcome(statuses.get("broken")));
                assertEquals(500, statuses.get("broken").httpStatus());
                assertEquals(Outcome.ROBOTS_DISALLOWED, outcome(statuses.get("private")));
                assertEquals(1, statuses.get("news").runs());

                List<Item> items = items(segment);
                assertEquals(7, items.size(), items.toString());
                Item second = items.stream().filter(item -> item.title().equals("Second story")).findFirst().orElseThrow();
                assertEquals(site.url("/item/Second-story"), second.url());
                assertEquals(20, second.score());
                assertEquals(2, second.rank());
                Item json = items.stream().filter(item -> item.title().equals("Json one")).findFirst().orElseThrow();
                assertEquals(7, json.comments());
                assertEquals("bo", json.author());

                List<String> events = events(segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class).reader(EventRing.Start.OLDEST));
                assertEquals(7, events.stream().filter(e -> e.startsWith("ITEM_NEW")).count(), events.toString());
                assertEquals(3, events.stream().filter(e -> e.startsWith("CRAWL_OK")).count(), events.toString());
                assertEquals(2, events.stream().filter(e -> e.startsWith("CRAWL_FAILED")).count(), events.toString());
            }
        }
    }

    @Test
    void onceWithJsonPrintsTheItemsAsJsonLines() throws Exception {
        try (LocalSite site = new LocalSite()) {
            String feedOnly = site.config("15m").split("  - id: api")[0];
            Path config = write("feed.yaml", feedOnly);
            Result result = run("--once", "--json", "--config", config.toString(), "--segment", segmentName);
            assertEquals(CrawlerCommand.OK, result.exitCode, result.toString());
            List<String> lines = result.stdout.lines().toList();
            assertEquals(5, lines.size(), result.toString());
            assertTrue(lines.contains("{\"source\":\"feed\",\"title\":\"Feed one\",\"titleCut\":false,\"url\":\"https://example.org/one\","
                    + "\"rank\":1,\"score\":null,\"comments\":null,\"author\":\"ann\","
                    + "\"published\":\"2025-01-06T10:00:00Z\",\"id\":" + idOf("feed", "https://example.org/one") + "}"),
                    result.toString());
            assertTrue(result.stderr.contains("feed "), "the summary goes to stderr with --json: " + result);
        }
    }

    @Test
    void onceWithSourceCrawlsOnlyThatSource() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("all.yaml", site.config("15m"));
            Result result = run("--once", "--json", "--source", "feed", "--config", config.toString(), "--segment",
                    segmentName);
            assertEquals(CrawlerCommand.OK, result.exitCode, result.toString());
            assertEquals(List.of("Feed one", "Feed two"), result.stdout.lines()
                    .map(line -> line.replaceFirst("^\\{\"source\":\"feed\",\"title\":\"([^\"]+)\".*", "$1")).toList(),
                    "the feed's two items, and nothing from other sources: " + result);
            assertTrue(result.stderr.lines().noneMatch(line -> line.startsWith("news ") || line.startsWith("broken ")),
                    "only the chosen source is crawled: " + result);
        }
    }

    @Test
    void aConfigWithFewerSourcesKeepsTheSegmentAndOneThatNeedsMoreRoomRecreatesIt() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path all = write("all.yaml", site.config("15m"));
            Path feedOnly = write("feed-only.yaml", site.config("15m").split("  - id: api")[0]);
            Path moreItems = write("more-items.yaml", site.config("15m").split("  - id: api")[0]
                    .replace("    kind: rss\n", "    kind: rss\n    maxItems: 100\n"));
            run("--once", "--config", all.toString(), "--segment", segmentName);
            try (StructuredSegment before = StructuredSegment.open(segmentName)) {
                assertEquals(CrawlerCommand.PARTIAL_FAILURE,
                        run("--once", "--config", all.toString(), "--segment", segmentName).exitCode);
                assertEquals(before.epoch(), currentEpoch(), "same sources: re-attached");

                assertEquals(CrawlerCommand.OK, run("--once", "--config", feedOnly.toString(), "--segment", segmentName).exitCode);
                assertEquals(before.epoch(), currentEpoch(), "fewer sources fit: re-attached");
                assertEquals(Map.of("news", 0, "feed", 1), slots(before), "each source in its slot, the others emptied");
                assertTrue(items(before).stream().allMatch(i -> i.source().equals("news") || i.source().equals("feed")),
                        "the removed sources' items are gone");

                assertEquals(CrawlerCommand.OK, run("--once", "--config", moreItems.toString(), "--segment", segmentName).exitCode);
                assertTrue(before.isRetired(), "more items per source do not fit: readers are told to re-open");
                try (StructuredSegment after = StructuredSegment.open(segmentName)) {
                    assertTrue(after.epoch() != before.epoch(), "a new epoch");
                    assertEquals(2, statuses(after).size(), "news and feed");
                }
            }
        }
    }

    private static Map<String, Integer> slots(StructuredSegment segment) {
        SharedArray<SourceStatus> array = segment.array(CrawlerSegment.SOURCES, SourceStatus.class);
        Map<String, Integer> slots = new HashMap<>();
        for (int slot = 0; slot < array.capacity(); slot++) {
            SourceStatus status = array.read(slot);
            if (status != null) {
                slots.put(status.id(), slot);
            }
        }
        return slots;
    }

    @Test
    void aRunningCrawlerPublishesChangesLiveAndARestartedOneCarriesOn() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("live.yaml", site.config("1s"));
            start("--config", config.toString(), "--segment", segmentName);
            try (StructuredSegment segment = awaitSegment()) {
                long epoch = segment.epoch();
                RingReader<CrawlEvent> reader = segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class)
                        .reader(EventRing.Start.OLDEST);
                awaitEvent(reader, EventType.ITEM_NEW, "Third story");

                site.setStories(List.of("Fresh story", "First story", "Second story", "Third story"));
                awaitEvent(reader, EventType.ITEM_NEW, "Fresh story");

                children.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
                site.setStories(List.of("Fresh story", "First story", "Second story"));
                start("--config", config.toString(), "--segment", segmentName);
                awaitEvent(reader, EventType.ITEM_GONE, "Third story");
                assertEquals(epoch, currentEpoch(), "the restarted crawler re-attached");
                assertTrue(segment.header().writerPid() == children.get(1).pid());
                long freshTwice = events(segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class).reader(EventRing.Start.OLDEST))
                        .stream().filter(e -> e.equals("ITEM_NEW Fresh story")).count();
                assertEquals(1, freshTwice, "items the first crawler published are not new to the second");
            }
        }
    }

    @Test
    void aSourceAddedToTheSourcesFileIsCrawledAndASettingsChangeEndsTheProcessWithCode4() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("config.yaml", site.config("1h").split("  - id: api")[0]);
            Path sources = directory.resolve("sources.yaml");
            SourcesFile.write(sources, List.of());
            start("--config", config.toString(), "--sources", sources.toString(), "--segment", segmentName);
            try (StructuredSegment segment = awaitSegment()) {
                awaitRuns(segment, "feed", 1);
                SourcesFile.write(sources, List.of(Map.of("id", "api", "kind", "json", "url", site.url("/api.json"),
                        "schedule", "1h", "tags", List.of("json", "中文"),
                        "pointers", Map.of("items", "", "title", "/title", "link", "/url"))));
                awaitRuns(segment, "api", 1);
                assertEquals("json,中文", statuses(segment).get("api").tags());
                assertEquals(1, statuses(segment).get("feed").runs(), "the others are not crawled again");

                Files.writeString(config, Files.readString(config).replace("retries: 0", "retries: 1"));
                Process crawler = children.get(0);
                assertTrue(crawler.waitFor(20, TimeUnit.SECONDS), "the crawler exits on a settings change");
                assertEquals(CrawlerCommand.SETTINGS_CHANGED, crawler.exitValue(),
                        Files.readString(directory.resolve("crawler-0.log")));
            }
        }
    }

    @Test
    void commandsFromTheApiAreCarriedOutOnceAlsoAfterARestart() throws Exception {
        try (LocalSite site = new LocalSite();
             StructuredSegment commandSegment = StructuredSegment.create(CommandSegment.nameFor(segmentName), CommandSegment.spec())) {
            Path config = write("commands.yaml", site.config("15m"));
            EventRing<CrawlCommand> commands = commandSegment.ring(CommandSegment.COMMANDS, CrawlCommand.class);
            start("--config", config.toString(), "--segment", segmentName);
            try (StructuredSegment segment = awaitSegment()) {
                awaitRuns(segment, "news", 1);

                assertEquals(0, commands.append(new CrawlCommand(System.currentTimeMillis(), "news")));
                awaitRuns(segment, "news", 2);
                assertEquals(1, awaitCommandsDone(segment, commandSegment.epoch(), 1));
                assertEquals(1, statuses(segment).get("feed").runs(), "only the source asked for");

                commands.append(new CrawlCommand(System.currentTimeMillis(), "no-such-source"));
                awaitCommandsDone(segment, commandSegment.epoch(), 2);

                children.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                start("--config", config.toString(), "--segment", segmentName);
                awaitRuns(segment, "news", 3); // the restart's first crawl
                commands.append(new CrawlCommand(System.currentTimeMillis(), "news"));
                awaitCommandsDone(segment, commandSegment.epoch(), 3);
                awaitRuns(segment, "news", 4);
                Thread.sleep(1500);
                assertEquals(4, statuses(segment).get("news").runs(), "no command carried out twice");
            }
        } finally {
            Segment.unlink(CommandSegment.nameFor(segmentName));
        }
    }

    @Test
    void withExitWithTheCrawlerStopsWhenThatProcessIsKilled() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("orphan.yaml", site.config("15m"));
            String crawler = String.join(" ", command("--config", config.toString(), "--segment", segmentName,
                    "--exit-with", "$$").stream().map(arg -> arg.equals("$$") ? arg : "'" + arg + "'").toList());
            Process shell = new ProcessBuilder("sh", "-c", crawler + " & wait").redirectErrorStream(true)
                    .redirectOutput(directory.resolve("orphan.log").toFile()).start();
            children.add(shell);
            try (StructuredSegment segment = awaitSegment()) {
                ProcessHandle child = ProcessHandle.of(segment.header().writerPid()).orElseThrow();
                shell.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                assertTrue(child.onExit().orTimeout(20, TimeUnit.SECONDS).handle((exited, timeout) -> timeout == null).get(),
                        "the crawler outlived the process it was told to exit with");
            }
        }
    }

    @Test
    void onceWithoutSegmentPublishesIntoASegmentOfItsOwnAndRemovesItAtExit() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path config = write("own.yaml", site.config("15m").split("  - id: api")[0]);
            start("--config", config.toString(), "--segment", segmentName); // a running crawler next to it
            try (StructuredSegment running = awaitSegment()) {
                awaitRuns(running, "feed", 1);
                Result result = run("--once", "--config", config.toString());
                assertEquals(CrawlerCommand.OK, result.exitCode, result.toString());
                SegmentException gone = assertThrows(SegmentException.class,
                        () -> Segment.open(CrawlerCommand.ONCE_PREFIX + result.pid).close());
                assertEquals(SegmentException.Reason.NOT_FOUND, gone.reason(), "removed at exit");
                assertEquals(1, statuses(running).get("feed").runs(), "the running crawler's segment is not touched");
                assertTrue(!running.isRetired() && running.header().writerPid() == children.get(0).pid());
            }
        }
    }

    @Test
    void onceNamingASegmentWithALiveWriterExitsThreeAndLeavesItAlone() throws Exception {
        try (LocalSite site = new LocalSite()) {
            Path all = write("all.yaml", site.config("15m"));
            Path feedOnly = write("feed-only.yaml", site.config("15m").split("  - id: api")[0]);
            start("--config", all.toString(), "--segment", segmentName);
            try (StructuredSegment running = awaitSegment()) {
                awaitRuns(running, "news", 1);
                long writer = children.get(0).pid();
                for (Path config : List.of(all, feedOnly)) { // the same layout, and another one
                    Result result = run("--once", "--config", config.toString(), "--segment", segmentName);
                    assertEquals(CrawlerCommand.CANNOT_PUBLISH, result.exitCode, result.toString());
                    assertEquals(1, result.stderr.lines().count(), "one line: " + result);
                    assertTrue(result.stderr.matches("\\S+ ERROR crawler: cannot publish into segment '" + segmentName
                            + "': (?s).*") && result.stderr.contains(String.valueOf(writer)), "names the live writer: " + result);
                    assertTrue(!running.isRetired() && running.header().writerPid() == writer, "left alone: " + result);
                }
                assertEquals(1, statuses(running).get("news").runs(), "nothing crawled into it");
            }
        }
    }

    @Test
    void aSegmentNameWithoutRoomForTheCommandSegmentIsRefused() throws Exception {
        Result result = run("--once", "--segment", "a".repeat(27));
        assertEquals(CrawlerCommand.BAD_CONFIG, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("at most 26 are allowed"), result.toString());
    }

    private void awaitRuns(StructuredSegment segment, String source, long runs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (statuses(segment).get(source) == null || statuses(segment).get(source).runs() < runs) {
            assertTrue(System.nanoTime() < deadline, source + " did not reach " + runs + " runs in 30 s");
            Thread.sleep(50);
        }
    }

    private static long awaitCommandsDone(StructuredSegment segment, long epoch, long done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            CrawlerInfo info = segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).read();
            if (info.commandEpoch() == epoch && info.commandsDone() >= done) {
                return info.commandsDone();
            }
            assertTrue(System.nanoTime() < deadline, "commands done: " + info + ", expected " + done);
            Thread.sleep(50);
        }
    }

    private long currentEpoch() {
        try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
            return segment.epoch();
        }
    }

    private StructuredSegment awaitSegment() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return StructuredSegment.open(segmentName);
            } catch (SegmentException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void awaitEvent(RingReader<CrawlEvent> reader, EventType type, String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean[] found = {false};
        RingHandler<CrawlEvent> handler = new RingHandler<>() {
            @Override
            public void onRecord(long sequence, CrawlEvent event) {
                found[0] |= event.type() == type.code() && event.text().equals(text);
            }

            @Override
            public void onLoss(long firstLost, long count) {
                throw new AssertionError("lost " + count + " events");
            }
        };
        while (!found[0]) {
            assertTrue(System.nanoTime() < deadline, "no " + type + " event for '" + text + "' within 30 s");
            reader.await(Duration.ofSeconds(1));
            reader.poll(handler, 1000);
        }
    }

    private static List<String> events(RingReader<CrawlEvent> reader) {
        List<String> events = new ArrayList<>();
        reader.poll(new RingHandler<>() {
            @Override
            public void onRecord(long sequence, CrawlEvent event) {
                events.add(EventType.ofCode(event.type()) + " " + event.text());
            }

            @Override
            public void onLoss(long firstLost, long count) {
                events.add("LOST " + count);
            }
        }, 10_000);
        return events;
    }

    private static Map<String, SourceStatus> statuses(StructuredSegment segment) {
        SharedArray<SourceStatus> array = segment.array(CrawlerSegment.SOURCES, SourceStatus.class);
        Map<String, SourceStatus> byId = new HashMap<>();
        for (int slot = 0; slot < array.capacity(); slot++) {
            SourceStatus status = array.read(slot);
            if (status != null) { // a crawler that just created the segment may not have written it yet
                byId.put(status.id(), status);
            }
        }
        return byId;
    }

    private static List<Item> items(StructuredSegment segment) {
        SharedArray<Item> array = segment.array(CrawlerSegment.ITEMS, Item.class);
        List<Item> items = new ArrayList<>();
        for (int slot = 0; slot < array.capacity(); slot++) {
            Item item = array.read(slot);
            if (item != null && !item.gone()) {
                items.add(item);
            }
        }
        return items;
    }

    private static Outcome outcome(SourceStatus status) {
        return Outcome.ofCode(status.outcome());
    }

    private static long idOf(String source, String url) throws Exception {
        var method = Class.forName("io.github.nativeshm.crawler.run.ItemTable").getDeclaredMethod("itemId", String.class, String.class);
        method.setAccessible(true);
        return (long) method.invoke(null, source, url);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private record Result(long pid, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrawlerCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Result run(String... args) throws Exception {
        Process process = new ProcessBuilder(command(args)).redirectError(directory.resolve("stderr.txt").toFile()).start();
        children.add(process);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the crawler did not finish in 60 s");
        return new Result(process.pid(), process.exitValue(), stdout, Files.readString(directory.resolve("stderr.txt")));
    }

    private void start(String... args) throws IOException {
        children.add(new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(directory.resolve("crawler-" + children.size() + ".log").toFile()).start());
    }
}
