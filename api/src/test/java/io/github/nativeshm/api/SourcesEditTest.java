/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nativeshm.api.sources.SourceFiles;
import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.github.nativeshm.crawler.config.SourcesFile;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sources made, changed, removed and previewed through the API, with a real crawler child crawling
 * the demo site: validation (the crawler's own words, field by field), tokens, conflicts with the
 * hand-written file, live pick-up by the crawler (events within one schedule interval, the other
 * sources untouched), hand edits of {@code sources.yaml} (good and bad), OPML, and the items
 * filters by several sources and tags.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourcesEditTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AUTH = {"Authorization", "Bearer " + TestApp.TOKEN};

    @Inject
    EmbeddedServer server;

    @Inject
    CrawlerConfigFile config;

    @Inject
    SourceFiles files;

    private Http http;
    private URI site;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.demo", "true", "app.demo-tick", "1h", "app.segment", TestApp.uniqueSegment("sources"),
                "app.token", TestApp.TOKEN, "micronaut.server.port", "-1");
    }

    @BeforeAll
    void waitForTheDemoSources() throws InterruptedException {
        http = new Http(server.getURI());
        site = config.demo().orElseThrow().uri();
        TestApp.await("every demo source crawled once", WAIT, () -> {
            Http.Answer answer = http.get("/api/sources");
            return answer.status() == 200 && answer.json().get("sources").size() == 4
                    && StreamSupport.stream(answer.json().get("sources").spliterator(), false)
                    .allMatch(source -> source.get("runs").asLong() >= 1);
        });
    }

    // ---- drafts of each kind -------------------------------------------------------------------

    private Map<String, Object> html(String id) {
        Map<String, Object> selectors = new LinkedHashMap<>();
        selectors.put("item", "tr.story");
        selectors.put("title", "a.title");
        selectors.put("link", "a.title");
        selectors.put("score", "span.score");
        return source(id, "html", site.toString(), "selectors", selectors);
    }

    private Map<String, Object> rss(String id) {
        return source(id, "rss", site.resolve("feed.rss").toString(), null, null);
    }

    private Map<String, Object> json(String id) {
        Map<String, Object> pointers = new LinkedHashMap<>();
        pointers.put("items", "/items");
        pointers.put("title", "/title");
        pointers.put("link", "/url");
        return source(id, "json", site.resolve("api/items.json").toString(), "pointers", pointers);
    }

    private static Map<String, Object> source(String id, String kind, String url, String block, Object value) {
        Map<String, Object> source = new LinkedHashMap<>();
        if (id != null) {
            source.put("id", id);
        }
        source.put("name", "Mine " + kind);
        source.put("kind", kind);
        source.put("url", url);
        source.put("schedule", "20s");
        source.put("tags", List.of("mine", kind));
        if (block != null) {
            source.put(block, value);
        }
        return source;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Http.Answer post(String path, Object body, String... headers) {
        return http.sendBody("POST", path, "application/json", json(body), headers);
    }

    private Http.Answer put(String path, Object body, String... headers) {
        return http.sendBody("PUT", path, "application/json", json(body), headers);
    }

    private static void assertProblem(Http.Answer answer, int status, String detailPart) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.toString());
        assertTrue(answer.json().get("detail").asText().contains(detailPart), answer.toString());
    }

    /** A 400 whose problems include one naming {@code field} (a prefix) and {@code value}. */
    private static void assertFieldProblem(Http.Answer answer, String field, String value) {
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.toString());
        JsonNode problems = answer.json().get("problems");
        assertTrue(problems != null && problems.isArray() && !problems.isEmpty(), answer.toString());
        for (JsonNode problem : problems) {
            String f = problem.get("field").isNull() ? null : problem.get("field").asText();
            String v = problem.get("value").isNull() ? null : problem.get("value").asText();
            if (f != null && f.startsWith(field) && (value == null ? v == null : value.equals(v))) {
                assertFalse(problem.get("message").asText().isBlank(), answer.toString());
                return;
            }
        }
        throw new AssertionError("no problem of field '" + field + "' with value " + value + ": " + answer);
    }

    private JsonNode sourceView(String id) {
        for (JsonNode source : http.get("/api/sources").json().get("sources")) {
            if (source.get("id").asText().equals(id)) {
                return source;
            }
        }
        return null;
    }

    private Set<Long> itemIds(String source) {
        Set<Long> ids = new TreeSet<>();
        Http.Answer answer = http.get("/api/items?limit=500&source=" + source);
        if (answer.status() == 200) { // 400 while the crawler does not have the source (yet)
            answer.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        }
        return ids;
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theApiSourcesFileIsThereOwnerOnlyAndTheListSaysWhereEachSourceComesFrom() throws Exception {
        assertTrue(Files.isRegularFile(files.sourcesPath()), files.sourcesPath().toString());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(files.sourcesPath()));
        JsonNode news = sourceView("demo-news");
        assertEquals("file", news.get("origin").asText(), news.toString());
        assertFalse(news.get("editable").asBoolean());
        assertTrue(news.get("tags").isArray(), news.toString());

        JsonNode configured = http.get("/api/sources/demo-news/config").json();
        assertEquals("file", configured.get("origin").asText());
        assertEquals(config.path().toAbsolutePath().toString(), configured.get("file").asText());
        assertEquals("tr.story", configured.get("source").get("selectors").get("item").asText(), configured.toString());
        assertProblem(http.get("/api/sources/nope/config"), 404, "nope");
    }

    @Test
    @Order(2)
    void eachKindIsPreviewedCreatedEditedAndDeleted() throws Exception {
        for (Map<String, Object> draft : List.of(html("mine-html"), rss("mine-rss"), json("mine-json"))) {
            String id = (String) draft.get("id");
            Map<String, Object> anonymous = new LinkedHashMap<>(draft);
            anonymous.remove("id");
            Http.Answer preview = post("/api/sources/preview", anonymous, AUTH);
            assertEquals(200, preview.status(), preview.toString());
            assertEquals(200, preview.json().get("fetch").get("status").asInt(), preview.toString());
            assertTrue(preview.json().get("items").size() >= 3, preview.toString());
            assertTrue(preview.json().get("items").get(0).get("fields").has("title"), preview.toString());

            Http.Answer created = post("/api/sources", draft, AUTH);
            assertEquals(201, created.status(), created.toString());
            assertEquals("/api/sources/" + id + "/config", created.raw().headers().firstValue("Location").orElseThrow());
            assertEquals("app", created.json().get("origin").asText());
            assertTrue(created.json().get("editable").asBoolean());
            assertEquals(files.sourcesPath().toString(), created.json().get("file").asText());

            JsonNode configured = http.get("/api/sources/" + id + "/config").json();
            assertEquals(draft.get("url"), configured.get("source").get("url").asText());

            Map<String, Object> changed = new LinkedHashMap<>(draft);
            changed.put("maxItems", 5);
            changed.put("name", "Mine, changed");
            Http.Answer replaced = put("/api/sources/" + id, changed, AUTH);
            assertEquals(200, replaced.status(), replaced.toString());
            assertEquals(5, http.get("/api/sources/" + id + "/config").json().get("source").get("maxItems").asInt());
            TestApp.await("the crawler taking the change of " + id, WAIT, () -> {
                JsonNode view = sourceView(id);
                return view != null && view.get("name").asText().equals("Mine, changed")
                        && view.get("origin").asText().equals("app") && view.get("editable").asBoolean();
            });

            Http.Answer deleted = http.send("DELETE", "/api/sources/" + id, AUTH);
            assertEquals(204, deleted.status(), deleted.toString());
            assertProblem(http.get("/api/sources/" + id + "/config"), 404, id);
            TestApp.await("the crawler dropping " + id, WAIT, () -> sourceView(id) == null);
        }
        assertTrue(SourcesFile.readRaw(files.sourcesPath()).isEmpty());
    }

    @Test
    @Order(3)
    void everyValidationErrorNamesItsFieldAndValue() {
        Map<String, Object> draft = html("bad-html");
        ((Map<String, Object>) draft.get("selectors")).put("title", "a[");
        assertFieldProblem(post("/api/sources", draft, AUTH), "selectors.title", "a[");
        assertFieldProblem(post("/api/sources/preview", draft, AUTH), "selectors.title", "a[");

        Map<String, Object> noSelectors = html("bad-html");
        noSelectors.remove("selectors");
        assertFieldProblem(post("/api/sources", noSelectors, AUTH), "selectors", null);

        Map<String, Object> feed = rss("bad-rss");
        feed.put("url", "ftp://example.org/feed");
        assertFieldProblem(post("/api/sources", feed, AUTH), "url", "ftp://example.org/feed");

        Map<String, Object> api = json("bad-json");
        ((Map<String, Object>) api.get("pointers")).put("items", "items");
        assertFieldProblem(post("/api/sources", api, AUTH), "pointers.items", "items");

        Map<String, Object> badId = rss("Bad Id!");
        assertFieldProblem(post("/api/sources", badId, AUTH), "id", "Bad Id!");

        Map<String, Object> badKind = rss("bad-kind");
        badKind.put("kind", "xml");
        assertFieldProblem(post("/api/sources", badKind, AUTH), "kind", "xml");

        Map<String, Object> badTag = rss("bad-tag");
        badTag.put("tags", List.of("a,b"));
        assertFieldProblem(post("/api/sources", badTag, AUTH), "tags", "a,b");

        Map<String, Object> badSchedule = rss("bad-schedule");
        badSchedule.put("schedule", "soon");
        assertFieldProblem(post("/api/sources", badSchedule, AUTH), "schedule", "soon");

        Map<String, Object> badMax = rss("bad-max");
        badMax.put("maxItems", 0);
        assertFieldProblem(post("/api/sources", badMax, AUTH), "maxItems", "0");

        Map<String, Object> unknown = rss("bad-key");
        unknown.put("colour", "red");
        assertFieldProblem(post("/api/sources", unknown, AUTH), "colour", "red");

        Map<String, Object> several = rss("Bad Two");
        several.put("schedule", "soon");
        Http.Answer both = post("/api/sources", several, AUTH);
        assertFieldProblem(both, "id", "Bad Two");
        assertFieldProblem(both, "schedule", "soon");

        assertFieldProblem(post("/api/sources/discover", Map.of("url", "file:///etc/passwd"), AUTH), "url",
                "file:///etc/passwd");
        Http.Answer notJson = http.sendBody("POST", "/api/sources", "application/json", "[1, 2]", AUTH);
        assertEquals(400, notJson.status(), notJson.toString());
        assertTrue(notJson.contentType().startsWith("application/problem+json"), notJson.toString());
        assertTrue(files.appIds().isEmpty(), "nothing written: " + files.appIds());
    }

    @Test
    @Order(4)
    void changesNeedTheTokenUnknownIdsAre404AndHandWrittenOrTakenIdsAre409() {
        String[] wrong = {"Authorization", "Bearer wrong-token-xxxxxxxxxx"};
        assertProblem(post("/api/sources", rss("mine-rss"), wrong), 401, "token");
        assertProblem(post("/api/sources", rss("mine-rss")), 401, "Authorization: Bearer");
        assertProblem(put("/api/sources/demo-feed", rss("demo-feed")), 401, "Authorization");
        assertProblem(http.send("DELETE", "/api/sources/demo-feed"), 401, "Authorization");
        assertProblem(post("/api/sources/preview", rss(null)), 401, "Authorization");
        assertProblem(post("/api/sources/discover", Map.of("url", site.toString())), 401, "Authorization");
        assertProblem(http.sendBody("POST", "/api/sources/opml", "text/x-opml", "<opml/>"), 401, "Authorization");

        assertProblem(put("/api/sources/nope", rss("nope"), AUTH), 404, "nope");
        assertProblem(http.send("DELETE", "/api/sources/nope", AUTH), 404, "nope");

        String handFile = config.path().toAbsolutePath().toString();
        assertProblem(put("/api/sources/demo-feed", rss("demo-feed"), AUTH), 409, handFile);
        assertProblem(http.send("DELETE", "/api/sources/demo-feed", AUTH), 409, handFile);
        assertProblem(post("/api/sources", rss("demo-feed"), AUTH), 409, handFile);

        assertEquals(201, post("/api/sources", rss("twice"), AUTH).status());
        assertProblem(post("/api/sources", rss("twice"), AUTH), 409, "twice");
        assertFieldProblem(put("/api/sources/twice", rss("other"), AUTH), "id", "other");
        assertEquals(204, http.send("DELETE", "/api/sources/twice", AUTH).status());
    }

    @Test
    @Order(5)
    void anAddedSourceIsCrawledAtOnceWhileTheOthersItemsAndHistoryAreUntouched() throws Exception {
        JsonNode newsBefore = sourceView("demo-news");
        Set<Long> newsItems = itemIds("demo-news");
        long someItem = newsItems.iterator().next();
        JsonNode historyBefore = http.get("/api/items/" + someItem + "/history").json();
        try (SseClient events = new SseClient(http, null)) {
            assertEquals(200, events.status());
            Map<String, Object> draft = json("live-json");
            draft.put("schedule", "30s");
            long posted = System.nanoTime();
            assertEquals(201, post("/api/sources", draft, AUTH).status());
            SseClient.Event event = events.next(e -> e.name().equals("item-new") && e.data().contains("\"live-json\""),
                    Duration.ofSeconds(30)); // one schedule interval
            assertTrue(System.nanoTime() - posted < Duration.ofSeconds(30).toNanos());
            assertEquals("live-json", JSON.readTree(event.data()).get("source").asText(), event.data());
        }
        TestApp.await("demo-news crawled again", WAIT,
                () -> sourceView("demo-news").get("runs").asLong() > newsBefore.get("runs").asLong());
        JsonNode newsAfter = sourceView("demo-news");
        assertTrue(newsAfter.get("runs").asLong() > newsBefore.get("runs").asLong(), "its runs go on, not reset");
        assertEquals(newsItems, itemIds("demo-news"), "its items are the same ones");
        JsonNode historyAfter = http.get("/api/items/" + someItem + "/history").json();
        assertEquals(historyBefore.get("firstSeen"), historyAfter.get("firstSeen"));
        assertTrue(historyAfter.get("points").size() >= historyBefore.get("points").size());
        assertEquals(204, http.send("DELETE", "/api/sources/live-json", AUTH).status());
        TestApp.await("the crawler dropping live-json", WAIT, () -> sourceView("live-json") == null);
    }

    @Test
    @Order(6)
    void severalSourcesAndTagsFilterTheItemsLiveAndInTheHistory() throws Exception {
        Map<String, Object> a = rss("tag-a");
        a.put("tags", List.of("alpha"));
        Map<String, Object> b = json("tag-b");
        b.put("tags", List.of("beta", "shared"));
        Map<String, Object> c = html("tag-c");
        c.put("tags", List.of("shared"));
        for (Map<String, Object> draft : List.of(a, b, c)) {
            assertEquals(201, post("/api/sources", draft, AUTH).status());
        }
        TestApp.await("the three tagged sources crawled", WAIT, () -> List.of("tag-a", "tag-b", "tag-c").stream()
                .allMatch(id -> !itemIds(id).isEmpty() && sourceView(id).get("tags").size() >= 1));
        assertEquals(List.of("beta", "shared"), JSON.convertValue(sourceView("tag-b").get("tags"), List.class));
        Set<Long> ia = itemIds("tag-a");
        Set<Long> ib = itemIds("tag-b");
        Set<Long> ic = itemIds("tag-c");
        // The history database records what the segment shows a moment later (in batches).
        TestApp.await("the history holding the three sources' items", WAIT,
                () -> ids("/api/items?limit=500&include=gone&source=tag-a&source=tag-b&source=tag-c")
                        .containsAll(union(ia, union(ib, ic))));
        for (String gone : new String[] {"", "&include=gone"}) {
            assertEquals(union(ia, ib), ids("/api/items?limit=500&source=tag-a&source=tag-b" + gone));
            assertEquals(union(ib, ic), ids("/api/items?limit=500&tag=shared" + gone));
            assertEquals(union(ia, union(ib, ic)), ids("/api/items?limit=500&tag=alpha&tag=shared" + gone));
            assertEquals(ib, ids("/api/items?limit=500&tag=shared&source=tag-a&source=tag-b" + gone),
                    "source AND tag");
            assertEquals(Set.of(), ids("/api/items?limit=500&tag=no-such-tag" + gone));
        }
        assertEquals(400, http.get("/api/items?source=tag-a&source=nope").status());
        for (String id : List.of("tag-a", "tag-b", "tag-c")) {
            assertEquals(204, http.send("DELETE", "/api/sources/" + id, AUTH).status());
        }
    }

    private Set<Long> ids(String path) {
        Http.Answer answer = http.get(path);
        assertEquals(200, answer.status(), answer.toString());
        Set<Long> ids = new TreeSet<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static Set<Long> union(Set<Long> first, Set<Long> second) {
        Set<Long> all = new TreeSet<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    @Order(7)
    void opmlRoundTrip() throws Exception {
        String opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>mine</title></head><body>
                  <outline text="News">
                    <outline type="rss" text="Demo Feed Again" title="Demo Feed Again" xmlUrl="%1$s" category="news"/>
                  </outline>
                  <outline type="rss" text="Second Copy" xmlUrl="%1$s" category="tech,news"/>
                  <outline type="rss" text="No URL"/>
                </body></opml>
                """.formatted(site.resolve("feed.rss"));
        Http.Answer imported = http.sendBody("POST", "/api/sources/opml", "text/x-opml", opml, AUTH);
        assertEquals(200, imported.status(), imported.toString());
        List<String> created = new ArrayList<>();
        imported.json().get("created").forEach(id -> created.add(id.asText()));
        assertEquals(2, created.size(), imported.toString());
        assertEquals(1, imported.json().get("skipped").size(), imported.toString());
        assertFalse(imported.json().get("skipped").get(0).get("reason").asText().isBlank());
        for (String id : created) {
            JsonNode source = http.get("/api/sources/" + id + "/config").json().get("source");
            assertEquals("rss", source.get("kind").asText());
            assertTrue(source.get("tags").toString().toLowerCase(java.util.Locale.ROOT).contains("news"), source.toString());
        }
        TestApp.await("the imported feeds crawled", WAIT, () -> created.stream().allMatch(id -> !itemIds(id).isEmpty()));

        Http.Answer exported = http.get("/api/sources/opml");
        assertEquals(200, exported.status(), exported.toString());
        assertTrue(exported.contentType().startsWith("text/x-opml"), exported.toString());
        assertTrue(exported.body().contains("Demo Feed Again") && exported.body().contains("Second Copy")
                && exported.body().contains("Demo Feed"), exported.body());

        Http.Answer again = http.sendBody("POST", "/api/sources/opml", "text/x-opml", exported.body(), AUTH);
        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().get("created").size() >= 3, again.toString()); // taken ids get a number
        Set<String> all = files.appIds();
        assertTrue(all.size() >= 5, all.toString());
        assertProblem(http.sendBody("POST", "/api/sources/opml", "text/x-opml", "not xml at all", AUTH), 400, "OPML");
        for (String id : all) {
            assertEquals(204, http.send("DELETE", "/api/sources/" + id, AUTH).status());
        }
    }

    @Test
    @Order(8)
    void handEditsArePickedUpAndABrokenOneIsRefusedAndShownWhileTheCrawlerGoesOn() throws Exception {
        SourcesFile.write(files.sourcesPath(), List.of(rss("by-hand")));
        TestApp.await("the hand-added source crawled", WAIT, () -> sourceView("by-hand") != null
                && sourceView("by-hand").get("runs").asLong() >= 1);
        assertEquals("app", sourceView("by-hand").get("origin").asText());

        long runs = sourceView("demo-news").get("runs").asLong();
        Files.writeString(files.sourcesPath(), "sources:\n  - id: Broken Id\n    kind: rss\n");
        TestApp.await("the broken edit shown", WAIT, () -> TestApp.state(http).equals("config-refused"));
        JsonNode status = http.get("/api/status").json();
        assertTrue(status.get("problems").toString().contains("Broken Id"), status.toString());
        assertEquals("config", status.get("problems").get(0).get("kind").asText(), status.toString());
        assertTrue(status.get("problems").get(0).get("file").asText().contains(SourceFiles.FILE), status.toString());
        Http.Answer health = http.get("/health");
        assertEquals(200, health.status(), "the crawler goes on: " + health);
        assertTrue(health.body().contains("config-refused") && health.body().contains("Broken Id"), health.toString());
        assertProblem(post("/api/sources", rss("while-broken"), AUTH), 409, SourceFiles.FILE);
        TestApp.await("the old sources crawled on", WAIT, () -> sourceView("demo-news").get("runs").asLong() > runs
                && sourceView("by-hand") != null);

        SourcesFile.write(files.sourcesPath(), List.of());
        TestApp.await("the fixed file accepted", WAIT, () -> TestApp.state(http).equals("ok"));
        TestApp.await("the hand-removed source dropped", WAIT, () -> sourceView("by-hand") == null);
    }

    @Test
    @Order(9)
    void discoveryGuessesTheKindAndOffersTheFeedsAPageLinksTo() {
        Http.Answer page = post("/api/sources/discover", Map.of("url", site.toString()), AUTH);
        assertEquals(200, page.status(), page.toString());
        assertEquals("html", page.json().get("kind").asText(), page.toString());
        assertEquals("Demo News", page.json().get("title").asText(), page.toString());
        assertEquals(site.resolve("/feed.rss").toString(), page.json().get("feeds").get(0).get("url").asText(),
                page.toString());
        Http.Answer feed = post("/api/sources/discover", Map.of("url", site.resolve("feed.rss").toString()), AUTH);
        assertEquals(200, feed.status(), feed.toString());
        assertEquals("rss", feed.json().get("kind").asText(), feed.toString());
        Http.Answer api = post("/api/sources/discover", Map.of("url", site.resolve("api/items.json").toString()), AUTH);
        assertEquals("json", api.json().get("kind").asText(), api.toString());
    }

    @Test
    @Order(10)
    void aHandEditOfTheConfigFileIsPickedUpAndASettingsChangeRestartsTheCrawlerAtOnce() throws Exception {
        java.nio.file.Path file = config.path();
        String text = Files.readString(file);
        String added = text + """
                  - id: hand-feed
                    name: Hand Feed
                    kind: rss
                    url: %s
                    schedule: 1h
                    tags: [hand]
                """.formatted(site.resolve("feed.rss"));
        Files.writeString(file, added);
        TestApp.await("the hand-written source crawled", WAIT, () -> {
            JsonNode view = sourceView("hand-feed");
            return view != null && view.get("runs").asLong() >= 1;
        });
        assertEquals("file", sourceView("hand-feed").get("origin").asText());
        assertEquals("file", http.get("/api/sources/hand-feed/config").json().get("origin").asText());

        io.github.nativeshm.api.supervise.CrawlerSupervisor supervisor = server.getApplicationContext()
                .getBean(io.github.nativeshm.api.supervise.CrawlerSupervisor.class);
        long before = supervisor.child().orElseThrow().pid();
        int restarts = (int) supervisor.state().get("restarts");
        long changed = System.nanoTime();
        Files.writeString(file, added.replace("perHostDelay: 100ms", "perHostDelay: 150ms"));
        TestApp.await("a new crawler with the new settings", WAIT,
                () -> supervisor.child().filter(child -> child.pid() != before).isPresent());
        assertTrue(System.nanoTime() - changed < Duration.ofSeconds(15).toNanos(), "no back-off");
        assertEquals(restarts + 1, supervisor.state().get("restarts"));
        TestApp.await("the new crawler publishing", WAIT, () -> TestApp.state(http).equals("ok"));
        TestApp.await("its sources crawled", WAIT, () -> sourceView("hand-feed") != null
                && sourceView("demo-news").get("runs").asLong() >= 1);
    }
}
