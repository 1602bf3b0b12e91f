/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import io.github.nativeshm.api.segment.ItemHistory;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.SourceHistory;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the api keeps in memory of the history database, so that decoding a snapshot never waits
 * for it: the stored state of every item in the segment (first seen, gone since, latest counts),
 * and the latest crawls of each source. The {@link HistoryRecorder} fills it from the database at
 * start and keeps it in step with what it writes; new crawls found while decoding queue here for it.
 */
@Singleton
public class HistoryMemory implements ItemHistory, SourceHistory {
    /** What the database holds of an item, as far as the recorder compares it; times as the API shows them. */
    record Known(String sourceId, String firstSeen, String lastSeen, @Nullable String goneSince, int rank,
                 @Nullable Long score, @Nullable Long comments) {
        static Known of(HistoryStore.ItemRow row) {
            return new Known(row.sourceId(), row.firstSeen().toString(), row.lastSeen().toString(),
                    row.goneSince() == null ? null : row.goneSince().toString(), row.rank(), row.score(), row.comments());
        }
    }

    private final Map<Long, Known> items = new ConcurrentHashMap<>();
    private final Map<String, Runs> sources = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<HistoryStore.Crawl> newCrawls = new ConcurrentLinkedQueue<>();

    @Override
    public ItemView remembered(ItemView item) {
        Known known = items.get(item.id());
        if (known == null) {
            return item;
        }
        String goneSince = item.gone() ? known.goneSince() : null;
        return known.firstSeen().equals(item.firstSeen()) && Objects.equals(goneSince, item.goneSince()) ? item
                : item.withTimes(known.firstSeen(), goneSince);
    }

    @Override
    public List<Run> record(SourceStatus status) {
        Runs runs = sources.computeIfAbsent(status.id(), id -> new Runs());
        synchronized (runs) {
            boolean fresh = runs.lastRunCount == null || runs.lastRunCount != status.runs();
            runs.lastRunCount = status.runs();
            if (fresh && status.runs() > 0 && status.lastFinishMillis() > 0) {
                Outcome outcome = Outcome.ofCode(status.outcome());
                String name = outcome == null ? "UNKNOWN" : outcome.name();
                Instant finished = Instant.ofEpochMilli(status.lastFinishMillis());
                runs.add(new Run(finished.toString(), status.durationMillis(), status.itemCount(), name));
                newCrawls.add(new HistoryStore.Crawl(status.id(), finished, status.durationMillis(), status.itemCount(),
                        name, status.httpStatus(), status.error().isEmpty() ? null : status.error()));
            }
            return List.copyOf(runs.latest);
        }
    }

    /** The latest runs of one source, and the run count of its status last recorded. */
    private static final class Runs {
        final Deque<Run> latest = new ArrayDeque<>();
        Long lastRunCount;
        boolean loaded;

        void add(Run run) {
            latest.addLast(run);
            if (latest.size() > LENGTH) {
                latest.removeFirst();
            }
        }
    }

    // ---- for the recorder ---------------------------------------------------------------------

    /** What the database holds of item {@code id}, or null if the recorder has not stored or loaded it. */
    Known known(long id) {
        return items.get(id);
    }

    /** Every item id the memory holds. */
    Collection<Long> knownIds() {
        return items.keySet();
    }

    void remember(long id, Known known) {
        items.put(id, known);
    }

    void forget(long id) {
        items.remove(id);
    }

    /** Takes the crawls found since the last call, oldest first. */
    List<HistoryStore.Crawl> takeNewCrawls() {
        List<HistoryStore.Crawl> taken = new ArrayList<>();
        for (HistoryStore.Crawl crawl = newCrawls.poll(); crawl != null; crawl = newCrawls.poll()) {
            taken.add(crawl);
        }
        return taken;
    }

    /** Those of {@code sourceIds} whose stored runs are not loaded yet. */
    List<String> unloadedSources(Collection<String> sourceIds) {
        return sourceIds.stream().filter(id -> !sources.computeIfAbsent(id, any -> new Runs()).loaded).toList();
    }

    /** Puts the stored runs (oldest first) before those recorded since the start. */
    void loadRuns(String sourceId, List<Run> stored) {
        Runs runs = sources.computeIfAbsent(sourceId, id -> new Runs());
        synchronized (runs) {
            List<Run> recorded = new ArrayList<>(runs.latest);
            runs.latest.clear();
            stored.stream().filter(run -> !recorded.contains(run)).forEach(runs::add);
            recorded.forEach(runs::add);
            runs.loaded = true;
        }
    }
}
