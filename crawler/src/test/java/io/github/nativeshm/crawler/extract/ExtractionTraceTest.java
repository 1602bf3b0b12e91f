/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static io.github.nativeshm.crawler.extract.Fixtures.defaultSource;
import static io.github.nativeshm.crawler.extract.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A trace changes nothing in what is extracted, and records where each value came from. */
class ExtractionTraceTest {
    @ParameterizedTest
    @CsvSource({
        "hn, hn-front-2024.html, https://news.ycombinator.com/",
        "github-trending, github-trending-2025.html, https://github.com/trending",
        "lobsters, lobsters.rss, https://lobste.rs/rss",
        "v2ex-hot, v2ex-hot.json, https://www.v2ex.com/api/topics/hot.json"})
    void tracingGivesTheSameExtraction(String id, String fixture, String url) throws ExtractionException {
        final SourceConfig source = defaultSource(id);
        final Extraction plain = Extractor.extractFor(source, read(fixture), URI.create(url));
        final ExtractionTrace trace = new ExtractionTrace();
        final Extraction traced = Extractor.extractFor(source, read(fixture), URI.create(url), trace);
        assertEquals(plain, traced);
        final List<ExtractionTrace.Candidate> kept = trace.candidates().stream()
                .filter(c -> c.skipped() == null).toList();
        assertEquals(plain.items().size(), kept.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(plain.items().get(i).title(), kept.get(i).fields().get("title").text());
            assertEquals(plain.items().get(i).url(), kept.get(i).url());
        }
    }

    @Test
    void hackerNewsFieldsComeFromTheItemOrItsDetailRow() throws ExtractionException {
        final ExtractionTrace trace = new ExtractionTrace();
        Extractor.extractFor(defaultSource("hn"), read("hn-front-2024.html"), URI.create("https://news.ycombinator.com/"),
                trace);
        final ExtractionTrace.Candidate first = trace.candidates().get(0);
        assertEquals(1, first.index());
        assertNull(first.skipped());
        final ExtractionTrace.Field score = first.fields().get("score");
        assertEquals(true, score.selector().endsWith("(in the detail element)"), score.selector());
        assertEquals(score.text(), String.valueOf(Numbers.count(score.raw())));
    }
}
