/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery of kinds and advertised feeds against a real local site. */
class SourceDiscoveryTest {
    private Site site;
    private SourcePreview preview;
    private SourceDiscovery discovery;

    @BeforeEach
    void start() throws Exception {
        site = new Site().page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        preview = new SourcePreview(Site.settings());
        discovery = preview.discovery();
    }

    @AfterEach
    void stop() {
        preview.close();
        site.close();
    }

    @Test
    void anHtmlPageListsItsAlternateFeedsAbsolute() {
        site.page("/blog/", "text/html; charset=utf-8", """
                <!doctype html><html><head><title> My blog </title>
                <link rel="alternate" type="application/rss+xml" title="Posts" href="feed.xml">
                <link rel="Alternate" type="application/atom+xml" href="https://example.org/atom">
                <link rel="alternate" type="application/feed+json; charset=utf-8" title="JSON" href="/feed.json">
                <link rel="alternate" hreflang="fr" type="text/html" href="/fr/">
                <link rel="stylesheet" type="text/css" href="/style.css">
                <link rel="alternate" type="application/rss+xml" title="Again" href="/blog/feed.xml">
                </head><body></body></html>
                """);
        final Discovery d = discovery.discover(URI.create(site.url("/blog/")));
        assertEquals("html", d.kind());
        assertEquals("My blog", d.title());
        assertEquals(List.of(
                new Discovery.Feed(site.url("/blog/feed.xml"), "Posts", "application/rss+xml", "rss"),
                new Discovery.Feed("https://example.org/atom", null, "application/atom+xml", "rss"),
                new Discovery.Feed(site.url("/feed.json"), "JSON", "application/feed+json", "json")), d.feeds());
    }

    @Test
    void feedsAndJsonAreToldApartByTypeOrBody() {
        site.page("/rss", "text/xml", "<?xml version='1.0'?>\n<!-- hi --><rss><channel><title>R</title></channel></rss>");
        site.page("/atom", "application/atom+xml", "<feed xmlns='http://www.w3.org/2005/Atom'><title>A</title></feed>");
        site.page("/api", "text/plain", "  {\"title\": \"J\", \"items\": []}");
        site.page("/page", "application/octet-stream", "<html><title>H</title></html>");
        assertEquals(List.of("rss", "R"), kindAndTitle("/rss"));
        assertEquals(List.of("rss", "A"), kindAndTitle("/atom"));
        assertEquals(List.of("json", "J"), kindAndTitle("/api"));
        assertEquals(List.of("html", "H"), kindAndTitle("/page"));
        assertNull(SourceDiscovery.kind("image/png", "\u0089PNG"));
    }

    @Test
    void failuresAreResults() {
        final Discovery d = discovery.discover(URI.create(site.url("/private/x")));
        assertNull(d.kind());
        assertEquals("robots_disallowed", d.fetch().outcome());
        assertTrue(d.fetch().error().contains("robots.txt"), d.fetch().error());
        assertEquals(0, site.hits("/private/x"));
    }

    @Test
    void thePreviewAfterDiscoveryReusesThePage() {
        site.page("/feed.xml", "application/rss+xml",
                "<rss><channel><item><title>T</title><link>https://example.org/t</link></item></channel></rss>");
        discovery.discover(URI.create(site.url("/feed.xml")));
        final PreviewResult r = preview.preview(site.source("{id: f, kind: rss, url: '{site}/feed.xml', schedule: 1h}"));
        assertTrue(r.fetch().fromCache());
        assertEquals(1, r.kept());
        assertEquals(1, site.hits("/feed.xml"));
    }

    private List<String> kindAndTitle(String path) {
        final Discovery d = discovery.discover(URI.create(site.url(path)));
        return List.of(String.valueOf(d.kind()), String.valueOf(d.title()));
    }
}
