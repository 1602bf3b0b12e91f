/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON API on 127.0.0.1 whose items a test sets, for a crawler source that keeps its URL (and so
 * its item ids) across app restarts: {@code {"items": [{"title", "url", "score", "comments"}]}}.
 */
final class JsonSite implements AutoCloseable {
    private final HttpServer server;
    private volatile Map<String, Long> scores = Map.of();

    JsonSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/items.json", exchange -> {
            byte[] body = json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The page's items now: title → score, in this order. */
    void show(Map<String, Long> titlesAndScores) {
        scores = new LinkedHashMap<>(titlesAndScores);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/items.json");
    }

    /** A crawler config with this site as the source {@code site}, crawled every second. */
    String crawlerConfig() {
        return """
                settings:
                  perHostDelay: 0ms
                  obeyRobots: false
                  retries: 0
                sources:
                  - id: site
                    name: Test Site
                    kind: json
                    url: %s
                    schedule: 1s
                    scoreUnit: stars
                    pointers:
                      items: /items
                      title: /title
                      link: /url
                      score: /score
                      comments: /comments
                """.formatted(uri());
    }

    private String json() {
        return scores.entrySet().stream().map(item -> "{\"title\": \"" + item.getKey() + "\", \"url\": \"" + uri().resolve("/"
                + item.getKey().replace(' ', '-')) + "\", \"score\": " + item.getValue() + ", \"comments\": 1}")
                .collect(Collectors.joining(", ", "{\"items\": [", "]}"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
