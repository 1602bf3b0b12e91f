/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.demo.DemoSite;
import io.github.nativeshm.crawler.CrawlerCommand;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --no-crawler}: the api started before any crawler answers 503, attaches by itself when a
 * separately started crawler publishes, and re-attaches when the segment is re-created.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReattachTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String segment = TestApp.uniqueSegment("reattach");
    private final List<Process> crawlers = new ArrayList<>();

    @Inject
    EmbeddedServer server;

    @TempDir
    Path directory;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.crawler-enabled", "false", "app.segment", segment, "micronaut.server.port", "-1");
    }

    @AfterAll
    void stopCrawlersAndRemoveTheSegment() throws InterruptedException {
        for (Process crawler : crawlers) {
            crawler.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Segment.unlink(segment);
        } catch (SegmentException e) {
            // not created
        }
    }

    @Test
    void withoutACrawlerItAnswers503ThenAttachesAndReattachesByItself() throws Exception {
        Http http = new Http(server.getURI());
        for (String path : List.of("/api/items", "/api/sources", "/api/segment", "/api/items/1")) {
            ApiTest.assertProblem(http.get(path), 503, "the crawler has not started publishing into segment '" + segment + "'", "");
        }
        Http.Answer health = http.get("/health");
        assertEquals(503, health.status(), health.toString());
        assertEquals("DOWN", health.json().get("status").asText());

        try (DemoSite site = DemoSite.start(Duration.ofHours(1));
             SseClient events = new SseClient(http, null)) {
            assertEquals(200, events.status(), "the event stream opens before the crawler publishes");
            String config = site.crawlerConfig();
            Path all = Files.writeString(directory.resolve("all.yaml"), config);
            startCrawler(all);
            TestApp.await("the api attaching to the crawler's new segment", WAIT, () -> http.get("/api/items").status() == 200);
            String epoch = http.get("/api/segment").json().get("epoch").asText();
            events.next(event -> event.name().equals("item-new"), WAIT);

            Path fewer = Files.writeString(directory.resolve("fewer.yaml"), config.substring(0, config.indexOf("  - id: demo-broken")));
            crawlers.get(0).destroy();
            crawlers.get(0).waitFor(20, TimeUnit.SECONDS);
            // the segment goes (as after a reboot, or removed by hand): the next crawler creates a new one, a new
            // epoch (a crawler restarted on a segment that still fits its sources would carry on in it instead)
            Segment.unlink(segment);
            startCrawler(fewer);
            TestApp.await("the api re-attaching to the re-created segment", WAIT, () -> {
                Http.Answer segmentNow = http.get("/api/segment");
                return segmentNow.status() == 200 && !segmentNow.json().get("epoch").asText().equals(epoch);
            });
            assertNotEquals(epoch, http.get("/api/segment").json().get("epoch").asText());
            TestApp.await("three sources in the new segment", WAIT,
                    () -> http.get("/api/sources").json().get("sources").size() == 3);
            SseClient.Event refetch = events.next(event -> event.name().equals("refetch"), WAIT);
            assertTrue(refetch.data().contains("re-created"), refetch.data());
        }
    }

    private void startCrawler(Path config) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrawlerCommand.class.getName(),
                "--config", config.toString(), "--segment", segment));
        crawlers.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("crawler-" + crawlers.size() + ".log").toFile()).start());
    }
}
