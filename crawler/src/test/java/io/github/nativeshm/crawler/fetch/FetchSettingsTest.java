/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {

    @Test
    void defaultsArePoliteAndIdentifyTheCrawler() {
        FetchSettings s = FetchSettings.defaults();
        assertEquals(FetchSettings.DEFAULT_USER_AGENT, s.userAgent());
        assertTrue(s.userAgent().contains("+https://"), "a real user agent says where to learn about it");
        assertEquals("native-shm-crawler", s.robotsName());
        assertEquals(Duration.ofSeconds(5), s.perHostDelay());
        assertEquals(Duration.ofSeconds(60), s.maxFetchTime());
        assertEquals(1, s.perHostConcurrency());
        assertTrue(s.obeyRobots());
        assertFalse(s.proxy().isPresent());
    }

    @Test
    void badValuesAreRejectedNamingTheSettingAndTheValue() {
        assertRejected(b -> b.perHostConcurrency(0), "perHostConcurrency must be 1..16, perHostConcurrency=0");
        assertRejected(b -> b.perHostDelay(Duration.ofMillis(-5)), "perHostDelay must not be negative, perHostDelay=PT-0.005S");
        assertRejected(b -> b.readTimeout(Duration.ZERO), "readTimeout must be positive, readTimeout=PT0S");
        assertRejected(b -> b.connectTimeout(Duration.ofSeconds(-1)), "connectTimeout must be positive, connectTimeout=PT-1S");
        assertRejected(b -> b.retries(-1), "retries must be 0..10, retries=-1");
        assertRejected(b -> b.maxBodySize(0), "maxBodySize must be 1024..1073741824, maxBodySize=0");
        assertRejected(b -> b.maxRedirects(-2), "maxRedirects must be 0..20, maxRedirects=-2");
        assertRejected(b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                "backoffMax must be at least backoffBase=PT2S, backoffMax=PT1S");
        assertRejected(b -> b.userAgent("/1.0 nameless"), "userAgent must start with a product token");
        assertRejected(b -> b.userAgent("bot\r\nX-Injected: 1"), "userAgent=bot");
        assertRejected(b -> b.proxy("proxy.lan"), "proxy must be host:port with a port in 1-65535, proxy=proxy.lan");
        assertRejected(b -> b.proxy("proxy.lan:99999"), "proxy=proxy.lan:99999");
        assertRejected(b -> b.robotsTtl(Duration.ofHours(1), Duration.ZERO), "robotsErrorTtl must be positive");
        assertRejected(b -> b.maxFetchTime(Duration.ZERO), "maxFetchTime must be positive, maxFetchTime=PT0S");
        assertRejected(b -> b.maxCrawlDelay(Duration.ofSeconds(-1)), "maxCrawlDelay must not be negative");
    }

    @Test
    void proxyIsParsedUnresolved() {
        InetSocketAddress proxy = FetchSettings.builder().proxy("proxy.invalid:3128").build().proxy().orElseThrow();
        assertEquals("proxy.invalid", proxy.getHostString());
        assertEquals(3128, proxy.getPort());
        assertTrue(proxy.isUnresolved(), "no DNS lookup while configuring");
        assertEquals("::1", FetchSettings.builder().proxy("[::1]:8080").build().proxy().orElseThrow().getHostString());
        assertFalse(FetchSettings.builder().proxy(" ").build().proxy().isPresent());
    }

    @Test
    void toBuilderKeepsEverythingElse() {
        FetchSettings s = FetchSettings.builder().retries(7).userAgent("MyBot/2 (+mailto:me@example.org)").build();
        FetchSettings changed = s.toBuilder().perHostConcurrency(3).build();
        assertEquals(7, changed.retries());
        assertEquals(3, changed.perHostConcurrency());
        assertEquals("mybot", changed.robotsName());
        assertEquals(s, changed.toBuilder().perHostConcurrency(1).build());
    }

    private static void assertRejected(UnaryOperator<FetchSettings.Builder> change, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(FetchSettings.builder()).build());
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }
}
