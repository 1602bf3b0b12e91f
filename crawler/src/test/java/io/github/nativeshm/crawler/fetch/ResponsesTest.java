/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesTest {
    private final TestServer server;
    private final Fetcher fetcher;

    ResponsesTest() throws Exception {
        server = new TestServer();
        fetcher = new Fetcher(TestServer.quickSettings().maxBodySize(1024).maxRedirects(3).build());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void conditionalGetGivesNotModifiedAndKeepsValidators() {
        String lastModified = "Wed, 01 Jan 2025 10:00:00 GMT";
        server.route("/feed", exchange -> {
            boolean unchanged = "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
            TestServer.respond(exchange, unchanged ? 304 : 200,
                    unchanged ? new byte[0] : "<rss/>".getBytes(StandardCharsets.UTF_8),
                    "ETag", "\"v1\"", "Last-Modified", lastModified);
        });
        FetchResult first = fetcher.fetch(FetchRequest.of(server.uri("/feed")));
        assertEquals(FetchOutcome.OK, first.outcome());
        assertEquals(new Validators("\"v1\"", lastModified), first.validators());

        FetchResult second = fetcher.fetch(FetchRequest.of(server.uri("/feed")).withValidators(first.validators()));
        assertEquals(FetchOutcome.NOT_MODIFIED, second.outcome(), second.toString());
        assertEquals(304, second.status());
        assertTrue(second.isSuccess());
        assertEquals(first.validators(), second.validators(), "still valid for the next time");
        List<TestServer.Hit> hits = server.hits("/feed");
        assertEquals(null, hits.get(0).headers().getFirst("If-None-Match"), "the first GET is unconditional");
        assertEquals(lastModified, hits.get(1).headers().getFirst("If-Modified-Since"));
    }

    @Test
    void bodyOverTheLimitIsCutAndReported() {
        byte[] big = new byte[50_000];
        Arrays.fill(big, (byte) 'x');
        server.route("/big", exchange -> TestServer.respond(exchange, 200, big, "Content-Type", "text/plain"));
        server.route("/endless", exchange -> { // chunked, no Content-Length, never ends by itself
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(big);
                }
            }
        });
        for (String path : List.of("/big", "/endless")) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri(path)));
            assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
            assertTrue(r.truncated(), path);
            assertEquals(1024, r.body().length, path);
            assertTrue(r.message().startsWith("body truncated at maxBodySize=1024 bytes (decoded; "), r.message());
        }
        server.route("/exact", exchange -> TestServer.respond(exchange, 200, Arrays.copyOf(big, 1024)));
        FetchResult exact = fetcher.fetch(FetchRequest.of(server.uri("/exact")));
        assertFalse(exact.truncated(), "exactly the limit is not truncated");
        assertEquals(null, exact.message());
    }

    @Test
    void redirectsAreFollowedByHand() {
        server.route("/old", 301, "", "Location", "/middle?x=1#frag");
        server.route("/middle", 302, "", "Location", server.uri("localhost", "/new").toString());
        server.route("/new", 200, "arrived");
        FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/old")));
        assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
        assertEquals("arrived", r.text());
        assertEquals(server.uri("localhost", "/new"), r.finalUrl());
        assertEquals(List.of(server.uri("/old"), server.uri("/middle?x=1"), server.uri("localhost", "/new")),
                r.redirects());
        assertEquals(3, r.attempts());
    }

    @Test
    void redirectLoopEndsNamingTheChain() {
        server.route("/a", 302, "", "Location", "/b");
        server.route("/b", 302, "", "Location", "/a");
        FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/a")));
        assertEquals(FetchOutcome.REDIRECT_LOOP, r.outcome(), r.toString());
        assertEquals("redirect loop: " + server.uri("/a") + " -> " + server.uri("/b") + " -> " + server.uri("/a"),
                r.message());
        assertEquals(1, server.count("/a"));
        assertEquals(1, server.count("/b"));
    }

    @Test
    void tooManyRedirectsEnd() {
        for (int i = 0; i < 10; i++) {
            server.route("/r" + i, 302, "", "Location", "/r" + (i + 1));
        }
        FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/r0")));
        assertEquals(FetchOutcome.REDIRECT_LOOP, r.outcome(), r.toString());
        assertTrue(r.message().startsWith("too many redirects (maxRedirects=3): ") && r.message().endsWith("/r4"),
                r.message());
        assertEquals(4, r.attempts(), "the original request and 3 redirects");
        assertEquals(0, server.count("/r4"));
    }

    @Test
    void gbkPageDeclaredOnlyByMetaDecodes() {
        String text = "\u65b0\u95fb\u6807\u9898\uff1a\u4e2d\u6587\u7f51\u9875"; // 新闻标题：中文网页
        byte[] page = ("<html><head><meta charset=\"gbk\"><title>t</title></head><body><h1>" + text
                + "</h1></body></html>").getBytes(Charset.forName("GBK"));
        server.route("/gbk", exchange -> TestServer.respond(exchange, 200, page, "Content-Type", "text/html"));
        FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/gbk")));
        assertEquals(Charset.forName("GBK"), r.charset());
        assertTrue(r.text().contains("<h1>" + text + "</h1>"), r.text());
    }

    @Test
    void shiftJisPageDeclaredOnlyByHeaderDecodes() {
        String text = "\u65e5\u672c\u8a9e\u306e\u30cb\u30e5\u30fc\u30b9"; // 日本語のニュース
        byte[] page = ("<html><body><p>" + text + "</p></body></html>").getBytes(Charset.forName("Shift_JIS"));
        server.route("/sjis", exchange -> TestServer.respond(exchange, 200, page,
                "Content-Type", "text/html; charset=Shift_JIS"));
        FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/sjis")));
        assertEquals(Charset.forName("windows-31j"), r.charset());
        assertTrue(r.text().contains("<p>" + text + "</p>"), r.text());
        assertArrayEquals(page, r.body(), "the raw bytes are kept too");
    }

    @Test
    void aBodyThatDeclaresNoCharsetIsReadInTheDefaultCharset() {
        server.route("/legacy", exchange -> TestServer.respond(exchange, 200,
                "<p>caf\u00e9</p>".getBytes(Charset.forName("windows-1252")), "Content-Type", "text/html"));
        try (Fetcher legacy = new Fetcher(TestServer.quickSettings()
                .defaultCharset(Charset.forName("windows-1252")).build())) {
            final FetchResult r = legacy.fetch(FetchRequest.of(server.uri("/legacy")));
            assertEquals("<p>caf\u00e9</p>", r.text(), r.toString());
        }
    }
}
