/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PolitenessTest {
    private static final long DELAY_MS = 300;

    private final TestServer server;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    PolitenessTest() throws Exception {
        server = new TestServer().route("/page", 200, "ok");
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        server.close();
    }

    @Test
    void requestStartsToOneHostAreSpacedByTheDelayEvenInParallel() throws Exception {
        FetchSettings settings = TestServer.quickSettings().perHostDelay(Duration.ofMillis(DELAY_MS))
                .perHostConcurrency(3).obeyRobots(false).build();
        try (Fetcher fetcher = new Fetcher(settings)) {
            // Warm the HTTP client up through another host name, so that its first-use set-up
            // cannot delay the first request below and shrink the first gap seen by the server.
            fetcher.fetch(FetchRequest.of(server.uri("localhost", "/warm-up")));
            List<FetchResult> results = fetchAll(fetcher, List.of(server.uri("/page"), server.uri("/page"),
                    server.uri("/page")));
            results.forEach(r -> assertEquals(FetchOutcome.OK, r.outcome(), r.toString()));
        }
        List<TestServer.Hit> hits = server.hits("/page");
        assertEquals(3, hits.size());
        for (int i = 1; i < hits.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(hits.get(i).nanoTime() - hits.get(i - 1).nanoTime());
            // The gate opens DELAY_MS apart; arrival at the server may vary by a connection set-up.
            assertTrue(gapMs >= DELAY_MS - 30, "request " + i + " came " + gapMs + " ms after the previous");
        }
        long spanMs = TimeUnit.NANOSECONDS.toMillis(hits.get(2).nanoTime() - hits.get(0).nanoTime());
        assertTrue(spanMs >= 2 * DELAY_MS - 30, "three requests span " + spanMs + " ms");
    }

    @Test
    void anotherHostNameDoesNotWait() {
        FetchSettings settings = TestServer.quickSettings().perHostDelay(Duration.ofSeconds(5)).obeyRobots(false)
                .build();
        try (Fetcher fetcher = new Fetcher(settings)) {
            assertEquals(FetchOutcome.OK, fetcher.fetch(FetchRequest.of(server.uri("127.0.0.1", "/page"))).outcome());
            FetchResult other = fetcher.fetch(FetchRequest.of(server.uri("localhost", "/page")));
            assertEquals(FetchOutcome.OK, other.outcome(), other.toString());
            assertTrue(other.elapsed().toMillis() < 2000, "localhost is another host: " + other);
        }
    }

    @Test
    void concurrencyPerHostIsLimited() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        server.route("/slow", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(250);
            // Before the response: once it is out, the client may rightly start its next request.
            inFlight.decrementAndGet();
            TestServer.respond(exchange, 200, "slow".getBytes(StandardCharsets.UTF_8));
        });
        FetchSettings settings = TestServer.quickSettings().perHostConcurrency(2).obeyRobots(false).build();
        try (Fetcher fetcher = new Fetcher(settings)) {
            List<URI> urls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                urls.add(server.uri("/slow"));
            }
            fetchAll(fetcher, urls).forEach(r -> assertEquals(FetchOutcome.OK, r.outcome(), r.toString()));
        }
        assertEquals(6, server.count("/slow"));
        assertEquals(2, maxInFlight.get(), "6 parallel callers, at most 2 requests in flight");
    }

    @Test
    void retryAfterOn429IsWaitedThenTheRetrySucceeds() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/limited", exchange -> {
            if (calls.incrementAndGet() == 1) {
                TestServer.respond(exchange, 429, "slow down".getBytes(StandardCharsets.UTF_8), "Retry-After", "1");
            } else {
                TestServer.respond(exchange, 200, "fine".getBytes(StandardCharsets.UTF_8));
            }
        });
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().retries(2).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/limited")));
            assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
            assertEquals("fine", r.text());
            assertEquals(2, r.attempts());
            assertTrue(r.waited().toMillis() >= 900, "waited " + r.waited());
        }
        List<TestServer.Hit> hits = server.hits("/limited");
        long gapMs = TimeUnit.NANOSECONDS.toMillis(hits.get(1).nanoTime() - hits.get(0).nanoTime());
        assertTrue(gapMs >= 1000, "the retry came " + gapMs + " ms after the 429 with Retry-After: 1");
    }

    @Test
    void retryAfterHoldsBackEveryRequestToThatHost() {
        server.route("/limited", 429, "slow down", "Retry-After", "1");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().retries(0).obeyRobots(false).build())) {
            assertEquals(429, fetcher.fetch(FetchRequest.of(server.uri("/limited"))).status());
            FetchResult other = fetcher.fetch(FetchRequest.of(server.uri("/page")));
            assertEquals(FetchOutcome.OK, other.outcome(), other.toString());
        }
        long gapMs = TimeUnit.NANOSECONDS.toMillis(server.hits("/page").get(0).nanoTime()
                - server.hits("/limited").get(0).nanoTime());
        assertTrue(gapMs >= 1000, "another page of the host was requested " + gapMs + " ms after the 429");
    }

    @Test
    void retryAfterOverTheCapEndsTheFetchInsteadOfWaiting() {
        server.route("/closed", 503, "maintenance", "Retry-After", "3600");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().maxRetryAfter(Duration.ofSeconds(30)).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/closed")));
            assertEquals(FetchOutcome.HTTP_ERROR, r.outcome(), r.toString());
            assertEquals(503, r.status());
            assertTrue(r.message().contains("Retry-After 3600 s") && r.message().contains("maxRetryAfter=30 s"),
                    r.message());
            assertTrue(r.elapsed().toMillis() < 2000, "did not wait: " + r);
        }
        assertEquals(1, server.count("/closed"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReported() {
        server.route("/broken", 503, "down");
        FetchSettings settings = TestServer.quickSettings().retries(3)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400)).build();
        try (Fetcher fetcher = new Fetcher(settings)) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/broken")));
            assertEquals(FetchOutcome.HTTP_ERROR, r.outcome(), r.toString());
            assertEquals(503, r.status());
            assertEquals(4, r.attempts());
            assertEquals("HTTP 503 (4 tries)", r.message());
            assertEquals("down", r.text(), "the error page is kept for the status");
            assertTrue(r.waited().toMillis() < 100 + 200 + 400 + 100, "back-off capped per retry: " + r.waited());
        }
        assertEquals(4, server.count("/broken"));
    }

    @Test
    void clientErrorsAreNotRetried() {
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().retries(3).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/missing")));
            assertEquals(FetchOutcome.HTTP_ERROR, r.outcome());
            assertEquals(404, r.status());
            assertEquals(1, r.attempts());
        }
        assertEquals(1, server.count("/missing"));
    }

    private List<FetchResult> fetchAll(Fetcher fetcher, List<URI> urls) throws Exception {
        List<Future<FetchResult>> futures = new ArrayList<>();
        for (URI url : urls) {
            futures.add(callers.submit(() -> fetcher.fetch(FetchRequest.of(url))));
        }
        List<FetchResult> results = new ArrayList<>();
        for (Future<FetchResult> f : futures) {
            results.add(f.get(20, TimeUnit.SECONDS));
        }
        return results;
    }
}
