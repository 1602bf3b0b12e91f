/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 serving fixed pages and counting requests per path; unknown paths are 404. */
final class Site implements AutoCloseable {
    private record Page(String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    Site() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Fast settings: no per-host delay, short timeouts, robots.txt obeyed. */
    static FetchSettings settings() {
        return FetchSettings.builder().perHostDelay(Duration.ZERO).connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2)).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).retries(0)
                .build();
    }

    Site page(String path, String contentType, String body) {
        pages.put(path, new Page(contentType, body));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int hits(String path) {
        final AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** The one source of a config holding {@code yaml} (a list entry, unindented), with {@code {site}} replaced. */
    SourceConfig source(String yaml) {
        try {
            return CrawlerConfig.parse("sources:\n- " + yaml.replace("{site}", url("")).indent(2).substring(2), "draft")
                    .sources().get(0);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        final Page page = pages.get(path);
        final byte[] body = (page == null ? "not found" : page.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", page == null ? "text/plain" : page.contentType());
        exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
