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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Crawls one source: a polite fetch, then extraction. Never throws for anything a remote server
 * does; every failure becomes the outcome and message of the result. Remembers each source's
 * ETag / Last-Modified for the next conditional GET.
 */
final class SourceCrawler {
    private final Fetcher fetcher;
    private final Map<String, Validators> validators = new ConcurrentHashMap<>();

    SourceCrawler(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    CrawlResult crawl(SourceConfig source) {
        Instant started = Instant.now();
        FetchRequest request = FetchRequest.of(source.url())
                .withValidators(validators.getOrDefault(source.id(), Validators.NONE));
        for (Map.Entry<String, String> header : source.headers().entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        FetchResult fetched = fetcher.fetch(request);
        Outcome outcome = switch (fetched.outcome()) {
            case OK -> Outcome.OK;
            case NOT_MODIFIED -> Outcome.NOT_MODIFIED;
            case ROBOTS_DISALLOWED -> Outcome.ROBOTS_DISALLOWED;
            case HTTP_ERROR -> Outcome.HTTP_ERROR;
            case TIMEOUT -> Outcome.TIMEOUT;
            case REDIRECT_LOOP -> Outcome.REDIRECT_LOOP;
            case NETWORK_ERROR, CANCELLED -> Outcome.NETWORK_ERROR;
        };
        if (outcome != Outcome.OK) {
            return new CrawlResult(outcome, fetched.status(), fetched.message(), null, started, Instant.now());
        }
        try {
            Extraction extraction = Extractor.extractFor(source, fetched.text(), fetched.finalUrl());
            validators.put(source.id(), fetched.validators());
            List<String> notes = new ArrayList<>();
            if (fetched.truncated()) {
                notes.add(fetched.message());
            }
            if (extraction.skipped() > 0) {
                notes.add(extraction.skipped() + " items skipped"
                        + (extraction.warnings().isEmpty() ? "" : ": " + extraction.warnings().get(0)));
            }
            return new CrawlResult(Outcome.OK, fetched.status(), String.join("; ", notes), extraction.items(),
                    started, Instant.now());
        } catch (ExtractionException | RuntimeException e) {
            // A page we cannot read is the source's failure, never the crawler's.
            return new CrawlResult(Outcome.PARSE_ERROR, fetched.status(), String.valueOf(e.getMessage()), null,
                    started, Instant.now());
        }
    }
}
