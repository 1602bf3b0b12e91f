package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.micronaut.core.annotation.Introspected;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest crawls of each source that this api process has seen: the segment holds only the
 * latest, so the history is gathered here, one entry per finished run.
 */
final class SourceHistory {
    static final int LENGTH = 30;

    /** One finished crawl. */
    @Introspected
    public record Run(String finished, long durationMillis, int itemCount, String outcome) {
    }

    private final Map<String, Deque<Run>> runs = new HashMap<>();
    private final Map<String, Long> lastRunCount = new HashMap<>();

    /** Adds the status's latest crawl if it is new, and returns the source's history. */
    synchronized List<Run> record(SourceStatus status) {
        Deque<Run> history = runs.computeIfAbsent(status.id(), id -> new ArrayDeque<>());
        Long seen = lastRunCount.put(status.id(), status.runs());
        if (status.runs() > 0 && status.lastFinishMillis() > 0 && (seen == null || seen != status.runs())) {
            Outcome outcome = Outcome.ofCode(status.outcome());
            history.addLast(new Run(Times.iso(status.lastFinishMillis()), status.durationMillis(), status.itemCount(),
                    outcome == null ? "UNKNOWN" : outcome.name()));
            if (history.size() > LENGTH) {
                history.removeFirst();
            }
        }
        return List.copyOf(history);
    }
}
