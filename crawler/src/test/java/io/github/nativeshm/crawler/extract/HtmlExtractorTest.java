/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static io.github.nativeshm.crawler.extract.Fixtures.assertItem;
import static io.github.nativeshm.crawler.extract.Fixtures.read;
import static io.github.nativeshm.crawler.extract.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
    private static final URI FORUM = URI.create("https://forum.example/list");
    private static final String HN_SELECTORS = """
            selectors:
              item: tr.athing
              title: span.titleline > a, a.storylink
              link: span.titleline > a, a.storylink
              detail: %s
              score: span.score
              comments: "a[href^=item]:contains(comment)"
              author: a.hnuser
              time: span.age@title
            """;

    private static SourceConfig hn(String detail, int maxItems) {
        return source("""
                - id: hn
                  kind: html
                  url: https://news.ycombinator.com/
                  schedule: 15m
                  maxItems: %d
                """.formatted(maxItems) + HN_SELECTORS.formatted(detail).indent(2));
    }

    private static SourceConfig rows(String extraSelectors) {
        return source("""
                - id: rows
                  kind: html
                  url: https://forum.example/list
                  schedule: 15m
                  selectors:
                    item: tr.row, div.row
                    title: a
                    link: a
                    score: td.score
                """ + extraSelectors);
    }

    @Test
    void malformedHtmlStillYieldsItems() throws ExtractionException {
        final Extraction x = new HtmlExtractor().extract(read("malformed.html"), FORUM, rows(""));
        final List<ExtractedItem> items = x.items();
        assertEquals(5, items.size(), items.toString());
        assertItem(items.get(0), "Alpha", "https://forum.example/a", 5L, null, null, null);
        assertItem(items.get(1), "Beta & gamma", "https://forum.example/b", 6L, null, null, null);
        assertItem(items.get(2), "Gamma", "https://forum.example/c", 1200L, null, null, null);
        assertItem(items.get(3), "Delta", "https://forum.example/d", null, null, null, null);
        assertItem(items.get(4), "Epsilon outside the table", "https://forum.example/e", null, null, null, null);
        assertEquals(2, x.skipped());
        assertEquals(List.of("item 4: field 'title' is empty or missing",
                "item 5: field 'link': 'javascript:void(0)' is not an http(s) URL",
                "1 item(s) repeating an earlier item's link were dropped"), x.warnings());
    }

    @Test
    void aSkippedItemIsBlamedOnTheFieldThatFailedNotOnItsUnreadableTime() throws ExtractionException {
        final String page = """
                <div class="row"><span class="when">yesterday-ish</span></div>
                <div class="row"><a href="/b">Kept</a><span class="when">about noon</span></div>
                <div class="row"><a href="javascript:void(0)">Bad link</a><span class="when">never</span></div>""";
        final Extraction x = new HtmlExtractor().extract(page, FORUM, rows("    time: span.when\n"));
        assertEquals(List.of("Kept"), x.items().stream().map(ExtractedItem::title).toList());
        assertEquals(new Extraction.Tally(2, Optional.of("item 1: field 'title' is empty or missing")), x.skips());
        assertEquals(new Extraction.Tally(1, Optional.of(
                "item 2: field 'time': 'about noon' is not a date this crawler reads; set timeFormat")),
                x.unreadableDates());
        assertEquals(List.of("item 1: field 'title' is empty or missing",
                "item 3: field 'link': 'javascript:void(0)' is not an http(s) URL",
                "item 2: field 'time': 'about noon' is not a date this crawler reads; set timeFormat"), x.warnings());
        assertEquals("2 items skipped: item 1: field 'title' is empty or missing; "
                + "1 date unreadable: item 2: field 'time': 'about noon' is not a date this crawler reads; "
                + "set timeFormat", x.summary());
    }

    @Test
    void aSourcesTimeFormatAndZoneReadItsDates() throws ExtractionException {
        final String page = """
                <article><h2><a href="/story/1">Custom format</a></h2>
                  <time>Friday December 23, 2022 @04:00PM</time></article>
                <article><h2><a href="/story/2">Built-in shape, no zone</a></h2><time>2022-12-23 16:30</time></article>
                <article><h2><a href="/story/3">Unreadable</a></h2><time>Friday-ish</time></article>""";
        final Extraction x = new HtmlExtractor().extract(page, URI.create("https://slashdot.org/"), source("""
                - id: slashdot
                  kind: html
                  url: https://slashdot.org/
                  schedule: 1h
                  timeFormat: "EEEE MMMM d, yyyy '@'hh:mma"
                  timeZone: America/New_York
                  selectors: {item: article, title: h2 a, link: h2 a, time: time}
                """));
        assertItem(x.items().get(0), "Custom format", "https://slashdot.org/story/1", null, null, null,
                "2022-12-23T21:00:00Z");
        assertItem(x.items().get(1), "Built-in shape, no zone", "https://slashdot.org/story/2", null, null, null,
                "2022-12-23T21:30:00Z");
        assertItem(x.items().get(2), "Unreadable", "https://slashdot.org/story/3", null, null, null, null);
        assertEquals(List.of("item 3: field 'time': 'Friday-ish' is not a date this crawler reads, nor does it "
                + "match timeFormat 'EEEE MMMM d, yyyy '@'hh:mma'"), x.warnings());
        assertEquals("1 date unreadable: " + x.warnings().get(0), x.summary());
    }

    @Test
    void anItemSelectorThatMatchesNothingIsAnError() {
        final ExtractionException e = assertThrows(ExtractionException.class, () -> new HtmlExtractor().extract(
                "<html><head><title>Hacker News</title></head><body><p>We're changing things.</p></body></html>",
                URI.create("https://news.ycombinator.com/"), hn("next-sibling", 30)));
        assertEquals("source 'hn': the item selector 'tr.athing' matched nothing in the page titled 'Hacker News'; "
                + "has its markup changed?", e.getMessage());
        assertEquals("hn", e.sourceId());
    }

    @Test
    void keepsTheFirstMaxItems() throws ExtractionException {
        final Extraction x = new HtmlExtractor().extract(read("hn-front-2024.html"),
                URI.create("https://news.ycombinator.com/"), hn("next-sibling", 2));
        assertEquals(List.of("How SQLite's WAL mode works", "Ask HN: What are you working on? (May 2024)"),
                x.items().stream().map(ExtractedItem::title).toList());
    }

    @Test
    void detailCanNarrowToAnElementInsideTheSibling() throws ExtractionException {
        final Extraction x = new HtmlExtractor().extract(read("hn-front-2024.html"),
                URI.create("https://news.ycombinator.com/"), hn("next-sibling td.subtext", 30));
        assertItem(x.items().get(0), "How SQLite's WAL mode works", "https://example.com/posts/sqlite-wal",
                512L, 231L, "alice", "2024-05-01T09:12:45Z");
        assertEquals(5, x.items().size());
    }

    @Test
    void aSiblingThatIsAnItemIsNotADetail() throws ExtractionException {
        final String page = """
                <table>
                <tr class="athing"><td><span class="titleline"><a href="/1">One, no subtext row</a></span></td></tr>
                <tr class="athing"><td><span class="titleline"><a href="/2">Two</a></span></td></tr>
                <tr><td class="subtext"><span class="score">9 points</span> by <a class="hnuser">zed</a></td></tr>
                </table>""";
        final Extraction x = new HtmlExtractor().extract(page, URI.create("https://news.ycombinator.com/"),
                hn("next-sibling", 30));
        assertItem(x.items().get(0), "One, no subtext row", "https://news.ycombinator.com/1", null, null, null, null);
        assertItem(x.items().get(1), "Two", "https://news.ycombinator.com/2", 9L, null, "zed", null);
    }

    @Test
    void linksResolveAgainstBaseHrefAndAreNormalised() throws ExtractionException {
        final String page = """
                <html><head><base href="https://cdn.example.com/news/"></head><body>
                <div class="row"><a href="story/1">Relative to base</a></div>
                <div class="row"><a href="../about">Dot segments</a></div>
                <div class="row"><a href="//Other.Example.com:443/y">Scheme-relative</a></div>
                <div class="row"><a href=" /a path/ünï ">Spaces and non-ASCII</a></div>
                <div class="row"><a href="mailto:x@example.com">Mail</a></div>
                <div class="row"><a href="HTTP://Example.com:80">Upper case, default port, no path</a></div>
                </body></html>""";
        final Extraction x = new HtmlExtractor().extract(page, FORUM, rows(""));
        assertEquals(List.of("https://cdn.example.com/news/story/1", "https://cdn.example.com/about",
                        "https://other.example.com/y", "https://cdn.example.com/a%20path/%C3%BCn%C3%AF",
                        "http://example.com/"),
                x.items().stream().map(i -> i.url().toString()).toList());
        assertEquals(1, x.skipped());
    }

    @Test
    void mappingFieldsReadAttributesThroughAPattern() throws ExtractionException {
        final String page = """
                <ul>
                  <li class="row" data-id="42"><a href="/p/42">Post</a>
                      <span class="meta" title="posted by @nina on 2024-03-01T10:00:00Z">meta</span>
                      <span class="votes">n/a</span></li>
                </ul>""";
        final SourceConfig s = source("""
                - id: posts
                  kind: html
                  url: https://forum.example/
                  schedule: 1h
                  selectors:
                    item: li.row
                    title: a
                    link: a
                    score: span.votes
                    author: {select: span.meta, attr: title, pattern: "by @(\\\\w+)"}
                    time: {select: span.meta, attr: title, pattern: "on (\\\\S+)$"}
                """);
        final Extraction x = new HtmlExtractor().extract(page, FORUM, s);
        assertItem(x.items().get(0), "Post", "https://forum.example/p/42", null, null, "nina", "2024-03-01T10:00:00Z");
        assertEquals(List.of("item 1: field 'score': 'n/a' holds no number"), x.warnings());
    }
}
