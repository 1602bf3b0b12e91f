/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.structured.StructuredSegment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api as the crawler's supervisor: a killed crawler comes back, a stopped (silent) one is killed
 * and replaced, one that cannot publish says why and is retried, and shutdown leaves nothing behind.
 */
class SupervisionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aKilledCrawlerIsRestartedAndShutdownLeavesNoProcessAndNoSegment() throws Exception {
        String segment = TestApp.uniqueSegment("supervise");
        ProcessHandle restarted;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.demo", "true",
                "app.demo-tick", "1s", "app.segment", segment, "micronaut.server.port", "-1"))) {
            Http http = new Http(server.getURI());
            CrawlerSupervisor supervisor = server.getApplicationContext().getBean(CrawlerSupervisor.class);
            TestApp.await("the crawler publishing", WAIT, () -> TestApp.state(http).equals("ok"));
            ProcessHandle first = supervisor.child().orElseThrow();

            assertTrue(first.destroyForcibly()); // SIGKILL
            first.onExit().get(10, TimeUnit.SECONDS);
            TestApp.await("a restarted crawler", WAIT, () -> supervisor.child().filter(child -> child.pid() != first.pid())
                    .isPresent());
            restarted = supervisor.child().orElseThrow();
            assertEquals(1, supervisor.state().get("restarts"));

            TestApp.await("the restarted crawler writing the segment", WAIT,
                    () -> http.get("/api/segment").json().get("writer").get("pid").asLong() == restarted.pid());
            long written = http.get("/api/segment").json().get("events").get("written").asLong();
            TestApp.await("new events from the restarted crawler", WAIT,
                    () -> http.get("/api/segment").json().get("events").get("written").asLong() > written);
            // the supervisor sees the new heartbeat on its next check (every second)
            TestApp.await("/health UP again", WAIT, () -> http.get("/health").status() == 200);
            assertNotEquals(first.pid(), restarted.pid());
        }
        assertTrue(restarted.onExit().handle((exited, timeout) -> timeout == null).get(20, TimeUnit.SECONDS),
                "the crawler still runs after shutdown");
        for (String name : new String[] {segment, CommandSegment.nameFor(segment)}) {
            SegmentException gone = assertThrows(SegmentException.class, () -> Segment.open(name).close());
            assertEquals(SegmentException.Reason.NOT_FOUND, gone.reason(), name + " was left behind");
        }
    }

    @Test
    void aCrawlerThatStopsBeatingIsKilledAndReplaced() throws Exception {
        String segment = TestApp.uniqueSegment("silent");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.demo", "true",
                "app.demo-tick", "1s", "app.segment", segment, "app.crawler-silence", "3s",
                "micronaut.server.port", "-1"))) {
            Http http = new Http(server.getURI());
            CrawlerSupervisor supervisor = server.getApplicationContext().getBean(CrawlerSupervisor.class);
            TestApp.await("the crawler publishing", WAIT, () -> TestApp.state(http).equals("ok"));
            ProcessHandle first = supervisor.child().orElseThrow();

            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(first.pid())).inheritIO().start();
            assertEquals(0, stop.waitFor(), "kill -STOP");
            first.onExit().get(40, TimeUnit.SECONDS); // 3 s of silence, then SIGTERM, SIGKILL 10 s later
            TestApp.await("the supervisor saying why it stopped the crawler", WAIT, () -> {
                String message = http.get("/api/status").json().get("message").asText();
                return message.contains("was silent for") || supervisor.child().isPresent();
            });
            TestApp.await("a new crawler", WAIT, () -> supervisor.child().filter(child -> child.pid() != first.pid())
                    .isPresent());
            long replacement = supervisor.child().orElseThrow().pid();
            TestApp.await("the new crawler publishing", WAIT,
                    () -> http.get("/api/segment").json().get("writer").get("pid").asLong() == replacement
                            && TestApp.state(http).equals("ok"));
            long written = http.get("/api/segment").json().get("events").get("written").asLong();
            TestApp.await("new events from the new crawler", WAIT,
                    () -> http.get("/api/segment").json().get("events").get("written").asLong() > written);
            assertEquals(200, http.get("/health").status());
        }
    }

    @Test
    void aCrawlerThatCannotPublishSaysWhyAndIsRetriedUntilItCan() throws Exception {
        String segment = TestApp.uniqueSegment("blocked");
        // This process, alive, is the segment's writer: the crawler may not take it over (exit code 3).
        StructuredSegment squatter = StructuredSegment.create(segment, CrawlerSegment.spec(1, 1));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.demo", "true",
                "app.demo-tick", "1s", "app.segment", segment, "micronaut.server.port", "-1"))) {
            Http http = new Http(server.getURI());
            TestApp.await("the crawler saying it cannot publish", WAIT,
                    () -> TestApp.state(http).equals("not-publishing"));
            JsonNode status = http.get("/api/status").json();
            String pid = Long.toString(ProcessHandle.current().pid());
            assertTrue(status.get("message").asText().contains("cannot publish into segment '" + segment + "'"),
                    status.toString());
            assertEquals("segment", status.get("problems").get(0).get("kind").asText(), status.toString());
            assertTrue(status.get("problems").get(0).get("message").asText().contains(pid),
                    "names the live writer: " + status);
            Http.Answer health = http.get("/health");
            assertEquals(503, health.status(), health.toString());
            assertTrue(health.body().contains("not-publishing"), health.toString());

            squatter.close();
            Segment.unlink(segment);
            TestApp.await("the crawler publishing once the segment is free", WAIT,
                    () -> TestApp.state(http).equals("ok"));
            assertEquals(200, http.get("/health").status());
        } finally {
            squatter.close();
        }
    }
}
