/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the OS) that serves one JSON document at
 * {@code /items.json}, replaceable while a crawler runs, and counts the requests for it. Other
 * paths, robots.txt included, answer 404.
 */
final class PageServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> json;
    private final AtomicInteger requests = new AtomicInteger();

    PageServer(String json) throws IOException {
        this.json = new AtomicReference<>(json);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            final boolean page = exchange.getRequestURI().getPath().equals("/items.json");
            final byte[] body = page ? this.json.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (page) {
                requests.incrementAndGet();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(page ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** A config with one json source {@code items} on this server, every {@code schedule}. */
    String config(String schedule) {
        return """
                settings: {perHostDelay: 0ms, retries: 0, readTimeout: 5s}
                sources:
                  - id: items
                    kind: json
                    url: http://127.0.0.1:%d/items.json
                    schedule: %s
                    scoreUnit: points
                    pointers: {items: "", title: /title, link: /url, score: /score}
                """.formatted(server.getAddress().getPort(), schedule);
    }

    /** The port it listens on, on 127.0.0.1. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code json} from now on. */
    void setJson(String json) {
        this.json.set(json);
    }

    /** How many times the document was fetched. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
