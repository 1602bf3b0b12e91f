/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Fixture pages, sources and item assertions shared by the extractor tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** @return the text of {@code src/test/resources/extract/<name>} */
    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the shipped default config's source with this id */
    static SourceConfig defaultSource(String id) {
        return CrawlerConfig.defaults().source(id).orElseThrow();
    }

    /** @return the one source of a config holding just {@code sourceYaml}, a list entry indented by two */
    static SourceConfig source(String sourceYaml) {
        try {
            return CrawlerConfig.parse("sources:\n" + sourceYaml.indent(2), "test.yaml").sources().get(0);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static void assertItem(ExtractedItem item, String title, String url, Long score, Long comments, String author,
            String published) {
        assertAll(item.title(),
                () -> assertEquals(title, item.title(), "title"),
                () -> assertEquals(URI.create(url), item.url(), "url"),
                () -> assertEquals(score, item.score(), "score"),
                () -> assertEquals(comments, item.comments(), "comments"),
                () -> assertEquals(author, item.author(), "author"),
                () -> assertEquals(published == null ? null : Instant.parse(published), item.published(), "published"));
    }
}
