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
import org.junit.jupiter.api.Test;

class FeedExtractorTest {
    private static final SourceConfig FEED = source("""
            - id: feed
              kind: rss
              url: https://blog.example.com/atom.xml
              schedule: 1h
            """);
    private static final URI BASE = URI.create("https://blog.example.com/atom.xml");

    @Test
    void atomFeed() throws ExtractionException {
        final Extraction x = new FeedExtractor().extract(read("atom.xml"), BASE, FEED);
        assertEquals(2, x.items().size());
        assertItem(x.items().get(0), "Scaling Postgres to 1M writes/s",
                "https://blog.example.com/posts/scaling-postgres",
                null, null, "Grace Hopper", "2024-04-30T06:15:00Z");
        assertItem(x.items().get(1), "Relative links resolve against the feed URL",
                "https://blog.example.com/posts/relative", null, null, "Example Engineering", "2024-04-29T17:00:00Z");
        assertEquals(1, x.skipped());
        assertEquals(List.of("entry 3: field 'link' is empty or missing"), x.warnings());
    }

    @Test
    void rss1RdfFeed() throws ExtractionException {
        final Extraction x = new FeedExtractor().extract(read("rss1.rdf"), URI.create("https://news.example.jp/rss"),
                FEED);
        assertEquals(1, x.items().size());
        assertItem(x.items().get(0), "First headline", "https://news.example.jp/a/1", null, null, "Taro Yamada",
                "2024-05-01T00:00:00Z");
    }

    @Test
    void rssVariantsAndSloppyXml() throws ExtractionException {
        final String rss = """
                <?xml version="1.0"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
                     xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
                <channel><title>Sloppy</title>
                  <item><title>AT&T unescaped, guid as link</title><guid>https://example.com/p/1</guid>
                    <dc:creator>Jo Bloggs</dc:creator><pubDate>Tue, 9 Apr 2024 16:05:00 PDT</pubDate>
                    <slash:comments>17</slash:comments></item>
                  <item><title>Guid that is not a permalink</title><guid isPermaLink="false">tag:x,1</guid></item>
                  <item><title>GMT and no seconds</title><link>https://example.com/p/3</link>
                    <pubDate>01 May 2024 12:30 GMT</pubDate><author>someone@example.com</author></item>
                  <item><title>Unescaped HTML</title><description>one<br>two<p>three</description>
                    <link>https://example.com/p/4</link></item>
                </channel></rss>""";
        final Extraction x = new FeedExtractor().extract(rss, URI.create("https://example.com/feed"), FEED);
        assertItem(x.items().get(0), "AT&T unescaped, guid as link", "https://example.com/p/1", null, 17L, "Jo Bloggs",
                "2024-04-09T23:05:00Z");
        assertItem(x.items().get(1), "GMT and no seconds", "https://example.com/p/3", null, null, "someone@example.com",
                "2024-05-01T12:30:00Z");
        assertEquals("https://example.com/p/4", x.items().get(2).url().toString());
        assertEquals(3, x.items().size());
        assertEquals(1, x.skipped());
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        final ExtractionException e = assertThrows(ExtractionException.class, () -> new FeedExtractor().extract(
                "<!DOCTYPE html><html><body>Moved</body></html>", BASE, FEED));
        assertEquals("source 'feed': the response is not an RSS or Atom feed: its root element is <html>",
                e.getMessage());
        final ExtractionException empty = assertThrows(ExtractionException.class,
                () -> new FeedExtractor().extract("", BASE, FEED));
        assertEquals("source 'feed': the response is not an RSS or Atom feed: it has no XML element",
                empty.getMessage());
    }

    @Test
    void anEmptyFeedIsNotAnError() throws ExtractionException {
        final String empty = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
        final Extraction x = new FeedExtractor().extract(empty, BASE, FEED);
        assertEquals(new Extraction(List.of(), Extraction.Tally.NONE, Extraction.Tally.NONE, List.of()), x);
    }
}
