/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.testing.TestSegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hundreds of hosts at once: every host's delay is respected, and no host waits behind another
 * (127.0.0.2, 127.0.0.3, ... are distinct hosts, each a real server).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "all of 127.0.0.0/8 answers locally only on Linux")
class SchedulerTest {
    private static final int HOSTS = 200;
    private static final int SOURCES_PER_HOST = 2;
    private static final long DELAY_MILLIS = 1000;
    private static final long TOLERANCE_MILLIS = 50;

    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, List<Long>> requestsByHost = new ConcurrentHashMap<>();
    @RegisterExtension
    final TestSegment testSegment = new TestSegment("schedtest");
    private final String segmentName = testSegment.name();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void hundredsOfHostsAreCrawledSideBySideEachAtItsOwnPace() throws Exception {
        final StringBuilder yaml = new StringBuilder("settings: {perHostDelay: " + DELAY_MILLIS + "ms, retries: 0}\n"
                + "sources:\n");
        for (int h = 0; h < HOSTS; h++) {
            final String host = "127.0.0." + (h + 2);
            final int port = serve(host);
            for (int s = 0; s < SOURCES_PER_HOST; s++) {
                yaml.append("  - {id: h").append(h).append("-s").append(s).append(", kind: json, url: 'http://")
                        .append(host).append(':').append(port).append("/feed/").append(s)
                        .append("', schedule: 1h, maxItems: 1, pointers: {items: '', title: /title, link: /url}}\n");
            }
        }
        final CrawlerConfig config = CrawlerConfig.parse(yaml.toString(), "hosts.yaml");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();

        final long start = System.nanoTime();
        final List<Crawler.SourceRun> runs;
        try (Crawler crawler = new Crawler(config, segmentName, "hosts.yaml", new CrawlerLog(new PrintStream(log, true),
                CrawlerLog.Level.DEBUG))) {
            runs = crawler.runOnce(List.of(), false);
        }
        final long took = System.nanoTime() - start;

        assertEquals(HOSTS * SOURCES_PER_HOST, runs.size());
        runs.forEach(run -> assertEquals(Outcome.OK, run.outcome(), run.source().id() + ": " + run.summary()));
        long latestFirstPage = 0;
        for (Map.Entry<String, List<Long>> host : requestsByHost.entrySet()) {
            final List<Long> starts = host.getValue().stream().sorted().toList();
            assertEquals(1 + SOURCES_PER_HOST, starts.size(), host.getKey() + ": robots.txt and each page once");
            for (int i = 1; i < starts.size(); i++) {
                final long gap = TimeUnit.NANOSECONDS.toMillis(starts.get(i) - starts.get(i - 1));
                assertTrue(gap >= DELAY_MILLIS - TOLERANCE_MILLIS, host.getKey() + ": requests " + gap + " ms apart"
                        + starts.stream().map(t -> (t - start) / 1_000_000).toList());
            }
            latestFirstPage = Math.max(latestFirstPage, starts.get(1) - start);
        }
        // robots.txt at once, each host's pages 1 s and 2 s later: nothing but the delays makes it slower.
        assertTrue(TimeUnit.NANOSECONDS.toMillis(latestFirstPage) < DELAY_MILLIS + 2500,
                "a host waited behind others: its first page started " + latestFirstPage / 1_000_000 + " ms in");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(took) < SOURCES_PER_HOST * DELAY_MILLIS + 5000,
                "the crawl took " + took / 1_000_000 + " ms for what the delays make " + SOURCES_PER_HOST * DELAY_MILLIS
                        + " ms");
        assertTrue(log.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.matches(".* DEBUG crawl h0-s1: OK, .*, late \\d+ ms")),
                "each crawl is logged with its lateness");
    }

    /** A server on {@code host}, port chosen by the OS, that records when each request arrived. */
    private int serve(String host) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 50);
        final List<Long> starts = requestsByHost.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>());
        // Handled on the server's own thread: a request is timed when it arrives, not when a shared pool gets to it.
        server.setExecutor(null);
        server.createContext("/", exchange -> {
            starts.add(System.nanoTime());
            final String path = exchange.getRequestURI().getPath();
            respond(exchange, path.equals("/robots.txt") ? 404 : 200, "[{\"title\": \"story on " + host + path
                    + "\", \"url\": \"http://" + host + "/story" + path + "\"}]");
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
