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
    default Extraction extract(String body, URI baseUrl, SourceConfig source) throws ExtractionException {
        return extract(body, baseUrl, source, null);
    }

    /**
     * Extracts as {@link #extract(String, URI, SourceConfig)} does, recording in {@code trace} what
     * every field of every candidate matched and what became of it.
     *
     * @param trace where to record, or null for none (the crawl's case, at no cost)
     * @throws ExtractionException when nothing sensible can be read from {@code body}
     */
    Extraction extract(String body, URI baseUrl, SourceConfig source, ExtractionTrace trace)
            throws ExtractionException;

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
        return forKind(source.kind()).extract(body, baseUrl, source, null);
    }

    /**
     * Extracts with the extractor for {@code source}'s kind, recording in {@code trace}.
     *
     * @see #extract(String, URI, SourceConfig, ExtractionTrace)
     */
    static Extraction extractFor(SourceConfig source, String body, URI baseUrl, ExtractionTrace trace)
            throws ExtractionException {
        return forKind(source.kind()).extract(body, baseUrl, source, trace);
    }
}
