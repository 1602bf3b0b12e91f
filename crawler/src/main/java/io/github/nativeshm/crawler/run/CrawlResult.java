/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.extract.ExtractedItem;
import io.github.nativeshm.crawler.fetch.FetchResult;
import io.github.nativeshm.crawler.model.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One crawl of one source.
 *
 * @param message  what went wrong, or notes such as skipped items; empty when there is nothing to say
 * @param items    the items found, or null when the crawl produced none to merge (failure, 304)
 * @param fetch    how the page was fetched
 * @param finished when the page was read
 */
record CrawlResult(Outcome outcome, String message, List<ExtractedItem> items, Fetch fetch, Instant finished) {

    /**
     * The fetch behind a crawl: what is kept of it once the page is read (not the page itself,
     * which a crawl of thousands of sources must not hold on to).
     *
     * @param due       when the source fell due
     * @param started   when the crawl began
     * @param queued    how long the fetch then waited for robots.txt and its host's turn
     * @param status    the last HTTP status, or 0
     * @param wireBytes body bytes received from the network
     * @param bodyBytes body bytes after decoding
     * @param hostDelay the host's delay in force: perHostDelay, or robots.txt's Crawl-delay
     */
    record Fetch(Instant due, Instant started, Duration queued, int status, long wireBytes, long bodyBytes,
                 Duration hostDelay) {

        static Fetch of(Instant due, Instant started, FetchResult result) {
            return new Fetch(due, started, result.queued(), result.status(), result.wireBytes(), result.body().length,
                    result.hostDelay());
        }
    }

    CrawlResult {
        message = message == null ? "" : message; // a fetch with nothing to say (304) gives none
    }

    Instant started() {
        return fetch.started();
    }

    int httpStatus() {
        return fetch.status();
    }

    Duration duration() {
        return Duration.between(fetch.started(), finished);
    }

    /** When the first request went out (or the fetch ended, when none did). */
    Instant firstRequest() {
        return fetch.started().plus(fetch.queued());
    }

    /** From falling due to sending the first request: the wait for the schedule's timer, robots.txt and the host's turn. */
    Duration late() {
        final Duration late = Duration.between(fetch.due(), firstRequest());
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** One line for logs and the events ring. */
    String summary() {
        final String counts = items == null ? "" : items.size() + " items";
        final String status = httpStatus() == 0 ? "" : "HTTP " + httpStatus();
        return String.join(", ", Stream.of(outcome.name(), status, counts, message, duration().toMillis() + " ms")
                .filter(part -> !part.isEmpty()).distinct().toList());
    }
}
