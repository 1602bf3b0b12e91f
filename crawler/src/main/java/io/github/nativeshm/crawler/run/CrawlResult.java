package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.extract.ExtractedItem;
import io.github.nativeshm.crawler.model.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One crawl of one source.
 *
 * @param items   the items found, or null when the crawl produced none to merge (failure, 304)
 * @param message what went wrong, or notes such as skipped items; empty when there is nothing to say
 */
record CrawlResult(Outcome outcome, int httpStatus, String message, List<ExtractedItem> items,
                   Instant started, Instant finished) {

    CrawlResult {
        message = message == null ? "" : message; // a fetch with nothing to say (304) gives none
    }

    Duration duration() {
        return Duration.between(started, finished);
    }

    /** One line for logs and the events ring. */
    String summary() {
        String counts = items == null ? "" : items.size() + " items";
        String status = httpStatus == 0 ? "" : "HTTP " + httpStatus;
        return String.join(", ", java.util.stream.Stream.of(outcome.name(), status, counts, message,
                duration().toMillis() + " ms").filter(part -> !part.isEmpty()).distinct().toList());
    }
}
