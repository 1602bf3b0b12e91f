/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the OS) that records every request. Unrouted
 * paths, robots.txt included, answer 404. "localhost" and "127.0.0.1" reach it as two host names.
 */
final class TestServer implements AutoCloseable {
    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server saw it. */
    record Hit(String path, URI requestUri, Headers headers, long nanoTime) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** Settings that keep tests fast: no per-host delay, short timeouts and back-off, robots obeyed. */
    static FetchSettings.Builder quickSettings() {
        return FetchSettings.builder()
                .perHostDelay(Duration.ZERO)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    /** Routes {@code path} (exact match, without the query) to {@code handler}. */
    TestServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Serves {@code body} with this status and headers (name, value, name, value...). */
    TestServer route(String path, int status, String body, String... headers) {
        return route(path, exchange -> respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), headers));
    }

    URI uri(String path) {
        return uri("127.0.0.1", path);
    }

    URI uri(String host, String path) {
        return URI.create("http://" + host + ":" + port() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests for {@code path}, in arrival order. */
    List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path.equals(path)).toList();
    }

    int count(String path) {
        return hits(path).size();
    }

    static void respond(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        final boolean noBody = status == 304 || status == 204 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        hits.add(new Hit(path, exchange.getRequestURI(), exchange.getRequestHeaders(), System.nanoTime()));
        try {
            routes.getOrDefault(path, e -> respond(e, 404, "not found".getBytes(StandardCharsets.UTF_8)))
                    .handle(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the test is over
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow(); // wakes handlers that sleep to simulate slow servers
        server.stop(0);
    }
}
