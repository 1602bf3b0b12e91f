/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.api.demo.DemoSite;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad crawler config reaches the person: the crawler is not started, {@code /health} is DOWN and
 * {@code GET /api/status} lists each problem, the start banner says so; fixing the file recovers
 * without restarting the app.
 */
class ConfigProblemsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void aBadConfigIsShownAndFixingTheFileStartsTheCrawler() throws Exception {
        String segment = TestApp.uniqueSegment("config");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DemoSite site = DemoSite.start(Duration.ofHours(1))) {
            String good = site.crawlerConfig();
            String bad = good.replaceFirst("schedule: 2s", "schedule: soon").replace("perHostConcurrency: 4",
                    "perHostConcurrency: -1");
            Path config = Files.writeString(directory.resolve("sources.yaml"), bad);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            EmbeddedServer server;
            try {
                server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-config", config.toString(),
                        "app.segment", segment, "micronaut.server.port", "-1"));
            } finally {
                System.setOut(stdout);
            }
            try (server) {
                Http http = new Http(server.getURI());
                CrawlerSupervisor supervisor = server.getApplicationContext().getBean(CrawlerSupervisor.class);
                String banner = printed.toString(StandardCharsets.UTF_8);
                assertTrue(banner.contains("native-shm is NOT crawling: the crawler's config " + config.toAbsolutePath()
                        + " has 2 problems"), banner);
                assertTrue(banner.contains("source 'demo-news': field 'schedule': ") && !banner.contains("is ready"), banner);

                JsonNode status = http.get("/api/status").json();
                assertEquals("config-invalid", status.get("state").asText(), status.toString());
                assertEquals(2, status.get("problems").size(), status.toString());
                for (JsonNode problem : status.get("problems")) {
                    assertEquals("config", problem.get("kind").asText(), problem.toString());
                    assertEquals(config.toAbsolutePath().toString(), problem.get("file").asText(), problem.toString());
                }
                assertTrue(hasProblem(status.get("problems"), "demo-news", "schedule", "soon"), status.toString());
                assertTrue(hasProblem(status.get("problems"), null, "settings.perHostConcurrency", "-1"), status.toString());

                Http.Answer health = http.get("/health");
                assertEquals(503, health.status(), health.toString());
                JsonNode details = health.json().get("details").get("segment").get("details");
                assertEquals("config-invalid", details.get("state").asText(), health.toString());
                assertEquals(status.get("problems"), details.get("problems"), health.toString());

                Thread.sleep(2_500); // a few of the supervisor's checks: it must not start the crawler meanwhile
                assertTrue(supervisor.child().isEmpty(), "a crawler was started on a bad config");
                assertEquals(0, supervisor.state().get("restarts"));

                Files.writeString(config, bad.replace("perHostConcurrency: -1", "perHostConcurrency: 4"));
                TestApp.await("the one problem left", WAIT, () -> http.get("/api/status").json().get("problems").size() == 1);
                assertTrue(supervisor.child().isEmpty(), "a crawler was started on a config with a problem left");

                Files.writeString(config, good);
                TestApp.await("the crawler publishing after the fix", WAIT,
                        () -> http.get("/api/status").json().get("state").asText().equals("ok"));
                assertEquals(200, http.get("/health").status());
                assertEquals(0, http.get("/api/status").json().get("problems").size());
                TestApp.await("items from the fixed config", WAIT,
                        () -> http.get("/api/items").json().get("total").asInt() > 0);
            }
        }
    }

    /** Whether a problem names this source (null: none), field and value, and has a message. */
    private static boolean hasProblem(JsonNode problems, String source, String field, String value) {
        return StreamSupport.stream(problems.spliterator(), false).anyMatch(problem ->
                (source == null ? problem.get("source").isNull() : source.equals(problem.get("source").asText()))
                        && field.equals(problem.get("field").asText()) && value.equals(problem.get("value").asText())
                        && !problem.get("message").asText().isBlank());
    }
}
