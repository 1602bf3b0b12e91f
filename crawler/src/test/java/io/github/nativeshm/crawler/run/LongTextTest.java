/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.testing.TestSegment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long text through the whole path: a page on a local server, extraction, the segment, and a
 * second mapping reading it back as the api does.
 */
class LongTextTest {
    private static final String CJK = "中文維基百科漢字標題測試";

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("longtext");
    private final String segmentName = testSegment.name();

    @Test
    void longUrlsAndCjkTitlesRoundTripWholeAndTooLongOnesAreCutOrSkipped() throws Exception {
        final String longUrl = percentEncodedUrl(2500);
        final String title300 = cjk(300);
        final String title400 = cjk(400);
        final String emojiTitle = "xxx" + "😀".repeat(300); // 3 + 1,200 bytes: a cut inside a pair would be easy
        final String hugeUrl = "https://example.org/" + "a".repeat(4980);
        assertEquals(2500, longUrl.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(5000, hugeUrl.getBytes(StandardCharsets.UTF_8).length);
        final String json = new ObjectMapper().writeValueAsString(List.of(
                Map.of("title", title300, "url", longUrl, "score", 1),
                Map.of("title", title400, "url", "https://example.org/400", "score", 2),
                Map.of("title", emojiTitle, "url", "https://example.org/emoji", "score", 3),
                Map.of("title", "Too long a link", "url", hugeUrl, "score", 4)));

        try (PageServer server = new PageServer(json)) {
            final CrawlerConfig config = CrawlerConfig.parse(server.config("1h"), "long.yaml");
            try (Crawler crawler = new Crawler(config, segmentName, "long.yaml",
                    new CrawlerLog(new PrintStream(new ByteArrayOutputStream()), CrawlerLog.Level.DEBUG))) {
                final List<Crawler.SourceRun> runs = crawler.runOnce(List.of(), false);
                assertEquals(Outcome.OK, runs.get(0).outcome(), runs.get(0).summary());
                assertTrue(runs.get(0).summary().contains("1 item skipped: item 4: its URL is 5000 bytes, more than 4096"),
                        runs.get(0).summary());
            }
        }

        try (StructuredSegment segment = StructuredSegment.open(segmentName)) {
            final List<Item> items = items(segment);
            assertEquals(3, items.size(), "the item with the 5,000-byte URL is not published: " + items);

            final Item whole = items.get(0);
            assertEquals(longUrl, whole.url(), "the 2,500-byte URL comes back whole");
            assertEquals(title300, whole.title(), "300 CJK characters (900 bytes) come back whole");
            assertFalse(whole.titleCut());

            final Item cjkCut = items.get(1);
            assertEquals(title400.substring(0, 341), cjkCut.title(), "1,023 bytes: the 342nd character would not fit");
            assertTrue(cjkCut.titleCut());

            final Item emojiCut = items.get(2);
            assertEquals("xxx" + "😀".repeat(255), emojiCut.title(), "cut between two pairs, never inside one");
            assertTrue(emojiCut.titleCut());

            final SourceStatus status = segment.array(CrawlerSegment.SOURCES, SourceStatus.class).read(0);
            assertEquals("1 item skipped: item 4: its URL is 5000 bytes, more than 4096", status.error());
            assertEquals(3, status.itemCount());
            assertEquals("points", status.scoreUnit());
        }
    }

    /** An https URL of exactly {@code bytes} bytes whose path is percent-encoded CJK, as Wikipedia's are. */
    private static String percentEncodedUrl(int bytes) {
        final StringBuilder url = new StringBuilder("https://zh.wikipedia.org/wiki/");
        for (int i = 0; url.length() + 9 <= bytes; i++) { // each CJK character is three %XX escapes
            url.append(URLEncoder.encode(CJK.substring(i % CJK.length(), i % CJK.length() + 1), StandardCharsets.UTF_8));
        }
        return url.append("a".repeat(bytes - url.length())).toString();
    }

    private static String cjk(int characters) {
        final StringBuilder title = new StringBuilder();
        for (int i = 0; i < characters; i++) {
            title.append(CJK.charAt(i % CJK.length()));
        }
        return title.toString();
    }

    private static List<Item> items(StructuredSegment segment) {
        final SharedArray<Item> array = segment.array(CrawlerSegment.ITEMS, Item.class);
        final List<Item> items = new ArrayList<>();
        for (int slot = 0; slot < array.capacity(); slot++) {
            final Item item = array.read(slot);
            if (item != null && !item.gone()) {
                items.add(item);
            }
        }
        items.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
        return items;
    }
}
