/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.Segment;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.StructuredSegment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under the running app (the real api, its real crawler child, the demo site): the segment
 * truncated to 0 and to 4 KiB, replaced by another file, a source-status slot left odd. No thread
 * of the api dies, {@code /health} goes DOWN naming the segment and the cause and UP again, every
 * endpoint answers again once the crawler has repaired the segment (503, never 500, meanwhile),
 * and an event-stream client gets a {@code refetch} and goes on receiving events.
 *
 * <p>The crawler is stopped (SIGSTOP) while the segment is damaged, so that what the api does is
 * seen for sure before the crawler repairs it; it is continued (SIGCONT) to repair it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSurvivalTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * The api's own threads that must outlive every fault. Netty's loops are watched through
     * {@link #uncaught} instead: event-loop groups of HTTP clients end when their clients close,
     * which is no death.
     */
    private static final Pattern WATCHED = Pattern.compile("sse-hub|crawler-supervisor");
    private static final List<String> ENDPOINTS = List.of("/api/sources", "/api/items", "/api/segment");
    /** From docs/segment-format.md: a slotted region's header comes before its first slot. */
    static final int REGION_HEADER = 64;

    private final String segment = TestApp.uniqueSegment("fault");
    private final Path file = Path.of("/dev/shm", segment);

    @Inject
    EmbeddedServer server;

    @Inject
    CrawlerSupervisor supervisor;

    private Http http;
    private Set<Thread> watched;
    /** Threads that ended with an exception while a test ran: none may. */
    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.demo", "true", "app.demo-tick", "1s", "app.segment", segment, "micronaut.server.port", "-1");
    }

    @BeforeEach
    void publishing() throws Exception {
        http = new Http(server.getURI());
        TestApp.await("the crawler publishing", WAIT, () -> TestApp.state(http).equals("ok"));
        for (String path : ENDPOINTS) {
            TestApp.await(path + " answering", WAIT, () -> http.get(path).status() == 200);
        }
        watched = Thread.getAllStackTraces().keySet().stream().filter(t -> WATCHED.matcher(t.getName()).matches())
                .collect(Collectors.toSet());
        Set<String> names = watched.stream().map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of("sse-hub", "crawler-supervisor"), names, "threads to watch");
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(thread.getName() + ": " + e));
    }

    @AfterEach
    void noThreadDied() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        List<String> dead = watched.stream().filter(thread -> !thread.isAlive()).map(Thread::getName).toList();
        assertEquals(List.of(), dead, "api threads that died");
        assertEquals(List.of(), uncaught, "threads that ended with an exception");
    }

    @Test
    void truncatedToZero() throws Exception {
        survivesDamage("truncated to 0 bytes", () -> truncate(0));
    }

    @Test
    void truncatedTo4KiB() throws Exception {
        survivesDamage("truncated to 4096 bytes", () -> truncate(4096));
    }

    @Test
    void replacedByAnotherFile() throws Exception {
        survivesDamage("replaced", () -> {
            Files.delete(file);
            Segment.create(segment, 1 << 16).close(); // all zeros: not a crawler segment, and no writer
        });
    }

    @Test
    void aSourceStatusSlotLeftOddIsOmittedThenRepaired() throws Exception {
        long omittedBefore = http.get("/api/segment").json().get("omittedSlots").asLong();
        int sources = http.get("/api/sources").json().get("sources").size();
        RegionInfo region;
        try (StructuredSegment reader = StructuredSegment.open(segment)) {
            region = reader.regions().stream().filter(r -> r.name().equals(CrawlerSegment.SOURCES)).findFirst()
                    .orElseThrow();
        }
        long slot = region.offset() + REGION_HEADER; // slot 0: the first source's sequence
        ProcessHandle crawler = supervisor.child().orElseThrow();
        stopBetweenWrites(crawler, slot); // so that the crawler, its writer, neither finishes nor repairs it meanwhile
        try {
            writeLong(slot, readLong(slot) | 1); // odd: as if a writer were stuck inside it
            bumpChangeCount(region); // as a write does: the api decodes the sources again

            Http.Answer listed = http.get("/api/sources");
            assertEquals(200, listed.status(), listed.toString());
            assertEquals(sources - 1, listed.json().get("sources").size(), "the odd slot is left out: " + listed);
            assertTrue(http.get("/api/segment").json().get("omittedSlots").asLong() > omittedBefore);
            String metrics = http.get("/prometheus").body();
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("nshm_segment_omitted_slots_total")
                    && !line.endsWith(" 0.0")), metrics.lines().filter(line -> line.contains("omitted")).toList()
                    .toString());
        } finally {
            signal("CONT", crawler);
        }
        TestApp.await("the crawler repairing the slot", WAIT, () -> (readLong(slot) & 1) == 0);
        TestApp.await("every source listed again", WAIT,
                () -> http.get("/api/sources").json().get("sources").size() == sources);
        TestApp.await("the app ok again", WAIT, () -> TestApp.state(http).equals("ok"));
        everyEndpointAnswers();
    }

    /**
     * Damages the segment with the crawler stopped, sees the api report it and answer 503, lets the
     * crawler repair it and sees everything answer again, the SSE client refetch and go on.
     */
    private void survivesDamage(String cause, Damage damage) throws Exception {
        String epoch = http.get("/api/segment").json().get("epoch").asText();
        ProcessHandle crawler = supervisor.child().orElseThrow();
        try (SseClient events = new SseClient(http, null)) {
            assertEquals(200, events.status());
            signal("STOP", crawler);
            try {
                damage.apply();
                TestApp.await("/health DOWN naming the segment and the cause", WAIT, () -> {
                    Http.Answer health = http.get("/health");
                    return health.status() == 503 && health.body().contains(segment) && health.body().contains(cause);
                });
                JsonNode status = http.get("/api/status").json();
                assertEquals("segment-damaged", status.get("state").asText(), status.toString());
                assertTrue(status.get("message").asText().contains(cause), status.toString());
                assertEquals("segment", status.get("problems").get(0).get("kind").asText(), status.toString());
                for (String path : List.of("/api/sources", "/api/items", "/api/segment", "/api/events")) {
                    Http.Answer answer = http.get(path);
                    assertEquals(503, answer.status(), path + ": " + answer);
                    assertTrue(answer.contentType().startsWith("application/problem+json"), path + ": " + answer);
                }
            } finally {
                signal("CONT", crawler);
            }
            TestApp.await("the crawler re-creating the segment", WAIT, () -> TestApp.state(http).equals("ok"));
            everyEndpointAnswers();
            assertNotEquals(epoch, http.get("/api/segment").json().get("epoch").asText());
            SseClient.Event refetch = events.next(event -> event.name().equals("refetch"), WAIT);
            assertFalse(refetch.data().isEmpty());
            events.next(event -> event.name().startsWith("item-") || event.name().startsWith("crawl-"), WAIT);
        }
        assertEquals(crawler.pid(), supervisor.child().orElseThrow().pid(), "the crawler repaired it, not a restart");
    }

    private void everyEndpointAnswers() throws InterruptedException {
        for (String path : List.of("/api/sources", "/api/items", "/api/segment", "/api/status")) {
            TestApp.await(path + " answering again", Duration.ofSeconds(10), () -> http.get(path).status() == 200);
        }
        TestApp.await("/health UP again", Duration.ofSeconds(10), () -> http.get("/health").status() == 200);
    }

    /** Adds one to a region's change count (its first 4 bytes), as the writer does after every write. */
    private void bumpChangeCount(RegionInfo region) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer count = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder());
            channel.read(count, region.offset());
            channel.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder())
                    .putInt(0, count.getInt(0) + 1), region.offset());
        }
    }

    private void truncate(long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private long readLong(long offset) {
        return readLong(file, offset);
    }

    private void writeLong(long offset, long value) throws IOException {
        writeLong(file, offset, value);
    }

    /** The long at {@code offset} of the segment's file, as the segment stores it (native order). */
    static long readLong(Path file, long offset) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
            channel.read(buffer, offset);
            return buffer.flip().getLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code value} at {@code offset} of the segment's file, as another process's stray write would. */
    static void writeLong(Path file, long offset, long value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value), offset);
        }
    }

    /**
     * Stops the process (SIGSTOP) at a moment when the slot at {@code sequenceAt} is not being
     * written: a process stopped in the middle of writing it would complete that write when
     * continued, and one still running for a moment after the signal could complete it at once.
     */
    private void stopBetweenWrites(ProcessHandle process, long sequenceAt) throws Exception {
        for (int attempt = 0; ; attempt++) {
            signal("STOP", process);
            TestApp.await("the crawler stopped", WAIT, () -> isStopped(process));
            if ((readLong(sequenceAt) & 1) == 0) {
                return;
            }
            assertTrue(attempt < 20, "the slot stayed mid-write across 20 stops");
            signal("CONT", process);
            Thread.sleep(20);
        }
    }

    /** Whether /proc says the process is stopped ('T' after the command name in its stat line). */
    private static boolean isStopped(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                .waitFor(), "kill -" + signal);
    }

    /** A way to damage the segment. */
    private interface Damage {
        void apply() throws Exception;
    }
}
