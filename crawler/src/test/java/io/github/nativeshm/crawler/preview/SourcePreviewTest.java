/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nativeshm.crawler.preview.PreviewResult.FieldMatch;
import io.github.nativeshm.crawler.preview.PreviewResult.Item;
import io.github.nativeshm.crawler.preview.PreviewResult.Warning;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Previews of drafts of each kind against a real local site. */
class SourcePreviewTest {
    private static final String HTML = """
            <html><head><title>News</title></head><body>
            <div class="story"><a class="title" href="/a">Alpha</a>
              <span class="pts">1,234 points</span><time datetime="2024-05-01T09:00:00Z">May 1</time></div>
            <div class="story"><h2><a href="https://example.org/b">Beta</a></h2>
              <span class="pts">7 points</span><time datetime="yesterday-ish">?</time></div>
            <div class="story"><span class="pts">3 points</span></div>
            <div class="story"><a class="title" href="b/c">Gamma</a><time datetime="2024-05-02">May 2</time></div>
            </body></html>
            """;

    private Site site;
    private SourcePreview preview;

    @BeforeEach
    void start() throws Exception {
        site = new Site().page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        preview = new SourcePreview(Site.settings());
    }

    @AfterEach
    void stop() {
        preview.close();
        site.close();
    }

    @Test
    void htmlFieldsSaySelectorAlternativeRawAndKeptText() {
        site.page("/news/index.html", "text/html; charset=utf-8", HTML);
        final PreviewResult r = preview.preview(site.source("""
                id: draft
                kind: html
                url: {site}/news/index.html
                schedule: 15m
                selectors:
                  item: div.story
                  title: a.title, h2 > a
                  link: a.title, h2 > a
                  score: span.pts
                  author: .byline
                  time: time@datetime
                """));
        assertEquals("ok", r.fetch().outcome());
        assertEquals(200, r.fetch().status());
        assertFalse(r.fetch().fromCache());
        assertEquals(4, r.items().size());
        assertEquals(3, r.kept());

        final Item alpha = r.items().get(0);
        assertEquals(site.url("/a"), alpha.url());
        assertEquals(new FieldMatch("Alpha", "a.title", null, null), alpha.fields().get("title"));
        assertEquals(new FieldMatch(site.url("/a"), "a.title@href", "/a",
                "relative link made absolute against " + site.url("/news/index.html")), alpha.fields().get("link"));
        assertEquals(new FieldMatch("1234", "span.pts", "1,234 points", null), alpha.fields().get("score"));
        assertEquals(new FieldMatch(null, ".byline", null, "matched nothing"), alpha.fields().get("author"));
        assertEquals(new FieldMatch("2024-05-01T09:00:00Z", "time@datetime", "2024-05-01T09:00:00Z", null)
                .text(), alpha.fields().get("time").text());

        final Item beta = r.items().get(1);
        assertEquals("h2 > a", beta.fields().get("title").selector(), "the second alternative matched");
        assertNull(beta.fields().get("link").note(), "an absolute link");
        assertNull(beta.fields().get("time").text());
        assertEquals("yesterday-ish", beta.fields().get("time").raw());
        assertEquals("not a date this crawler reads; set timeFormat", beta.fields().get("time").note());

        final Item skipped = r.items().get(2);
        assertEquals("field 'title' is empty or missing", skipped.skipped());
        assertEquals(List.of(new PreviewResult.Skipped(3, "field 'title' is empty or missing")), r.skipped());
        assertEquals(site.url("/news/b/c"), r.items().get(3).url());

        assertEquals(List.of(
                new Warning("selectors.title", "selector 'a.title, h2 > a' matched nothing in 1 of 4 items"),
                new Warning("selectors.link", "selector 'a.title, h2 > a@href' matched nothing in 1 of 4 items"),
                new Warning("selectors.score", "selector 'span.pts' matched nothing in 1 of 4 items"),
                new Warning("selectors.author", "selector '.byline' matched nothing in any of the 4 items"),
                new Warning("selectors.time", "selector 'time@datetime' matched nothing in 1 of 4 items"),
                new Warning("timeFormat", "1 of 3 dates not read (like 'yesterday-ish'): set timeFormat"),
                new Warning("selectors.link", "2 of 3 links were relative: made absolute against "
                        + site.url("/news/index.html")),
                new Warning("selectors.title", "1 of 4 candidates skipped; item 3: field 'title' is empty or missing")),
                r.warnings());
    }

    @Test
    void anItemSelectorMatchingNothingIsAWarningWithNoItems() {
        site.page("/news.html", "text/html", HTML);
        final PreviewResult r = preview.preview(site.source("""
                id: draft
                kind: html
                url: {site}/news.html
                schedule: 15m
                selectors: {item: li.nothing, title: a, link: a}
                """));
        assertEquals(List.of(), r.items());
        assertEquals("selectors.item", r.warnings().get(0).field());
        assertTrue(r.warnings().get(0).message().startsWith("the item selector 'li.nothing' matched nothing"),
                r.warnings().get(0).message());
        assertEquals(new Warning(null, "no items: the page yields no candidates"), r.warnings().get(1));
    }

    @Test
    void rssAndAtomFieldsNameTheirElements() {
        site.page("/feed.rss", "application/rss+xml", """
                <?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
                <item><title>One</title><link>https://example.org/1</link><dc:creator>ann</dc:creator>
                  <pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item>
                <item><title>Two</title><guid>https://example.org/2</guid></item>
                </channel></rss>
                """);
        site.page("/feed.atom", "application/atom+xml", """
                <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
                <author><name>Feed Author</name></author>
                <entry><title>Uno</title><link href="/uno"/><updated>2025-01-06T10:00:00Z</updated></entry>
                </feed>
                """);
        final PreviewResult rss = preview.preview(site.source("""
                {id: r, kind: rss, url: '{site}/feed.rss', schedule: 15m}
                """));
        assertEquals(2, rss.kept());
        assertEquals("dc:creator", rss.items().get(0).fields().get("author").selector());
        assertEquals("pubDate", rss.items().get(0).fields().get("time").selector());
        assertEquals("2025-01-06T10:00:00Z", rss.items().get(0).fields().get("time").text());
        assertEquals("guid", rss.items().get(1).fields().get("link").selector());
        assertEquals(List.of(), rss.warnings());

        final PreviewResult atom = preview.preview(site.source("""
                {id: a, kind: rss, url: '{site}/feed.atom', schedule: 15m}
                """));
        final Item uno = atom.items().get(0);
        assertEquals(site.url("/uno"), uno.url());
        assertEquals("feed author/name", uno.fields().get("author").selector());
        assertEquals("updated", uno.fields().get("time").selector());
        assertEquals(List.of(new Warning(null, "1 of 1 links were relative: made absolute against "
                + site.url("/feed.atom"))), atom.warnings());
    }

    @Test
    void jsonFieldsNameTheirPointers() {
        site.page("/api.json", "application/json", """
                {"data": [{"t": "One", "u": "https://example.net/1", "n": {"c": 7}, "at": 1714554765},
                          {"t": "Two", "u": "/2", "at": "later"},
                          {"u": "https://example.net/3"}]}
                """);
        final PreviewResult r = preview.preview(site.source("""
                id: j
                kind: json
                url: {site}/api.json
                schedule: 15m
                pointers: {items: /data, title: /t, link: /u, comments: /n/c, time: /at}
                """));
        assertEquals(3, r.items().size());
        assertEquals(new FieldMatch("7", "/n/c", null, null), r.items().get(0).fields().get("comments"));
        assertEquals("2024-05-01T09:12:45Z", r.items().get(0).fields().get("time").text());
        assertEquals(List.of(
                new Warning("pointers.title", "pointer '/t' reached no text in 1 of 3 items"),
                new Warning("pointers.comments", "pointer '/n/c' reached no text in 2 of 3 items"),
                new Warning("pointers.time", "pointer '/at' reached no text in 1 of 3 items"),
                new Warning("timeFormat", "1 of 2 dates not read (like 'later'): set timeFormat"),
                new Warning("pointers.link", "1 of 2 links were relative: made absolute against "
                        + site.url("/api.json")),
                new Warning("pointers.title", "1 of 3 candidates skipped; item 3: field 'title' is empty or missing")),
                r.warnings());
    }

    @Test
    void robotsDisallowIsAResultNotAnException() {
        site.page("/private/list.html", "text/html", HTML);
        final PreviewResult r = preview.preview(site.source("""
                {id: p, kind: rss, url: '{site}/private/list.html', schedule: 15m}
                """));
        assertEquals("robots_disallowed", r.fetch().outcome());
        assertEquals(0, r.fetch().status());
        assertTrue(r.fetch().error().startsWith("robots.txt forbids fetching " + site.url("/private/list.html")),
                r.fetch().error());
        assertEquals("url", r.warnings().get(0).field());
        assertEquals(0, site.hits("/private/list.html"), "the page was never requested");
    }

    @Test
    void a404IsAResult() {
        final PreviewResult r = preview.preview(site.source("""
                {id: p, kind: rss, url: '{site}/gone.rss', schedule: 15m}
                """));
        assertEquals("http_error", r.fetch().outcome());
        assertEquals(404, r.fetch().status());
        assertEquals("the site answered HTTP 404 for " + site.url("/gone.rss"), r.fetch().error());
    }

    @Test
    void aSecondPreviewWithinFiveMinutesComesFromTheCache() {
        site.page("/news.html", "text/html", HTML);
        final String yaml = """
                id: draft
                kind: html
                url: {site}/news.html
                schedule: 15m
                selectors: {item: div.story, title: %s, link: a}
                """;
        final PreviewResult first = preview.preview(site.source(yaml.formatted("a")));
        final PreviewResult second = preview.preview(site.source(yaml.formatted("h2 > a")));
        assertFalse(first.fetch().fromCache());
        assertTrue(second.fetch().fromCache());
        assertEquals(first.fetch().fetchedAt(), second.fetch().fetchedAt());
        assertEquals(1, site.hits("/news.html"), "the site saw one request");
        assertEquals("Beta", second.items().get(1).fields().get("title").text());
    }

    @Test
    void resultsAreJson() throws Exception {
        site.page("/news.html", "text/html", HTML);
        final PreviewResult r = preview.preview(site.source("""
                id: draft
                kind: html
                url: {site}/news.html
                schedule: 15m
                selectors: {item: div.story, title: a, link: a}
                """));
        final JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r));
        assertEquals("ok", json.at("/fetch/outcome").asText());
        assertEquals("Alpha", json.at("/items/0/fields/title/text").asText());
        assertEquals("a", json.at("/items/0/fields/title/selector").asText());
        assertTrue(json.at("/items/0/fields/title/raw").isMissingNode(), "nulls are left out");
        assertEquals(3, json.at("/skipped/0/index").asInt());
    }
}
