/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A small site on 127.0.0.1 with one source of each kind, a failing page and a page robots.txt
 * forbids. The HTML page's stories can be changed while a crawler runs.
 */
final class LocalSite implements AutoCloseable {
    private final HttpServer server;
    private final List<String> stories = new CopyOnWriteArrayList<>(List.of("First story", "Second story", "Third story"));

    LocalSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/robots.txt", "text/plain", () -> "User-agent: *\nDisallow: /private/\n");
        serve("/news.html", "text/html; charset=utf-8", this::newsPage);
        serve("/feed.rss", "application/rss+xml", () -> """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Feed</title>
                <item><title>Feed one</title><link>https://example.org/one</link>
                  <pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><author>ann@example.org (ann)</author></item>
                <item><title>Feed two</title><link>https://example.org/two</link></item>
                </channel></rss>
                """);
        serve("/api.json", "application/json", () -> """
                [{"title": "Json one", "url": "https://example.net/1", "replies": 7, "member": {"username": "bo"}},
                 {"title": "Json two", "url": "https://example.net/2", "replies": 0, "member": {"username": "cy"}}]
                """);
        server.createContext("/broken", exchange -> respond(exchange, 500, "text/plain", "down for maintenance"));
        serve("/private/page.html", "text/html", () -> "<p>secret</p>");
        server.start();
    }

    /** Replaces the stories of the HTML page. */
    void setStories(List<String> titles) {
        stories.clear();
        stories.addAll(titles);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A config with every source of this site; {@code schedule} applies to all. */
    String config(String schedule) {
        return """
                settings:
                  perHostDelay: 0ms
                  perHostConcurrency: 4
                  retries: 0
                  readTimeout: 5s
                sources:
                  - id: news
                    kind: html
                    url: %s
                    schedule: %s
                    selectors:
                      item: "tr.story"
                      title: "a.title"
                      link: "a.title"
                      score: "span.score"
                  - id: feed
                    kind: rss
                    url: %s
                    schedule: %s
                  - id: api
                    kind: json
                    url: %s
                    schedule: %s
                    pointers: {items: "", title: /title, link: /url, comments: /replies, author: /member/username}
                  - id: broken
                    kind: rss
                    url: %s
                    schedule: %s
                  - id: private
                    kind: rss
                    url: %s
                    schedule: %s
                """.formatted(url("/news.html"), schedule, url("/feed.rss"), schedule, url("/api.json"), schedule,
                url("/broken"), schedule, url("/private/page.html"), schedule);
    }

    private String newsPage() {
        int[] rank = {0};
        return "<html><body><table>" + stories.stream().map(title -> {
            rank[0]++;
            return "<tr class=story><td><a class=title href='/item/" + title.replace(' ', '-') + "'>" + title
                    + "</a><span class=score>" + (rank[0] * 10) + " points</span></td></tr>";
        }).collect(Collectors.joining()) + "</table></body></html>";
    }

    private void serve(String path, String type, java.util.function.Supplier<String> body) {
        server.createContext(path, exchange -> respond(exchange, 200, type, body.get()));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
