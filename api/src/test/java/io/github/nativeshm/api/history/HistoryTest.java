/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.nativeshm.api.ApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history database under the real app, with a real crawler child crawling a JSON site this
 * test controls (its URLs, and so the item ids, stay the same across app restarts): items,
 * their changes and gone ones are kept, listed with {@code include=gone}, {@code from} and
 * {@code to}, shown by {@code /api/items/{id}/history}, cut by the retention, and still there
 * after a restart. Subclasses run it on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private JsonSite site;
    private Path dataDir;
    private Path config;
    private final String segment = TestApp.uniqueSegment("history");
    private ApplicationContext app;
    private Http http;

    /** The {@code app.database.*} settings; empty for the H2 file in the data directory. */
    abstract Map<String, String> databaseProperties() throws Exception;

    /** Stops what {@link #databaseProperties()} started, after the app stopped. */
    abstract void closeDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        site = new JsonSite();
        site.show(ordered("Alpha", 10L, "Bravo", 5L, "Charlie", 1L));
        dataDir = Files.createTempDirectory("native-shm-history-test-");
        config = dataDir.resolve("crawler.yaml"); // not sources.yaml: that is the api's own file in the data directory
        Files.writeString(config, site.crawlerConfig());
        startApp();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            app.close();
            site.close();
        } finally {
            closeDatabase();
        }
    }

    private void startApp() throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("app.crawler-config", config.toString(), "app.segment", segment,
                "app.data-dir", dataDir.toString(), "micronaut.server.port", -1, "app.history.retention-check", "1s"));
        properties.putAll(databaseProperties());
        app = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        http = new Http(app.getBean(EmbeddedServer.class).getURI());
        TestApp.await("the history database to be ready", WAIT, () -> app.getBean(HistoryRecorder.class).isReady());
    }

    @Test
    @Order(1)
    void itemsTheirChangesAndGoneOnesAreKept() throws Exception {
        TestApp.await("three items in the history", WAIT, () -> total("/api/items?include=gone") == 3);
        Map<String, JsonNode> items = byTitle(http.get("/api/items?include=gone").json().get("items"));
        JsonNode alpha = items.get("Alpha");
        assertEquals("stars", alpha.get("scoreUnit").asText(), alpha.toString());
        assertFalse(alpha.get("titleCut").asBoolean());
        assertTrue(alpha.get("goneSince").isNull() && !alpha.get("gone").asBoolean(), alpha.toString());
        long alphaId = alpha.get("id").asLong();
        long bravoId = items.get("Bravo").get("id").asLong();

        site.show(ordered("Alpha", 20L, "Charlie", 1L)); // Alpha gains, Bravo drops off the page
        TestApp.await("Bravo gone in the history", WAIT, () -> {
            JsonNode bravo = http.get("/api/items/" + bravoId).json();
            return bravo.get("gone").asBoolean() && !bravo.get("goneSince").isNull();
        });
        TestApp.await("Alpha's new score in the history", WAIT,
                () -> http.get("/api/items/" + alphaId + "/history").json().get("points").size() == 2);

        JsonNode history = http.get("/api/items/" + alphaId + "/history").json();
        List<Long> scores = new ArrayList<>();
        history.get("points").forEach(point -> scores.add(point.get("score").asLong()));
        assertEquals(List.of(10L, 20L), scores, history.toString());
        history.get("points").forEach(point -> assertEquals(1, point.get("rank").asInt(), history.toString()));
        assertEquals(alphaId, history.get("item").get("id").asLong());
        assertTrue(!Instant.parse(history.get("firstSeen").asText()).isAfter(
                Instant.parse(history.get("points").get(0).get("at").asText())), history.toString());
        assertTrue(history.get("goneSince").isNull());

        JsonNode bravoHistory = http.get("/api/items/" + bravoId + "/history").json();
        assertEquals(1, bravoHistory.get("points").size(), bravoHistory.toString());
        assertFalse(bravoHistory.get("goneSince").isNull(), bravoHistory.toString());
        assertTrue(bravoHistory.get("item").get("gone").asBoolean());

        assertEquals(2, total("/api/items"));
        assertEquals(3, total("/api/items?include=gone"));
        List<String> byScore = new ArrayList<>();
        http.get("/api/items?include=gone&sort=score").json().get("items").forEach(item -> byScore.add(item.get("title").asText()));
        assertEquals(List.of("Alpha", "Bravo", "Charlie"), byScore); // Bravo keeps its last score
        List<String> source = new ArrayList<>();
        http.get("/api/items?include=gone&source=site&q=RAV").json().get("items").forEach(item -> source.add(item.get("title").asText()));
        assertEquals(List.of("Bravo"), source);

        Set<Long> paged = new HashSet<>();
        String cursor = null;
        for (String sort : List.of("rank", "score", "published", "firstSeen")) {
            paged.clear();
            do {
                JsonNode page = http.get("/api/items?include=gone&limit=1&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("items").forEach(item -> assertTrue(paged.add(item.get("id").asLong()), "twice: " + item));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            assertEquals(3, paged.size(), "sort=" + sort + ": " + paged);
        }
    }

    @Test
    @Order(2)
    void fromAndToSelectItemsSeenInTheirRange() throws InterruptedException {
        String later = Instant.now().plusSeconds(3600).toString();
        for (String path : List.of("/api/items", "/api/items?include=gone")) {
            String separator = path.contains("?") ? "&" : "?";
            assertEquals(0, total(path + separator + "from=" + later), path);
            assertEquals(0, total(path + separator + "to=2000-01-01T00:00:00Z"), path);
            assertEquals(path.contains("gone") ? 3 : 2, total(path + separator + "from=2000-01-01T00:00:00Z&to=" + later), path);
        }
        // Bravo was last seen before it went, the others are seen again by the next crawl
        String bravoGone = http.get("/api/items?include=gone&q=bravo").json().get("items").get(0).get("goneSince").asText();
        TestApp.await("the items seen since Bravo went", WAIT, () -> total("/api/items?include=gone&from=" + bravoGone) == 2);
        http.get("/api/items?include=gone&from=" + bravoGone).json().get("items")
                .forEach(item -> assertFalse(item.get("gone").asBoolean(), item.toString()));
    }

    @Test
    @Order(3)
    void badParametersAreProblemsNamingTheParameter() {
        assertProblem(http.get("/api/items?include=all"), 400, "include: 'all'", "gone");
        assertProblem(http.get("/api/items?from=yesterday"), 400, "from: 'yesterday'", "ISO-8601 instant");
        assertProblem(http.get("/api/items?include=gone&to=12"), 400, "to: '12'", "ISO-8601 instant");
        assertProblem(http.get("/api/items?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400,
                "from: '2026-01-02T00:00:00Z'", "not after to (2026-01-01T00:00:00Z)");
        assertProblem(http.get("/api/items?include=gone&sort=age"), 400, "sort: 'age'", "rank, score, published, firstSeen");
        assertProblem(http.get("/api/items?include=gone&limit=0"), 400, "limit: '0'", "1 to 500");
        assertProblem(http.get("/api/items?include=gone&source=nope"), 400, "source: 'nope'", "site");
        assertProblem(http.get("/api/items?include=gone&q=" + "x".repeat(201)), 400, "q: '", "at most 200 characters");
        String goneCursor = http.get("/api/items?include=gone&limit=1").json().get("nextCursor").asText();
        String liveCursor = http.get("/api/items?limit=1").json().get("nextCursor").asText();
        assertProblem(http.get("/api/items?cursor=" + goneCursor), 400, "cursor:", "without include=gone");
        assertProblem(http.get("/api/items?include=gone&cursor=" + liveCursor), 400, "cursor:", "with include=gone");
        assertProblem(http.get("/api/items?include=gone&sort=score&cursor=" + goneCursor), 400, "cursor:",
                "sort=rank, not sort=score");
        assertProblem(http.get("/api/items?include=gone&cursor=bm90IGEgY3Vyc29y"), 400, "cursor:", "nextCursor");
        assertProblem(http.get("/api/items/twelve/history"), 400, "id: 'twelve'", "whole number");
        assertProblem(http.get("/api/items/42/history"), 404, "no item with id 42", "");
    }

    @Test
    @Order(4)
    void theRetentionDeletesOldRows() throws Exception {
        HistoryStore store = app.getBean(HistoryStore.class);
        Instant old = Instant.now().minus(Duration.ofDays(40));
        long id = 4_242_424_242L;
        HistoryStore.ItemRow row = new HistoryStore.ItemRow(id, "old-source", "Old", false, "http://old.example/1", null,
                null, old.minusSeconds(60), old, old, 3, 7L, null);
        try (Connection connection = store.database().connection()) {
            store.write(connection, new HistoryStore.Batch(List.of(row), List.of(),
                    List.of(new HistoryStore.Point(id, old, 3, 7L, null)),
                    List.of(new HistoryStore.Crawl("old-source", old, 10, 1, "OK", 200, null))));
            assertEquals(1, store.latestRuns(connection, List.of("old-source")).get("old-source").size());
        }
        assertEquals(1, store.points(id).size());
        TestApp.await("the retention to delete the old rows", WAIT, () -> {
            try (Connection connection = store.database().connection()) {
                return store.item(id).isEmpty() && store.latestRuns(connection, List.of("old-source")).get("old-source").isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of(), store.points(id));
        assertEquals(3, total("/api/items?include=gone")); // the recent ones stay
    }

    @Test
    @Order(5)
    void aRestartKeepsEveryItemItsHistoryTheChartsAndTheToken() throws Exception {
        Map<Long, JsonNode> before = new HashMap<>();
        http.get("/api/items?include=gone").json().get("items").forEach(item -> before.put(item.get("id").asLong(), item));
        assertEquals(3, before.size());
        long alphaId = before.values().stream().filter(item -> item.get("title").asText().equals("Alpha")).findFirst()
                .orElseThrow().get("id").asLong();
        JsonNode alphaHistory = http.get("/api/items/" + alphaId + "/history").json();
        JsonNode chart = http.get("/api/sources").json().get("sources").get(0).get("history");
        String token = app.getBean(ApiToken.class).value();

        app.close();
        startApp();

        Map<Long, JsonNode> after = new HashMap<>();
        http.get("/api/items?include=gone").json().get("items").forEach(item -> after.put(item.get("id").asLong(), item));
        assertEquals(before.keySet(), after.keySet());
        for (Map.Entry<Long, JsonNode> item : before.entrySet()) {
            assertEquals(item.getValue().get("firstSeen"), after.get(item.getKey()).get("firstSeen"), item.toString());
            assertEquals(item.getValue().get("goneSince"), after.get(item.getKey()).get("goneSince"), item.toString());
        }
        assertEquals(alphaHistory.get("points"), http.get("/api/items/" + alphaId + "/history").json().get("points"));
        assertEquals(alphaHistory.get("firstSeen"), http.get("/api/items/" + alphaId + "/history").json().get("firstSeen"));
        assertEquals(token, app.getBean(ApiToken.class).value());

        TestApp.await("the source's chart from before the restart", WAIT, () -> {
            JsonNode sources = http.get("/api/sources").json().get("sources");
            if (sources == null || sources.isEmpty()) {
                return false;
            }
            JsonNode now = sources.get(0).get("history");
            return now.size() >= Math.min(30, chart.size()) && contains(now, chart.get(chart.size() - 1));
        });
        // once the new crawler lists them again, the items on the page show when they were first seen before
        TestApp.await("the crawler to list the items again", WAIT, () -> total("/api/items") == 2);
        http.get("/api/items").json().get("items").forEach(item ->
                assertEquals(before.get(item.get("id").asLong()).get("firstSeen"), item.get("firstSeen"), item.toString()));
        assertNull(http.get("/api/items/" + alphaId).json().get("goneSince").textValue());
    }

    private static boolean contains(JsonNode array, JsonNode element) {
        for (JsonNode each : array) {
            if (each.equals(element)) {
                return true;
            }
        }
        return false;
    }

    ApplicationContext app() {
        return app;
    }

    Http http() {
        return http;
    }

    JsonSite site() {
        return site;
    }

    private int total(String path) {
        Http.Answer answer = http.get(path);
        return answer.status() == 200 ? answer.json().get("total").asInt() : -1;
    }

    private static Map<String, JsonNode> byTitle(JsonNode items) {
        Map<String, JsonNode> byTitle = new LinkedHashMap<>();
        items.forEach(item -> byTitle.put(item.get("title").asText(), item));
        return byTitle;
    }

    private static Map<String, Long> ordered(Object... titlesAndScores) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < titlesAndScores.length; i += 2) {
            map.put((String) titlesAndScores[i], (Long) titlesAndScores[i + 1]);
        }
        return map;
    }
}
