/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceKind;
import java.net.URI;

/**
 * Reads items out of a fetched response body, following a source's configuration.
 * Implementations are stateless and thread-safe.
 */
public interface Extractor {
    /**
     * @param body    the response body, already decoded to text
     * @param baseUrl the URL the body was fetched from (after redirects); relative links resolve against it
     * @param source  the source's configuration; its kind must match this extractor
     * @return the items, the number of candidates skipped, and warnings
     * @throws ExtractionException when nothing sensible can be read from {@code body}
     */
    Extraction extract(String body, URI baseUrl, SourceConfig source) throws ExtractionException;

    /**
     * @param kind a source kind
     * @return the extractor for that kind
     */
    static Extractor forKind(SourceKind kind) {
        return switch (kind) {
            case HTML -> HtmlExtractor.INSTANCE;
            case RSS -> FeedExtractor.INSTANCE;
            case JSON -> JsonExtractor.INSTANCE;
        };
    }

    /**
     * Extracts with the extractor for {@code source}'s kind.
     *
     * @see #extract(String, URI, SourceConfig)
     */
    static Extraction extractFor(SourceConfig source, String body, URI baseUrl) throws ExtractionException {
        return forKind(source.kind()).extract(body, baseUrl, source);
    }
}
