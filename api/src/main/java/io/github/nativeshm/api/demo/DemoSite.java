/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The website the api crawls in {@code --demo} mode: served on 127.0.0.1, needing no internet,
 * with content that moves on every tick so that a new user sees items appear, change and drop off.
 *
 * <p>Pages: {@code /} a tiny Hacker News (HTML), {@code /feed.rss} an RSS 2.0 feed,
 * {@code /api/items.json} a JSON API, {@code /broken.rss} which always answers 503, every story's
 * own page, and a {@code /robots.txt} that allows everything. Good pages carry an {@code ETag} and
 * answer 304 to a matching {@code If-None-Match}. {@link #crawlerConfig()} gives a crawler config
 * with one source for each of the four.
 */
public final class DemoSite implements AutoCloseable {
    private static final String FEED_PATH = "/feed.rss";
    private static final String API_PATH = "/api/items.json";
    private static final String BROKEN_PATH = "/broken.rss";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final StoryList news;
    private final StoryList feed;
    private final StoryList api;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("demo-site-http"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("demo-site-tick"));
    /** Every page by path, rebuilt whole on each step: HTTP threads read it while the tick replaces it. */
    private volatile Map<String, Page> pages;

    private DemoSite(Duration tick) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        news = new StoryList("/news", 15, 1, now, tick);
        feed = new StoryList("/feed", 10, 2, now, tick);
        api = new StoryList("/topics", 12, 3, now, tick);
        pages = render();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /**
     * Starts serving on 127.0.0.1 on a free port; content advances every {@code tick}.
     *
     * @throws IllegalArgumentException if {@code tick} is not positive
     * @throws IOException              if the server cannot be started
     */
    public static DemoSite start(Duration tick) throws IOException {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, tick=" + tick);
        }
        DemoSite site = new DemoSite(tick);
        site.timer.scheduleAtFixedRate(site::advance, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
        return site;
    }

    /** The site's root, which is also the news page, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * A complete crawler config (YAML text) whose sources are this site's pages: {@code demo-news}
     * (html), {@code demo-feed} (rss), {@code demo-api} (json) and {@code demo-broken} (always HTTP
     * 503), each crawled every 2 s.
     */
    public String crawlerConfig() {
        return """
                # The api's demo: every source is a page of the demo site at %1$s
                settings:
                  userAgent: "native-shm-crawler/0.1 (demo; +https://github.com/nativeshm/native-shm)"
                  perHostDelay: 100ms
                  perHostConcurrency: 4
                  retries: 0                # so that the failing source fails at once
                  readTimeout: 5s
                  obeyRobots: true
                sources:
                  - id: demo-news
                    name: Demo News
                    kind: html
                    url: %1$s
                    schedule: 2s
                    maxItems: 15
                    selectors:
                      item: "tr.story"
                      title: "a.title"
                      link: "a.title"
                      score: "span.score"
                      comments: "a.comments"
                      author: "span.author"
                      time: "time@datetime"
                  - id: demo-feed
                    name: Demo Feed
                    kind: rss
                    url: %2$s
                    schedule: 2s
                    maxItems: 10
                  - id: demo-api
                    name: Demo API
                    kind: json
                    url: %3$s
                    schedule: 2s
                    maxItems: 12
                    pointers:
                      items: /items
                      title: /title
                      link: /url
                      score: /score
                      comments: /comments
                      author: /author
                      time: /time
                  - id: demo-broken
                    name: Always Failing
                    kind: rss
                    url: %4$s
                    schedule: 2s
                """.formatted(uri(), uri().resolve(FEED_PATH), uri().resolve(API_PATH), uri().resolve(BROKEN_PATH));
    }

    /**
     * Moves the content one step on now: a new story on top of each good source, a few others gain
     * points and comments, and the oldest drops off the end. The timer calls this every tick.
     */
    public synchronized void advance() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (StoryList list : List.of(news, feed, api)) {
            list.advance(now);
        }
        pages = render();
    }

    /** Stops the tick and the server. */
    @Override
    public void close() {
        timer.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
    }

    private Map<String, Page> render() {
        Map<String, Page> all = new HashMap<>();
        all.put("/robots.txt", Page.of(TEXT, DemoPages.robots()));
        all.put("/", Page.of(HTML, DemoPages.news(news.stories())));
        all.put(FEED_PATH, Page.of("application/rss+xml; charset=utf-8", DemoPages.feed(feed.stories())));
        all.put(API_PATH, Page.of("application/json", DemoPages.api(api.stories())));
        for (StoryList list : List.of(news, feed, api)) {
            for (Story story : list.stories()) {
                all.put(story.path(), Page.of(HTML, DemoPages.story(story)));
            }
        }
        return Map.copyOf(all);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Page page = pages.get(path);
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, TEXT, "method not allowed\n");
            } else if (path.equals(BROKEN_PATH)) {
                send(exchange, 503, TEXT, "demo: this source always fails\n");
            } else if (page == null) {
                send(exchange, 404, TEXT, "not found\n");
            } else {
                exchange.getResponseHeaders().set("ETag", page.etag());
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                // One ETag, as the crawler and browsers send back: no lists, no weak comparison.
                if (page.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                } else {
                    sendPage(exchange, page);
                }
            }
        }
    }

    /** A page, gzipped when the client takes it, as most real sites do (the UI then shows both sizes). */
    private static void sendPage(HttpExchange exchange, Page page) throws IOException {
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
            send(exchange, 200, page.contentType(), page.body());
            return;
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(page.body());
        }
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        send(exchange, 200, page.contentType(), gzipped.toByteArray());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A page as served; the ETag is a hash of the body, so it changes exactly when the content does. */
    private record Page(String contentType, byte[] body, String etag) {
        static Page of(String contentType, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            return new Page(contentType, body, "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"");
        }
    }
}
