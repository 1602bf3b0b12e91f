/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.extract.Extraction;
import io.github.nativeshm.crawler.extract.ExtractionException;
import io.github.nativeshm.crawler.extract.Extractor;
import io.github.nativeshm.crawler.fetch.FetchRequest;
import io.github.nativeshm.crawler.fetch.FetchResult;
import io.github.nativeshm.crawler.fetch.Fetcher;
import io.github.nativeshm.crawler.fetch.Validators;
import io.github.nativeshm.crawler.model.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Crawls one source: a polite fetch, then extraction. Never fails for anything a remote server
 * does; every failure becomes the outcome and message of the result. Remembers each source's
 * ETag / Last-Modified for the next conditional GET.
 */
final class SourceCrawler {
    private final Fetcher fetcher;
    private final Executor parsers;
    /** By source id, with the config they were fetched with: a crawl of an older config never lends them to a newer one. */
    private final Map<String, Remembered> validators = new ConcurrentHashMap<>();

    private record Remembered(SourceConfig source, Validators validators) {
    }

    /** @param parsers where pages are parsed: CPU work, kept off the fetcher's few threads */
    SourceCrawler(Fetcher fetcher, Executor parsers) {
        this.fetcher = fetcher;
        this.parsers = parsers;
    }

    /**
     * Crawls {@code source}, which fell due at {@code due}.
     *
     * @return the result, once the page is fetched and read
     */
    CompletableFuture<CrawlResult> crawl(SourceConfig source, Instant due) {
        final Instant started = Instant.now();
        FetchRequest request = FetchRequest.of(source.url())
                .withValidators(remembered(source));
        for (Map.Entry<String, String> header : source.headers().entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        return fetcher.fetchAsync(request).thenApplyAsync(fetched -> read(source, due, started, fetched), parsers);
    }

    /** Forgets what was remembered of source {@code id} (its validators): it changed or left. */
    void forget(String id) {
        validators.remove(id);
    }

    private Validators remembered(SourceConfig source) {
        final Remembered held = validators.get(source.id());
        return held != null && held.source().equals(source) ? held.validators() : Validators.NONE;
    }

    private CrawlResult read(SourceConfig source, Instant due, Instant started, FetchResult fetched) {
        final CrawlResult.Fetch fetch = CrawlResult.Fetch.of(due, started, fetched);
        final Outcome outcome = switch (fetched.outcome()) {
            case OK -> Outcome.OK;
            case NOT_MODIFIED -> Outcome.NOT_MODIFIED;
            case ROBOTS_DISALLOWED -> Outcome.ROBOTS_DISALLOWED;
            case HTTP_ERROR -> Outcome.HTTP_ERROR;
            case TIMEOUT -> Outcome.TIMEOUT;
            case REDIRECT_LOOP -> Outcome.REDIRECT_LOOP;
            case NETWORK_ERROR, CANCELLED -> Outcome.NETWORK_ERROR;
        };
        if (outcome != Outcome.OK) {
            return new CrawlResult(outcome, fetched.message(), null, fetch, Instant.now());
        }
        try {
            final Extraction extraction = Extractor.extractFor(source, fetched.text(), fetched.finalUrl());
            validators.put(source.id(), new Remembered(source, fetched.validators()));
            final List<String> notes = new ArrayList<>();
            if (fetched.truncated()) {
                notes.add(fetched.message());
            }
            final String extracted = extraction.summary(); // skipped items and unreadable dates, naming the field
            if (!extracted.isEmpty()) {
                notes.add(extracted);
            }
            return new CrawlResult(Outcome.OK, String.join("; ", notes), extraction.items(), fetch, Instant.now());
        } catch (ExtractionException | RuntimeException e) {
            // A page we cannot read is the source's failure, never the crawler's.
            return new CrawlResult(Outcome.PARSE_ERROR, String.valueOf(e.getMessage()), null, fetch, Instant.now());
        }
    }
}
