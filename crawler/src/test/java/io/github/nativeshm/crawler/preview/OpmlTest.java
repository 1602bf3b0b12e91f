/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceDrafts;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPML import and export, and the parser's refusal of DTDs and external entities. */
class OpmlTest {
    private static final String OPML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>Subscriptions</title></head>
              <body>
                <outline text="Tech">
                  <outline type="rss" text="Hacker News" xmlUrl="https://news.ycombinator.com/rss"
                           htmlUrl="https://news.ycombinator.com/"/>
                  <outline type="rss" text="LWN" title="LWN.net" xmlUrl="https://lwn.net/headlines/rss"
                           category="/Linux/Kernel,Open source"/>
                  <outline type="rss" text="Another HN" title="Hacker News" xmlUrl="https://hnrss.org/frontpage"/>
                </outline>
                <outline text="新闻 &amp; 世界">
                  <outline type="rss" text="中文新闻" xmlUrl="http://www.example.cn/feed.xml"/>
                </outline>
                <outline type="link" text="Just a page" url="https://example.org/"/>
                <outline type="rss" text="Bad" xmlUrl="ftp://example.org/feed"/>
              </body>
            </opml>
            """;

    @Test
    void importsFeedsWithIdsNamesAndTagsAndSaysWhatItSkipped() {
        final Opml.Import result = Opml.importOpml(OPML, Set.of("lwn-net"));
        assertEquals(List.of(
                Map.of("id", "hacker-news", "name", "Hacker News", "kind", "rss",
                        "url", "https://news.ycombinator.com/rss", "schedule", "30m", "tags", List.of("Tech")),
                Map.of("id", "lwn-net-2", "name", "LWN.net", "kind", "rss", "url", "https://lwn.net/headlines/rss",
                        "schedule", "30m", "tags", List.of("Tech", "Linux", "Kernel", "Open source")),
                Map.of("id", "hacker-news-2", "name", "Hacker News", "kind", "rss",
                        "url", "https://hnrss.org/frontpage", "schedule", "30m", "tags", List.of("Tech")),
                Map.of("id", "example-cn", "name", "中文新闻", "kind", "rss", "url", "http://www.example.cn/feed.xml",
                        "schedule", "30m", "tags", List.of("新闻 世界"))), result.sources());
        assertEquals(List.of(
                new Opml.Skipped("Just a page", null, "no xmlUrl: not a feed"),
                new Opml.Skipped("Bad", "ftp://example.org/feed", "xmlUrl is not an absolute http or https URL")),
                result.skipped());
    }

    @Test
    void everyImportedDraftIsAValidSource() throws ConfigException {
        for (Map<String, Object> draft : Opml.importOpml(OPML).sources()) {
            SourceDrafts.read(draft, FetchSettings.defaults());
        }
        final String longTitle = "A very long title of a feed that goes on and on — über alles";
        final String opml = "<opml version='1.0'><body><outline text='" + longTitle + "' xmlUrl='https://a.example/f'"
                + " category='" + "x".repeat(40) + ",a,b,c,d,e,f,g,h,i'/><outline text='" + longTitle
                + "' xmlUrl='https://b.example/f'/></body></opml>";
        final List<Map<String, Object>> drafts = Opml.importOpml(opml).sources();
        assertEquals("a-very-long-title-of-a-feed-tha", drafts.get(0).get("id"));
        assertEquals("a-very-long-title-of-a-feed-t-2", drafts.get(1).get("id"));
        assertEquals(SourceConfig.MAX_TAGS, ((List<?>) drafts.get(0).get("tags")).size());
        for (Map<String, Object> draft : drafts) {
            SourceDrafts.read(draft, FetchSettings.defaults());
        }
    }

    @Test
    void roundTripGivesTheSameSources() throws ConfigException {
        final List<SourceConfig> sources = new ArrayList<>();
        for (Map<String, Object> draft : Opml.importOpml(OPML).sources()) {
            sources.add(SourceDrafts.read(draft, FetchSettings.defaults()));
        }
        final String exported = Opml.exportOpml(sources);
        assertTrue(exported.contains("category=\"Tech,Linux,Kernel,Open source\""), exported);
        assertEquals(Opml.importOpml(OPML).sources(), Opml.importOpml(exported).sources());
    }

    @Test
    void exportLeavesOutSourcesThatAreNotFeeds() throws ConfigException {
        final SourceConfig html = SourceDrafts.read(Map.of("id", "h", "kind", "html", "url", "https://example.org/",
                "schedule", "1h", "selectors", Map.of("item", "li", "title", "a", "link", "a")), FetchSettings.defaults());
        final SourceConfig rss = SourceDrafts.read(Map.of("id", "r", "name", "Feed <&> \"quoted\"", "kind", "rss",
                "url", "https://example.org/feed?a=1&b=2", "schedule", "1h"), FetchSettings.defaults());
        final String exported = Opml.exportOpml(List.of(html, rss));
        assertFalse(exported.contains("https://example.org/\""), exported);
        final Opml.Import back = Opml.importOpml(exported);
        assertEquals(1, back.sources().size());
        assertEquals("Feed <&> \"quoted\"", back.sources().get(0).get("name"));
        assertEquals("https://example.org/feed?a=1&b=2", back.sources().get(0).get("url"));
    }

    @Test
    void externalEntitiesAndDtdsAreRefused(@TempDir Path dir) throws Exception {
        final Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        try {
            final String host = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String xxe : List.of(
                    "<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>"
                            + "<opml version='2.0'><body><outline text='&x;' xmlUrl='https://e.org/f'/></body></opml>",
                    "<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY % p SYSTEM '" + host + "/evil.dtd'> %p;]>"
                            + "<opml version='2.0'><body/></opml>",
                    "<?xml version='1.0'?><!DOCTYPE opml SYSTEM '" + host + "/opml.dtd'>"
                            + "<opml version='2.0'><body/></opml>",
                    "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
                            + "<opml version='2.0'><body><outline text='&b;' xmlUrl='https://e.org/f'/></body></opml>")) {
                final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Opml.importOpml(xxe));
                assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
                assertFalse(e.getMessage().contains("TOP-SECRET"));
            }
            assertEquals(0, requests.get(), "nothing was fetched");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void notOpmlIsRefusedWithAReason() {
        assertEquals("not OPML: the root element is <rss>, not <opml>",
                assertThrows(IllegalArgumentException.class, () -> Opml.importOpml("<rss/>")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Opml.importOpml("<opml><body>"))
                .getMessage().startsWith("not an OPML document: "));
    }
}
