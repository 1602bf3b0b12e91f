/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo site over real HTTP. */
class DemoSiteHttpTest {
    private static final List<String> PAGES = List.of("/", "/feed.rss", "/api/items.json");

    private final HttpClient client = HttpClient.newHttpClient();
    private DemoSite site;

    @BeforeEach
    void start() throws IOException {
        site = DemoSite.start(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void robotsAllowsEverything() throws Exception {
        HttpResponse<String> robots = get("/robots.txt");
        assertEquals(200, robots.statusCode());
        assertEquals("User-agent: *\nAllow: /\n", robots.body());
    }

    @Test
    void aPageAnswers304ToItsETagUntilTheContentMovesOn() throws Exception {
        for (String path : PAGES) {
            HttpResponse<String> page = get(path);
            assertEquals(200, page.statusCode(), path);
            String etag = page.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals(etag, again.headers().firstValue("ETag").orElseThrow(), path);
            assertEquals("", again.body(), path);
        }
        List<String> etags = PAGES.stream().map(path -> etag(path)).toList();
        site.advance();
        for (int i = 0; i < PAGES.size(); i++) {
            HttpResponse<String> changed = get(PAGES.get(i), "If-None-Match", etags.get(i));
            assertEquals(200, changed.statusCode(), PAGES.get(i));
            assertNotEquals(etags.get(i), changed.headers().firstValue("ETag").orElseThrow(), PAGES.get(i));
        }
    }

    @Test
    void theFailingSourceAlwaysAnswers503() throws Exception {
        HttpResponse<String> broken = get("/broken.rss");
        assertEquals(503, broken.statusCode());
        assertEquals("demo: this source always fails\n", broken.body());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/nothing-here").statusCode());
        assertEquals(404, get("/news/9999").statusCode());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(site.uri().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void everyStoryLinkOpensTheStorysPage() throws Exception {
        Matcher story = Pattern.compile("\"title\": \"([^\"]+)\", \"url\": \"([^\"]+)\"").matcher(get("/api/items.json").body());
        int stories = 0;
        while (story.find()) {
            HttpResponse<String> page = get(story.group(2));
            assertEquals(200, page.statusCode(), story.group(2));
            assertTrue(page.body().contains("<h1>" + story.group(1) + "</h1>"), page.body());
            stories++;
        }
        assertEquals(12, stories);
    }

    @Test
    void everyRunShowsTheSameStories() throws Exception {
        try (DemoSite other = DemoSite.start(Duration.ofHours(1))) {
            site.advance();
            other.advance();
            for (String path : PAGES) {
                assertEquals(withoutTimes(get(path).body()), withoutTimes(get(other.uri(), path, "Accept", "*/*").body()), path);
            }
        }
    }

    @Test
    void theTimerMovesTheContentOnEveryTick() throws Exception {
        try (DemoSite ticking = DemoSite.start(Duration.ofMillis(50))) {
            String first = get(ticking.uri(), "/", "Accept", "*/*").headers().firstValue("ETag").orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (get(ticking.uri(), "/", "If-None-Match", first).statusCode() == 304) {
                assertTrue(System.nanoTime() < deadline, "the content did not change within 10 s");
                Thread.sleep(20);
            }
        }
    }

    @Test
    void pagesComeGzippedToClientsThatTakeGzip() throws Exception {
        HttpResponse<byte[]> zipped = client.send(HttpRequest.newBuilder(site.uri().resolve("/"))
                .header("Accept-Encoding", "gzip, deflate").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body()))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(withoutTimes(get("/").body()), withoutTimes(unzipped));
        assertTrue(zipped.body().length < unzipped.length() / 2, "it is smaller on the wire");
    }

    @Test
    void closeStopsServing() {
        site.close();
        assertThrows(IOException.class, () -> get("/"));
    }

    /** Times follow the clock; everything else is seeded. */
    private static String withoutTimes(String page) {
        return page.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z|\\w{3}, \\d\\d \\w{3} \\d{4} [\\d:]+ GMT", "TIME");
    }

    private String etag(String path) {
        try {
            return get(path).headers().firstValue("ETag").orElseThrow();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(site.uri(), path, "Accept", "*/*");
    }

    private HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        return get(site.uri(), path, header, value);
    }

    private HttpResponse<String> get(URI root, String path, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).header(header, value)
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
