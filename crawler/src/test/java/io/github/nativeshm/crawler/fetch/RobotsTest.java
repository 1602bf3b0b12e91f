/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RobotsTest {
    private final TestServer server;

    RobotsTest() throws Exception {
        server = new TestServer()
                .route("/private/page", 200, "secret")
                .route("/public/page", 200, "hello")
                .route("/bots-only", 200, "for others");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void disallowedPageIsNeverRequestedAndRobotsIsFetchedOnce() {
        server.route("/robots.txt", 200, "User-agent: *\nDisallow: /private/\n", "Content-Type", "text/plain");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) {
            FetchResult denied = fetcher.fetch(FetchRequest.of(server.uri("/private/page")));
            assertEquals(FetchOutcome.ROBOTS_DISALLOWED, denied.outcome(), denied.toString());
            assertEquals(0, denied.attempts());
            assertTrue(denied.message().contains("robots.txt"), denied.message());
            assertEquals(FetchOutcome.OK, fetcher.fetch(FetchRequest.of(server.uri("/public/page"))).outcome());
            fetcher.fetch(FetchRequest.of(server.uri("/private/page")));
        }
        assertEquals(0, server.count("/private/page"), "a disallowed page is never requested");
        assertEquals(1, server.count("/public/page"));
        assertEquals(1, server.count("/robots.txt"), "robots.txt is cached per host");
        assertEquals(FetchSettings.DEFAULT_USER_AGENT, server.hits("/robots.txt").get(0).headers().getFirst("User-Agent"));
    }

    @Test
    void aRedirectIntoADisallowedPathIsNotFollowed() {
        server.route("/robots.txt", 200, "User-agent: *\nDisallow: /private/\n");
        server.route("/go", 302, "", "Location", "/private/page");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/go")));
            assertEquals(FetchOutcome.ROBOTS_DISALLOWED, r.outcome(), r.toString());
            assertEquals(server.uri("/private/page"), r.finalUrl());
            assertEquals(1, r.attempts());
        }
        assertEquals(0, server.count("/private/page"));
    }

    @Test
    void theGroupNamingOurProductTokenApplies() {
        server.route("/robots.txt", 200, "User-agent: *\nAllow: /\n\nUser-agent: Native-SHM-Crawler\nDisallow: /bots-only\n");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) {
            assertEquals(FetchOutcome.ROBOTS_DISALLOWED, fetcher.fetch(FetchRequest.of(server.uri("/bots-only"))).outcome());
        }
        try (Fetcher other = new Fetcher(TestServer.quickSettings().userAgent("OtherBot/1.0").build())) {
            assertEquals(FetchOutcome.OK, other.fetch(FetchRequest.of(server.uri("/bots-only"))).outcome());
        }
        assertEquals(1, server.count("/bots-only"));
    }

    @Test
    void missingRobotsTxtAllowsEverything() {
        // TestServer answers 404 for /robots.txt unless routed.
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/private/page")));
            assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
            assertEquals("secret", r.text());
        }
        assertEquals(1, server.count("/robots.txt"));
    }

    @Test
    void unreachableRobotsTxtDisallowsTheHostForAWhile() {
        server.route("/robots.txt", 500, "oops");
        FetchSettings settings = TestServer.quickSettings().retries(1)
                .robotsTtl(Duration.ofHours(1), Duration.ofMillis(300)).build();
        try (Fetcher fetcher = new Fetcher(settings)) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/public/page")));
            assertEquals(FetchOutcome.ROBOTS_DISALLOWED, r.outcome(), r.toString());
            assertTrue(r.message().contains("unreachable") && r.message().contains("500"), r.message());
            assertEquals(2, server.count("/robots.txt"), "the robots.txt fetch is retried like any other");
            assertEquals(FetchOutcome.ROBOTS_DISALLOWED, fetcher.fetch(FetchRequest.of(server.uri("/public/page"))).outcome());
            assertEquals(2, server.count("/robots.txt"), "the failure is cached");

            sleep(400); // past robotsErrorTtl: robots.txt is asked again, and now it is fine
            server.route("/robots.txt", 200, "User-agent: *\nDisallow:\n");
            assertEquals(FetchOutcome.OK, fetcher.fetch(FetchRequest.of(server.uri("/public/page"))).outcome());
        }
        assertEquals(1, server.count("/public/page"));
    }

    @Test
    void robotsCanBeIgnoredWhenConfiguredSo() {
        server.route("/robots.txt", 200, "User-agent: *\nDisallow: /\n");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().obeyRobots(false).build())) {
            assertEquals(FetchOutcome.OK, fetcher.fetch(FetchRequest.of(server.uri("/private/page"))).outcome());
        }
        assertEquals(0, server.count("/robots.txt"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void crawlDelaySpacesRequestsAndIsReported() throws Exception {
        server.route("/robots.txt", 200, "User-agent: *\nCrawl-delay: 3\nDisallow: /private/\n");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) { // perHostDelay 0
            final List<FetchResult> results = new ArrayList<>();
            for (CompletableFuture<FetchResult> f : List.of(
                    fetcher.fetchAsync(FetchRequest.of(server.uri("/public/page"))),
                    fetcher.fetchAsync(FetchRequest.of(server.uri("/public/page?2"))),
                    fetcher.fetchAsync(FetchRequest.of(server.uri("/public/page?3"))))) {
                results.add(f.get(20, TimeUnit.SECONDS));
            }
            results.forEach(r -> assertEquals(Duration.ofSeconds(3), r.hostDelay(), r.toString()));
        }
        final List<TestServer.Hit> pages = server.hits("/public/page");
        assertEquals(3, pages.size());
        for (int i = 1; i < pages.size(); i++) {
            final long gap = pages.get(i).nanoTime() - pages.get(i - 1).nanoTime();
            assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(2950), "requests " + gap / 1_000_000 + " ms apart");
        }
    }

    @Test
    void crawlDelayIsCappedByMaxCrawlDelay() throws Exception {
        server.route("/robots.txt", 200, "User-agent: *\nCrawl-delay: 3600\n");
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().maxCrawlDelay(Duration.ofMillis(700)).build())) {
            final CompletableFuture<FetchResult> first = fetcher.fetchAsync(FetchRequest.of(server.uri("/public/page")));
            final FetchResult second = fetcher.fetch(FetchRequest.of(server.uri("/public/page?2")));
            assertEquals(FetchOutcome.OK, first.get(10, TimeUnit.SECONDS).outcome());
            assertEquals(FetchOutcome.OK, second.outcome(), second.toString());
            assertEquals(Duration.ofMillis(700), second.hostDelay());
        }
        final List<TestServer.Hit> pages = server.hits("/public/page");
        final long gap = pages.get(1).nanoTime() - pages.get(0).nanoTime();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(650) && gap < TimeUnit.SECONDS.toNanos(3),
                "requests " + gap / 1_000_000 + " ms apart");
    }
}
