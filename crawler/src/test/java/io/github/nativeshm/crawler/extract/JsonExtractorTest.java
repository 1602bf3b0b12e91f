/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static io.github.nativeshm.crawler.extract.Fixtures.assertItem;
import static io.github.nativeshm.crawler.extract.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonExtractorTest {
    private static final URI BASE = URI.create("https://forum.example/api/top.json");
    private static final SourceConfig NESTED = source("""
            - id: api
              kind: json
              url: https://forum.example/api/top.json
              schedule: 1h
              maxItems: 3
              pointers:
                items: /data/children
                title: /data/title
                link: /data/permalink
                score: /data/ups
                comments: /data/num_comments
                author: /data/author
                time: /data/created
            """);

    @Test
    void nestedItemsWithMixedValueTypes() throws ExtractionException {
        final String body = """
                {"kind": "Listing", "data": {"children": [
                  {"data": {"title": "Numbers as text", "permalink": "/r/x/comments/a1/numbers/", "ups": "1.2k",
                            "num_comments": "34 comments", "author": "ann", "created": "2024-05-01T10:00:00+02:00"}},
                  {"data": {"title": 2024, "permalink": "https://other.example/b", "ups": 7, "num_comments": 0,
                            "author": null, "created": 1714550000123}},
                  {"data": {"title": {"text": "not a string"}, "permalink": "/c"}},
                  {"data": {"title": "Duplicate link", "permalink": "/r/x/comments/a1/numbers/"}},
                  {"data": {"title": "Fourth kept", "permalink": "/d", "created": "yesterday"}},
                  {"data": {"title": "Beyond maxItems", "permalink": "/e"}}
                ]}}""";
        final Extraction x = new JsonExtractor().extract(body, BASE, NESTED);
        assertEquals(3, x.items().size());
        assertItem(x.items().get(0), "Numbers as text", "https://forum.example/r/x/comments/a1/numbers/",
                1200L, 34L, "ann", "2024-05-01T08:00:00Z");
        assertItem(x.items().get(1), "2024", "https://other.example/b", 7L, 0L, null, "2024-05-01T07:53:20.123Z");
        assertItem(x.items().get(2), "Fourth kept", "https://forum.example/d", null, null, null, null);
        assertEquals(1, x.skipped());
        assertEquals(List.of("item 3: field 'title' is empty or missing",
                "item 5: field 'time': 'yesterday' is not a date this crawler reads; set timeFormat",
                "1 item(s) repeating an earlier item's link were dropped"), x.warnings());
    }

    @Test
    void unixSecondsWithAFractionAsNumberOrText() throws ExtractionException {
        final String body = """
                {"data": {"children": [
                  {"data": {"title": "Reddit's created_utc", "permalink": "/a", "created": 1671811200.0}},
                  {"data": {"title": "Half a second later", "permalink": "/b", "created": 1671811200.5}},
                  {"data": {"title": "As text", "permalink": "/c", "created": "1671811200.5"}}
                ]}}""";
        final Extraction x = new JsonExtractor().extract(body, BASE, NESTED);
        assertEquals(List.of(Instant.parse("2022-12-23T16:00:00Z"), Instant.parse("2022-12-23T16:00:00.5Z"),
                Instant.parse("2022-12-23T16:00:00.5Z")), x.items().stream().map(ExtractedItem::published).toList());
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void aSkippedItemIsBlamedOnItsTitleNotOnItsTime() throws ExtractionException {
        final String body = """
                {"data": {"children": [
                  {"data": {"permalink": "/a", "ups": "lots", "created": "yesterday-ish"}}
                ]}}""";
        final Extraction x = new JsonExtractor().extract(body, BASE, NESTED);
        assertEquals(List.of("item 1: field 'title' is empty or missing"), x.warnings());
        assertEquals(Extraction.Tally.NONE, x.unreadableDates());
        assertEquals("1 item skipped: item 1: field 'title' is empty or missing", x.summary());
    }

    @Test
    void unparsableJsonIsAnError() {
        final ExtractionException e = assertThrows(ExtractionException.class,
                () -> new JsonExtractor().extract("<html>Service Unavailable</html>", BASE, NESTED));
        assertEquals("source 'api': the response is not valid JSON (line 1, column 1): Unexpected character ('<' "
                + "(code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' "
                + "or 'false')", e.getMessage());
        assertEquals("source 'api': the response is empty, not JSON",
                assertThrows(ExtractionException.class, () -> new JsonExtractor().extract("", BASE, NESTED))
                        .getMessage());
    }

    @Test
    void anItemsPointerThatReachesNoArrayIsAnError() {
        assertEquals("source 'api': the items pointer '/data/children' reaches an object in the response; "
                        + "it must reach an array",
                assertThrows(ExtractionException.class, () -> new JsonExtractor().extract(
                        "{\"data\": {\"children\": {}}}", BASE, NESTED)).getMessage());
        assertEquals("source 'api': the items pointer '/data/children' reaches nothing in the response; "
                        + "it must reach an array",
                assertThrows(ExtractionException.class, () -> new JsonExtractor().extract(
                        "{\"error\": 403}", BASE, NESTED)).getMessage());
    }
}
