/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the api as users call it: a real server on 127.0.0.1 reading the segment a
 * real crawler child process writes while it crawls the demo site.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ApiTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EmbeddedServer server;

    @Inject
    CrawlerConfigFile config;

    private Http http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.demo", "true", "app.demo-tick", "1h", "app.segment", TestApp.uniqueSegment("apitest"),
                "app.token", TestApp.TOKEN, "micronaut.server.port", "-1");
    }

    @BeforeAll
    void waitForEverySourceToBeCrawled() throws InterruptedException {
        http = new Http(server.getURI());
        TestApp.await("every demo source crawled once", WAIT, () -> {
            Http.Answer answer = http.get("/api/sources");
            return answer.status() == 200 && answer.json().get("sources").size() == 4
                    && StreamSupport.stream(answer.json().get("sources").spliterator(), false)
                    .allMatch(source -> source.get("runs").asLong() >= 1);
        });
    }

    // ---- sources -----------------------------------------------------------------------------

    @Test
    void sourcesShowTheirStatusAndTheFailingOneItsError() {
        JsonNode sources = http.get("/api/sources").json().get("sources");
        JsonNode news = find(sources, "demo-news");
        assertEquals("ok", news.get("state").asText());
        // demo-news is crawled every 2 s; once the page has not changed the answer is a 304
        assertTrue(news.get("outcome").asText().equals("OK") && news.get("httpStatus").asInt() == 200
                || news.get("outcome").asText().equals("NOT_MODIFIED") && news.get("httpStatus").asInt() == 304,
                news.toString());
        assertEquals(15, news.get("itemCount").asInt());
        assertEquals("Demo News", news.get("name").asText());
        assertTrue(news.get("history").size() >= 1, news.toString());
        assertTrue(news.get("nextRun").isTextual() && news.get("lastFinish").isTextual(), news.toString());

        JsonNode broken = find(sources, "demo-broken");
        assertEquals("failing", broken.get("state").asText());
        assertEquals("HTTP_ERROR", broken.get("outcome").asText());
        assertEquals(503, broken.get("httpStatus").asInt());
        assertTrue(broken.get("error").asText().contains("503"), broken.toString());
        assertTrue(broken.get("failures").asLong() >= 1);
    }

    // ---- items -------------------------------------------------------------------------------

    @Test
    void itemsComeInPagesThatTogetherListEveryItemOnce() {
        JsonNode first = http.get("/api/items?limit=10").json();
        int total = first.get("total").asInt();
        assertEquals(15 + 10 + 12, total, first.toString());
        Set<Long> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/api/items?limit=10" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> assertTrue(ids.add(item.get("id").asLong()), "listed twice: " + item));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertEquals(total, ids.size());
        assertEquals(4, pages);
    }

    @Test
    void itemsCanBeFilteredBySourceAndTitleAndSorted() {
        JsonNode feed = http.get("/api/items?source=demo-feed&limit=500").json();
        assertEquals(10, feed.get("total").asInt());
        feed.get("items").forEach(item -> assertEquals("demo-feed", item.get("source").asText()));

        JsonNode all = http.get("/api/items?limit=500").json();
        String title = all.get("items").get(0).get("title").asText();
        String word = title.split(" ")[0].toUpperCase();
        JsonNode matching = http.get("/api/items?limit=500&q=" + java.net.URLEncoder.encode(word,
                java.nio.charset.StandardCharsets.UTF_8)).json();
        assertTrue(matching.get("total").asInt() >= 1 && matching.get("total").asInt() < all.get("total").asInt(),
                matching.toString());
        matching.get("items").forEach(item -> assertTrue(item.get("title").asText().toUpperCase().contains(word)));

        List<Long> scores = new ArrayList<>();
        http.get("/api/items?sort=score&limit=500").json().get("items")
                .forEach(item -> scores.add(item.get("score").isNull() ? -1 : item.get("score").asLong()));
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "not by score, descending: " + scores);
        }
        List<Integer> ranks = new ArrayList<>();
        all.get("items").forEach(item -> ranks.add(item.get("rank").asInt()));
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(ranks.get(i - 1) <= ranks.get(i), "not by rank: " + ranks);
        }
        assertEquals(3, http.get("/api/items?sort=published&limit=3").json().get("items").size());
        assertEquals(37, http.get("/api/items?sort=firstSeen&limit=500").json().get("items").size());
    }

    @Test
    void oneItemById() {
        JsonNode listed = http.get("/api/items?limit=1").json().get("items").get(0);
        Http.Answer one = http.get("/api/items/" + listed.get("id").asLong());
        assertEquals(200, one.status());
        assertEquals(listed.get("url").asText(), one.json().get("url").asText());
        assertFalse(one.json().get("gone").asBoolean());
    }

    @Test
    void badParametersAreProblemsThatNameTheParameterAndWhatIsAllowed() {
        assertProblem(http.get("/api/items?limit=abc"), 400, "limit: 'abc'", "1 to 500");
        assertProblem(http.get("/api/items?limit=0"), 400, "limit: '0'", "1 to 500");
        assertProblem(http.get("/api/items?limit=501"), 400, "limit: '501'", "1 to 500");
        assertProblem(http.get("/api/items?sort=age"), 400, "sort: 'age'", "rank, score, published, firstSeen");
        assertProblem(http.get("/api/items?source=nope"), 400, "source: 'nope'", "demo-news, demo-feed, demo-api, demo-broken");
        assertProblem(http.get("/api/items?q=" + "x".repeat(201)), 400, "q: '", "at most 200 characters");
        assertProblem(http.get("/api/items?cursor=bm90IGEgY3Vyc29y"), 400, "cursor:", "nextCursor");
        assertProblem(http.get("/api/items?cursor=%25%25"), 400, "cursor:", "nextCursor");
        String rankCursor = http.get("/api/items?limit=1").json().get("nextCursor").asText();
        assertProblem(http.get("/api/items?sort=score&cursor=" + rankCursor), 400, "cursor:", "sort=rank, not sort=score");
        assertProblem(http.get("/api/items/twelve"), 400, "id: 'twelve'", "whole number");
        assertProblem(http.get("/api/items/42"), 404, "no item has id 42", "");
        assertProblem(http.get("/api/nothing-here"), 404, "no API endpoint at /api/nothing-here", "");
        assertProblem(http.send("DELETE", "/api/items"), 405, "DELETE", "");
        assertProblem(http.send("PUT", "/api/sources/demo-news/crawl"), 405, "PUT", "");
    }

    // ---- segment, health, metrics, OpenAPI ----------------------------------------------------

    @Test
    void segmentShowsHeaderRegionsWriterAndEvents() {
        JsonNode segment = http.get("/api/segment").json();
        assertEquals("READY", segment.get("state").asText());
        assertEquals(16, segment.get("epoch").asText().length());
        assertTrue(segment.get("writer").get("alive").asBoolean(), segment.toString());
        assertTrue(segment.get("writer").get("heartbeatAgeMillis").asLong() < 5000, segment.toString());
        List<String> regions = new ArrayList<>();
        segment.get("regions").forEach(region -> regions.add(region.get("name").asText()));
        assertEquals(List.of("crawler", "sources", "items", "events"), regions);
        JsonNode items = segment.get("regions").get(2);
        assertEquals("Item", items.get("layout").asText());
        assertTrue(items.get("used").asLong() >= 37 && items.get("fill").asDouble() > 0, items.toString());
        assertTrue(segment.get("events").get("written").asLong() >= 37, segment.toString());
        assertEquals(segment.get("writer").get("pid").asLong(), segment.get("crawlerProcess").get("pid").asLong());
    }

    @Test
    void headerServesTheSegmentsStructsInEachLanguage() throws Exception {
        JsonNode regions = http.get("/api/segment").json().get("regions");
        Http.Answer python = http.get("/api/segment/header?lang=python");
        assertEquals(200, python.status(), python.toString());
        assertTrue(python.contentType().startsWith("text/plain"), python.toString());
        assertTrue(python.raw().headers().firstValue("Content-Disposition").orElse("").endsWith(".py\""), python.toString());
        // Python imports it (checking every offset) and agrees with /api/segment on sizes and fingerprints
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bind-api");
        java.nio.file.Files.writeString(dir.resolve("crawler_structs.py"), python.body());
        StringBuilder expected = new StringBuilder();
        StringBuilder script = new StringBuilder("import ctypes, crawler_structs as s\n");
        for (JsonNode region : regions) {
            if (!region.get("kind").asText().equals("RAW")) {
                String layout = region.get("layout").asText();
                String constant = layout.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
                script.append("print(ctypes.sizeof(s.").append(layout).append("), hex(s.").append(constant)
                        .append("_FINGERPRINT))\n");
                expected.append(region.get("elementSize").asInt()).append(' ').append(region.get("fingerprint").asText()
                        .replaceFirst("^0x0*", "0x")).append('\n');
            }
        }
        assertEquals(expected.toString(), run(dir, "python3", "-c", script.toString()));

        Http.Answer rust = http.get("/api/segment/header?lang=rust&region=events");
        assertEquals(200, rust.status(), rust.toString());
        assertTrue(rust.body().contains("pub type_: i32,"), "CrawlEvent.type, a Rust keyword:\n" + rust.body());
        assertTrue(http.get("/api/segment/header?lang=go").body().contains("type Item struct {"));
        assertEquals(http.get("/api/segment/header?lang=c").body(), http.get("/api/segment/header").body(), "C by default");

        assertProblem(http.get("/api/segment/header?lang=java"), 400, "lang: 'java'", "c, python, rust, go");
        assertProblem(http.get("/api/segment/header?region=nope"), 400, "region: 'nope'", "crawler, sources, items, events");
    }

    /** Runs a command in {@code dir}, failing on a non-zero exit; its standard output. */
    private static String run(java.nio.file.Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), List.of(command) + "\n" + output);
        return output;
    }

    @Test
    void healthIsUpWithTheSegmentsDetails() {
        Http.Answer health = http.get("/health");
        assertEquals(200, health.status(), health.toString());
        assertEquals("UP", health.json().get("status").asText());
        JsonNode segment = health.json().get("details").get("segment");
        assertEquals("UP", segment.get("status").asText());
        assertTrue(segment.get("details").get("writerAlive").asBoolean());
    }

    @Test
    void prometheusMetricsIncludeTheAppsGauges() {
        Http.Answer metrics = http.get("/prometheus");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("nativeshm_segment_attached 1.0"), metrics.body());
        assertTrue(metrics.body().lines().anyMatch(line -> line.matches("nativeshm_items \\d+\\.0") && !line.endsWith(" 0.0")),
                metrics.body());
        assertTrue(metrics.body().contains("nativeshm_sources_failing 1.0"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Http.Answer openApi = http.get("/swagger/native-shm-api-0.1.yml");
        assertEquals(200, openApi.status());
        for (String path : List.of("/api/items:", "/api/items/{id}:", "/api/sources:", "/api/sources/{id}/crawl:",
                "/api/segment:", "/api/segment/header:", "/api/events:")) {
            assertTrue(openApi.body().contains(path), path + " missing in\n" + openApi.body());
        }
    }

    // ---- live events --------------------------------------------------------------------------

    @Test
    void eventsArriveWhenTheDemoSiteChangesAndResumeAfterLastEventId() throws Exception {
        String firstId;
        try (SseClient events = new SseClient(http, null)) {
            assertEquals(200, events.status());
            config.demo().orElseThrow().advance();
            SseClient.Event created = events.next(event -> event.name().equals("item-new"), WAIT);
            JsonNode data = new Http.Answer(200, "", created.data(), null).json();
            assertEquals("item-new", data.get("type").asText());
            assertEquals(data.get("itemId").asLong(), data.get("item").get("id").asLong());
            assertTrue(created.id().matches("[0-9a-f]{1,16}-\\d+"), created.id());
            firstId = created.id();
            events.next(event -> event.name().equals("item-changed"), WAIT);
        }
        long sequence = Long.parseLong(firstId.substring(firstId.indexOf('-') + 1));
        try (SseClient resumed = new SseClient(http, firstId)) {
            SseClient.Event next = resumed.next(WAIT);
            assertEquals(firstId.substring(0, firstId.indexOf('-') + 1) + (sequence + 1), next.id(),
                    "resumes right after the last event seen");
        }
    }

    @Test
    void aLastEventIdFromAnotherSegmentAsksToRefetchAndAForgedOneIsRefused() throws Exception {
        try (SseClient stale = new SseClient(http, "1234abcd-5")) {
            SseClient.Event refetch = stale.next(WAIT);
            assertEquals("refetch", refetch.name());
            assertTrue(refetch.data().contains("not from the crawler's current segment"), refetch.data());
        }
        assertProblem(http.send("GET", "/api/events", "Last-Event-ID", "yesterday"), 400, "Last-Event-ID: 'yesterday'", "");
    }

    // ---- crawl command ------------------------------------------------------------------------

    @Test
    void crawlNowNeedsTheTokenAndReachesTheCrawler() throws Exception {
        Http.Answer anonymous = http.send("POST", "/api/sources/demo-feed/crawl");
        assertProblem(anonymous, 401, "Authorization: Bearer", "");
        assertEquals("Bearer", anonymous.raw().headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(http.send("POST", "/api/sources/demo-feed/crawl", "Authorization", "Bearer wrong-token-xxxxxxxx"),
                401, "not the api's token", "");
        assertProblem(http.send("POST", "/api/sources/nope/crawl", "Authorization", "Bearer " + TestApp.TOKEN), 404,
                "no source has id 'nope'", "");

        long runsBefore = find(http.get("/api/sources").json().get("sources"), "demo-feed").get("runs").asLong();
        Http.Answer accepted = http.send("POST", "/api/sources/demo-feed/crawl", "Authorization", "Bearer " + TestApp.TOKEN);
        assertEquals(202, accepted.status(), accepted.toString());
        long command = accepted.json().get("command").asLong();
        TestApp.await("the crawler to carry out command " + command, WAIT,
                () -> http.get("/api/segment").json().get("crawler").get("commandsDone").asLong() > command);
        TestApp.await("another crawl of demo-feed", WAIT,
                () -> find(http.get("/api/sources").json().get("sources"), "demo-feed").get("runs").asLong() > runsBefore);
    }

    // ---- UI -----------------------------------------------------------------------------------

    @Test
    void theUiIsServedWithHistoryFallbackAndCachedAssets() {
        Http.Answer index = http.get("/");
        assertEquals(200, index.status());
        assertTrue(index.body().contains("test index"));
        assertEquals("no-cache", index.raw().headers().firstValue("cache-control").orElse(""));

        Http.Answer route = http.get("/items/some-client-side-route");
        assertEquals(200, route.status());
        assertTrue(route.contentType().startsWith("text/html"), route.contentType());
        assertTrue(route.body().contains("test index"));

        Http.Answer asset = http.get("/assets/app-0123abcd.js");
        assertEquals(200, asset.status());
        assertTrue(asset.contentType().startsWith("text/javascript"));
        assertTrue(asset.raw().headers().firstValue("cache-control").orElse("").contains("immutable"));

        assertEquals(404, http.get("/assets/missing-0000.js").status());
        assertEquals(404, http.get("/favicon-missing.png").status());
        assertEquals(404, http.get("/..%2f..%2fetc%2fpasswd").status());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static JsonNode find(JsonNode sources, String id) {
        for (JsonNode source : sources) {
            if (source.get("id").asText().equals(id)) {
                return source;
            }
        }
        throw new AssertionError("no source " + id + " in " + sources);
    }

    public static void assertProblem(Http.Answer answer, int status, String detailStart, String detailAlsoHas) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.toString());
        JsonNode problem = answer.json();
        assertEquals(status, problem.get("status").asInt());
        assertNotNull(problem.get("title"));
        String detail = problem.get("detail").asText();
        assertTrue(detail.contains(detailStart), "detail '" + detail + "' lacks '" + detailStart + "'");
        assertTrue(detail.contains(detailAlsoHas), "detail '" + detail + "' lacks '" + detailAlsoHas + "'");
        assertNotEquals("", problem.get("instance").asText());
    }
}
