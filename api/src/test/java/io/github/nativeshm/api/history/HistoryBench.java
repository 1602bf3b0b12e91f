/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the history database (api/bench/history.sh runs it; docs/benchmarks.md has the figures):
 * how fast rows of the recorder's shape are written, {@code GET /api/items?include=gone} latency
 * over HTTP with a million items, and the database's size. Not a test: a main class.
 *
 * <p>Usage: {@code HistoryBench h2|postgres [items]} (default 1,000,000 items).
 */
public final class HistoryBench {
    private static final int SOURCES = 5000;
    private static final int PER_SOURCE = 30;
    /** The crawler's rate at 5,000 sources (docs/benchmarks.md, scenario hosts): pages per second. */
    private static final double CRAWLER_PAGES_PER_SECOND = 166.3;
    private static final int ROUND_CRAWLS = 42; // 166 crawls/s in the recorder's 250 ms rounds

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int itemCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("native-shm-history-bench-");
        PostgresServer postgres = null;
        Map<String, Object> properties = new HashMap<>(Map.of("app.crawler-enabled", false,
                "app.segment", TestApp.uniqueSegment("hbench"), "app.data-dir", dataDir.toString(),
                "micronaut.server.port", -1));
        if (database.equals("postgres")) {
            postgres = PostgresServer.start();
            properties.putAll(Map.of("app.database.url", postgres.newDatabase(), "app.database.user", PostgresServer.USER,
                    "app.database.password", postgres.password()));
        } else if (!database.equals("h2")) {
            throw new IllegalArgumentException("database: h2 or postgres, not " + database);
        }
        try (ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            TestApp.await("the schema", Duration.ofSeconds(60), () -> app.getBean(HistoryRecorder.class).isReady());
            HistoryStore store = app.getBean(HistoryStore.class);
            System.out.printf("database: %s, %,d items%n", store.database().description(), itemCount);
            insert(store, itemCount);
            size("after the inserts", store, dataDir, itemCount);
            updates(store, itemCount, Duration.ofSeconds(20));
            size("after the updates", store, dataDir, itemCount);
            URI base = app.getBean(EmbeddedServer.class).getURI();
            for (String query : List.of("include=gone", "include=gone&sort=score", "include=gone&sort=firstSeen&limit=500",
                    "include=gone&source=s42", "include=gone&from=" + Instant.now().minusSeconds(60))) {
                latency(base.resolve("/api/items?" + query), 50, 300);
            }
            latency(base.resolve("/api/items?include=gone&q=item%20123"), 3, 20); // a scan of every title: slow
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Items as the recorder first writes them, 5,000 per transaction, one point each. */
    private static void insert(HistoryStore store, int itemCount) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(20));
        long began = System.nanoTime();
        try (Connection connection = store.database().connection()) {
            for (int first = 0; first < itemCount; first += 5000) {
                List<HistoryStore.ItemRow> rows = new ArrayList<>();
                List<HistoryStore.Point> points = new ArrayList<>();
                for (int id = first; id < Math.min(itemCount, first + 5000); id++) {
                    Instant seen = start.plusSeconds(id);
                    HistoryStore.ItemRow row = item(id, seen, seen, id % 31 == 0 ? seen.plusSeconds(3600) : null, 1 + id % 30, id % 500L);
                    rows.add(row);
                    points.add(new HistoryStore.Point(id, seen, row.rank(), row.score(), row.comments()));
                }
                store.write(connection, new HistoryStore.Batch(rows, List.of(), points, List.of()));
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("insert: %,d items + %,d points in %.1f s: %,.0f items/s%n", itemCount, itemCount, seconds,
                itemCount / seconds);
    }

    /**
     * Rounds as the recorder writes them at 5,000 sources: each crawl updates its 30 items
     * (last seen), adds a point for a third of them (score changed) and a crawl row.
     */
    private static void updates(HistoryStore store, int itemCount, Duration duration) throws Exception {
        Random random = new Random(1);
        long began = System.nanoTime();
        long crawls = 0;
        long rows = 0;
        List<Long> roundNanos = new ArrayList<>();
        try (Connection connection = store.database().connection()) {
            while (System.nanoTime() - began < duration.toNanos()) {
                long roundStart = System.nanoTime();
                Instant now = Instant.now();
                List<HistoryStore.ItemRow> updates = new ArrayList<>();
                List<HistoryStore.Point> points = new ArrayList<>();
                List<HistoryStore.Crawl> crawlRows = new ArrayList<>();
                for (int crawl = 0; crawl < ROUND_CRAWLS; crawl++) {
                    int source = random.nextInt(SOURCES);
                    for (int rank = 1; rank <= PER_SOURCE; rank++) {
                        long id = ((long) source * PER_SOURCE + rank - 1) % itemCount; // the 150,000 on the pages
                        HistoryStore.ItemRow row = item(id, now.minus(Duration.ofDays(20)), now, null, rank, random.nextInt(1000));
                        updates.add(row);
                        if (rank % 3 == 0) {
                            points.add(new HistoryStore.Point(id, now, rank, row.score(), row.comments()));
                        }
                    }
                    crawlRows.add(new HistoryStore.Crawl("s" + source, now, 120, PER_SOURCE, "OK", 200, null));
                }
                HistoryStore.Batch batch = new HistoryStore.Batch(List.of(), updates, points, crawlRows);
                store.write(connection, batch);
                crawls += ROUND_CRAWLS;
                rows += batch.size();
                roundNanos.add(System.nanoTime() - roundStart);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long[] sorted = roundNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("updates: %,d rounds of %d crawls (%d item updates, ~%d points, %d crawl rows) in %.1f s:"
                        + " %,.0f crawls/s = %,.0f item updates/s, %,.0f rows/s; round p50 %.1f ms, p99 %.1f ms;"
                        + " the crawler's 5,000-source rate is %.1f crawls/s (%.0f item updates/s): %.1fx headroom%n",
                sorted.length, ROUND_CRAWLS, ROUND_CRAWLS * PER_SOURCE, ROUND_CRAWLS * PER_SOURCE / 3, ROUND_CRAWLS, seconds,
                crawls / seconds, crawls * PER_SOURCE / seconds, rows / seconds, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, CRAWLER_PAGES_PER_SECOND, CRAWLER_PAGES_PER_SECOND * PER_SOURCE,
                crawls / seconds / CRAWLER_PAGES_PER_SECOND);
    }

    private static void size(String when, HistoryStore store, Path dataDir, int itemCount) throws Exception {
        long points;
        long crawls;
        try (Connection connection = store.database().connection()) {
            points = count(connection, "SELECT COUNT(*) FROM item_points");
            crawls = count(connection, "SELECT COUNT(*) FROM crawls");
            if (store.database().description().contains("PostgreSQL")) {
                long total = 0;
                for (String table : List.of("items", "item_points", "crawls")) {
                    long bytes = count(connection, "SELECT pg_total_relation_size('" + table + "')");
                    System.out.printf("size %s: %s %,d MB (with indexes)%n", when, table, bytes >> 20);
                    total += bytes;
                }
                report(when, total, itemCount, points, crawls);
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement("CHECKPOINT SYNC")) {
                statement.execute();
            }
        }
        long bytes = Files.size(dataDir.resolve("history.mv.db"));
        report(when, bytes, itemCount, points, crawls);
    }

    private static void report(String when, long bytes, int itemCount, long points, long crawls) {
        System.out.printf("size %s: %,d MB for %,d items, %,d points, %,d crawls: %,.0f MB per million items (with their"
                + " points and the crawls)%n", when, bytes >> 20, itemCount, points, crawls, (bytes / 1e6) / (itemCount / 1e6));
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** One request after another over a kept-alive connection; prints p50/p99/max. */
    private static void latency(URI uri, int warmUp, int requests) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        long[] nanos = new long[requests];
        int bytes = 0;
        for (int i = 0; i < warmUp + requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + ": " + response.statusCode() + " " + response.body());
            }
            if (i >= warmUp) {
                nanos[i - warmUp] = System.nanoTime() - start;
                bytes = response.body().length();
            }
        }
        Arrays.sort(nanos);
        System.out.printf("GET %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests, %,d bytes)%n", uri.getRawPath() + "?"
                + uri.getRawQuery(), percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6,
                requests, bytes);
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static HistoryStore.ItemRow item(long id, Instant firstSeen, Instant lastSeen, Instant goneSince, int rank,
                                             long score) {
        return new HistoryStore.ItemRow(id, "s" + id / PER_SOURCE % SOURCES, "item " + id + " a title of a typical length,"
                + " some sixty characters", false, "https://example.com/story/" + id, "author" + id % 1000,
                firstSeen, firstSeen, lastSeen, goneSince, rank, score, id % 100L);
    }
}
