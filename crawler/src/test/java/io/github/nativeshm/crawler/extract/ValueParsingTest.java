/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Counts and links as sites write them; times are in {@link TimesTest}. */
class ValueParsingTest {
    @Test
    void counts() {
        assertEquals(1234L, Numbers.count("1,234"));
        assertEquals(1234L, Numbers.count("1,234 stars today"));
        assertEquals(1200L, Numbers.count("1.2k"));
        assertEquals(2_500_000L, Numbers.count("2.5M views"));
        assertEquals(123L, Numbers.count("123 points"));
        assertEquals(123L, Numbers.count("123\u00a0comments"));
        assertEquals(12L, Numbers.count("12 min read"));
        assertEquals(-3L, Numbers.count("-3 points"));
        assertEquals(7L, Numbers.count("rank 7."));
        assertNull(Numbers.count("discuss"));
        assertNull(Numbers.count(""));
        assertNull(Numbers.count(null));
        assertNull(Numbers.count("99999999999999999999"));
    }

    @Test
    void links() {
        final URI base = URI.create("https://news.ycombinator.com/news?p=1");
        assertEquals(URI.create("https://news.ycombinator.com/item?id=1"), Urls.resolve(base, "item?id=1"));
        assertEquals(URI.create("https://news.ycombinator.com/news?p=2"), Urls.resolve(base, "?p=2"));
        assertEquals(URI.create("https://news.ycombinator.com/"),
                Urls.resolve(URI.create("https://news.ycombinator.com"), "/"));
        assertEquals(URI.create("https://x.example/a"), Urls.resolve(base, "HTTPS://X.Example:443/b/../a"));
        assertEquals(URI.create("http://x.example:8080/"), Urls.resolve(base, "http://x.example:8080"));
        assertEquals(URI.create("https://x.example/a%7Cb?q=a%20b#frag"),
                Urls.resolve(base, "https://x.example/a|b?q=a b#frag"));
        assertEquals(URI.create("https://x.example/100%25"), Urls.resolve(base, "https://x.example/100%"));
        assertEquals(URI.create("https://x.example/%E2%9C%93"), Urls.resolve(base, "https://x.example/✓"));
        assertNull(Urls.resolve(base, "javascript:void(0)"));
        assertNull(Urls.resolve(base, "mailto:a@b.example"));
        assertNull(Urls.resolve(base, "  "));
        assertNull(Urls.resolve(base, null));
    }
}
