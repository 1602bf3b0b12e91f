/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeshm.crawler.fetch.Fetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preview's page cache: expiry, the byte bound, what is kept. */
class PageCacheTest {
    private Site site;
    private Fetcher fetcher;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() throws Exception {
        site = new Site().page("/a", "text/html", "a".repeat(600)).page("/b", "text/html", "b".repeat(600));
        fetcher = new Fetcher(Site.settings());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.close();
    }

    @Test
    void aPageIsReusedForTheTtlThenFetchedAgain() {
        final PageCache cache = new PageCache(fetcher, Duration.ofMinutes(5), 1 << 20, clock);
        assertFalse(get(cache, "/a").fromCache());
        now = now.plus(Duration.ofMinutes(4));
        assertTrue(get(cache, "/a").fromCache());
        now = now.plus(Duration.ofMinutes(1));
        assertFalse(get(cache, "/a").fromCache());
        assertEquals(2, site.hits("/a"));
    }

    @Test
    void theLeastRecentlyUsedPageGoesWhenTheBoundIsReached() {
        final PageCache cache = new PageCache(fetcher, Duration.ofMinutes(5), 1000, clock);
        get(cache, "/a");
        get(cache, "/b");
        assertEquals(600, cache.bytes(), "a went to make room for b");
        assertTrue(get(cache, "/b").fromCache());
        assertFalse(get(cache, "/a").fromCache());
        assertEquals(2, site.hits("/a"));
    }

    @Test
    void failuresAndOtherHeadersAreNotServedFromTheCache() {
        final PageCache cache = new PageCache(fetcher, Duration.ofMinutes(5), 1 << 20, clock);
        assertEquals(404, get(cache, "/missing").result().status());
        assertFalse(get(cache, "/missing").fromCache());
        assertEquals(2, site.hits("/missing"));
        get(cache, "/a");
        assertFalse(cache.get(URI.create(site.url("/a")), Map.of("Accept", "text/html")).fromCache());
    }

    private PageCache.Page get(PageCache cache, String path) {
        return cache.get(URI.create(site.url(path)), Map.of());
    }
}
