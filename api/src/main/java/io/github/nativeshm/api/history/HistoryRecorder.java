/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import io.github.nativeshm.api.ops.Problem;
import io.github.nativeshm.api.ops.ProblemSource;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.api.segment.Snapshot;
import io.github.nativeshm.api.segment.SourceView;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what the crawler publishes into the history database, on one background thread: every
 * quarter second it takes the current {@link Snapshot} (cheap when nothing changed), compares its
 * items with what {@link HistoryMemory} says is stored, and writes the differences and the new
 * crawls in one transaction. HTTP threads and the event hub never wait for it. While the database
 * cannot be reached it keeps retrying (backing off to 30 s) and {@link #problem()} says why; the
 * changes of that time are compared as a whole when it is back (counts in between are not kept).
 */
@Context
public class HistoryRecorder implements ProblemSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final CrawlerData data;
    private final HistoryMemory memory;
    private final HistoryStore store;
    private final HistorySettings.Retention retention;
    private final Thread thread;
    private final AtomicLong rowsWritten = new AtomicLong();
    private volatile String problem;
    private volatile boolean closed;
    private volatile boolean ready;

    public HistoryRecorder(CrawlerData data, HistoryMemory memory, HistoryStore store, HistorySettings.Retention retention) {
        this.data = data;
        this.memory = memory;
        this.store = store;
        this.retention = retention;
        this.thread = new Thread(this::run, "history-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Why the history database cannot be used right now (one sentence), or empty while it works. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The database problem, for {@code GET /api/status} and {@code /health}. */
    @Override
    public List<Problem> problems() {
        String now = problem;
        return now == null ? List.of() : List.of(Problem.of(Problem.DATABASE, now));
    }

    /** Whether the schema is migrated and the stored items are loaded (the history is being kept). */
    public boolean isReady() {
        return ready;
    }

    /** Rows written since the start (items inserted or updated, points, crawls). */
    public long rowsWritten() {
        return rowsWritten.get();
    }

    private void run() {
        Snapshot last = null;
        List<HistoryStore.Crawl> crawls = new ArrayList<>();
        long nextRetention = 0;
        Duration backoff = POLL;
        while (!closed) {
            try {
                if (!ready) {
                    start();
                }
                Snapshot snapshot = currentSnapshot();
                crawls.addAll(memory.takeNewCrawls());
                if (snapshot != null) {
                    loadRuns(snapshot);
                }
                if ((snapshot != null && snapshot != last) || !crawls.isEmpty()) {
                    round(snapshot, crawls);
                    crawls.clear();
                    last = snapshot;
                }
                if (System.nanoTime() - nextRetention >= 0) {
                    enforceRetention();
                    nextRetention = System.nanoTime() + retention.getRetentionCheck().toNanos();
                }
                if (problem != null) {
                    LOG.info("history: {} can be used again", store.database().description());
                    problem = null;
                }
                backoff = POLL;
                sleep(POLL);
            } catch (SQLException | RuntimeException e) {
                String now = store.database().description() + " cannot be used: " + message(e);
                if (!now.equals(problem)) {
                    LOG.warn("history: {}; retrying", now);
                }
                problem = now;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        crawls.addAll(memory.takeNewCrawls()); // shown already: keep them for the charts after the restart
        if (ready && !crawls.isEmpty()) {
            try {
                round(null, crawls);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("history: {} crawls could not be written at the stop: {}", crawls.size(), message(e));
            }
        }
    }

    /** Migrates the schema and loads what is stored of the items not gone. */
    private void start() throws SQLException {
        store.database().migrate();
        try (Connection connection = store.database().connection()) {
            for (HistoryStore.ItemRow row : store.live(connection)) {
                memory.remember(row.id(), HistoryMemory.Known.of(row));
            }
        }
        ready = true;
        data.rememberedChanged();
    }

    private @Nullable Snapshot currentSnapshot() {
        try {
            return data.snapshot();
        } catch (SegmentUnavailableException e) {
            return null; // nothing published (yet): nothing to record
        }
    }

    private void loadRuns(Snapshot snapshot) throws SQLException {
        List<String> unloaded = memory.unloadedSources(snapshot.sources().stream().map(SourceView::id).toList());
        if (!unloaded.isEmpty()) {
            try (Connection connection = store.database().connection()) {
                store.latestRuns(connection, unloaded).forEach(memory::loadRuns);
            }
            data.rememberedChanged();
        }
    }

    /** Compares {@code snapshot} (may be null) with the memory and writes the differences and {@code crawls}. */
    private void round(@Nullable Snapshot snapshot, List<HistoryStore.Crawl> crawls) throws SQLException {
        Instant now = Instant.now();
        List<HistoryStore.ItemRow> inserts = new ArrayList<>();
        List<HistoryStore.ItemRow> updates = new ArrayList<>();
        List<HistoryStore.Point> points = new ArrayList<>();
        Map<Long, HistoryMemory.Known> remember = new HashMap<>();
        Set<Long> forget = new HashSet<>();
        Map<Long, ItemView> unknown = new HashMap<>();
        boolean shownTimesChange = false;
        try (Connection connection = store.database().connection()) {
            if (snapshot != null) {
                Set<Long> present = new HashSet<>();
                for (ItemView item : snapshot.items()) {
                    present.add(item.id());
                    HistoryMemory.Known known = memory.known(item.id());
                    if (known == null) {
                        unknown.put(item.id(), item);
                    } else {
                        Change change = compare(item, known, now);
                        if (change != null) {
                            updates.add(change.row());
                            change.point().ifPresent(points::add);
                            remember.put(item.id(), HistoryMemory.Known.of(change.row()));
                            shownTimesChange |= change.shownTimesChange();
                        }
                    }
                }
                markMissingGone(connection, snapshot, present, now, updates, remember, forget);
                Map<Long, HistoryStore.ItemRow> stored = unknown.isEmpty() ? Map.of() : store.find(connection, unknown.keySet());
                for (ItemView item : unknown.values()) {
                    HistoryStore.ItemRow row = stored.get(item.id());
                    Change change = row == null ? firstSight(item, now) : compare(item, row, now);
                    (row == null ? inserts : updates).add(change.row());
                    change.point().ifPresent(points::add);
                    remember.put(item.id(), HistoryMemory.Known.of(change.row()));
                    shownTimesChange |= change.shownTimesChange();
                }
            }
            HistoryStore.Batch batch = new HistoryStore.Batch(inserts, updates, points, List.copyOf(crawls));
            if (!batch.isEmpty()) {
                store.write(connection, batch);
                rowsWritten.addAndGet(batch.size());
            }
        }
        remember.forEach(memory::remember);
        forget.forEach(memory::forget);
        if (shownTimesChange) {
            data.rememberedChanged();
        }
    }

    /**
     * Items the memory holds that the snapshot no longer has: gone if their source has been crawled
     * by this crawler (or is no longer among its sources), else left alone (the crawler has just
     * started, or has not listed its sources yet).
     */
    private void markMissingGone(Connection connection, Snapshot snapshot, Set<Long> present, Instant now,
                                 List<HistoryStore.ItemRow> updates, Map<Long, HistoryMemory.Known> remember,
                                 Set<Long> forget) throws SQLException {
        if (snapshot.sources().isEmpty()) {
            return;
        }
        Map<String, Boolean> crawled = new HashMap<>();
        snapshot.sources().forEach(source -> crawled.put(source.id(), source.runs() > 0));
        List<Long> missing = new ArrayList<>();
        for (Long id : memory.knownIds()) {
            HistoryMemory.Known known = memory.known(id);
            if (known != null && !present.contains(id) && crawled.getOrDefault(known.sourceId(), true)) {
                if (known.goneSince() == null) {
                    missing.add(id);
                }
                forget.add(id);
            }
        }
        for (HistoryStore.ItemRow row : missing.isEmpty() ? List.<HistoryStore.ItemRow>of()
                : store.find(connection, missing).values()) {
            if (row.goneSince() == null) {
                updates.add(withGoneSince(row, now));
            }
        }
        remember.keySet().removeAll(forget);
    }

    /** An update of the stored row, the point if the counts changed, and whether the shown times change. */
    private record Change(HistoryStore.ItemRow row, Optional<HistoryStore.Point> point, boolean shownTimesChange) {
    }

    private static Change firstSight(ItemView item, Instant now) {
        Instant firstSeen = item.firstSeen() == null ? now : Instant.parse(item.firstSeen());
        HistoryStore.ItemRow row = row(item, firstSeen, item.gone() ? now : null, item.rank(), item.score(), item.comments(), now);
        return new Change(row, item.gone() ? Optional.empty() : Optional.of(point(row)), false);
    }

    /** {@code item} against its stored row (after a restart, or coming back after it was gone). */
    private static Change compare(ItemView item, HistoryStore.ItemRow stored, Instant now) {
        Instant shown = item.firstSeen() == null ? now : Instant.parse(item.firstSeen());
        Instant firstSeen = shown.isBefore(stored.firstSeen()) ? shown : stored.firstSeen();
        return change(item, firstSeen, stored.goneSince(), stored.rank(), stored.score(), stored.comments(), now, true);
    }

    /** {@code item} against what the memory holds; null if nothing to write. */
    private static Change compare(ItemView item, HistoryMemory.Known known, Instant now) {
        boolean seenAgain = !Objects.equals(item.lastSeen(), known.lastSeen());
        boolean goneChanged = item.gone() != (known.goneSince() != null);
        boolean countsChanged = !item.gone() && (item.rank() != known.rank() || !Objects.equals(item.score(), known.score())
                || !Objects.equals(item.comments(), known.comments()));
        if (!seenAgain && !goneChanged && !countsChanged) {
            return null;
        }
        Instant goneSince = known.goneSince() == null ? null : Instant.parse(known.goneSince());
        return change(item, Instant.parse(known.firstSeen()), goneSince, known.rank(), known.score(), known.comments(), now,
                !known.firstSeen().equals(item.firstSeen()));
    }

    private static Change change(ItemView item, Instant firstSeen, @Nullable Instant storedGoneSince, int storedRank,
                                 @Nullable Long storedScore, @Nullable Long storedComments, Instant now,
                                 boolean firstSeenShownDiffers) {
        Instant goneSince = !item.gone() ? null : storedGoneSince != null ? storedGoneSince : now;
        // a gone item has no rank: it keeps its last one, and its counts as last stored
        HistoryStore.ItemRow row = item.gone()
                ? row(item, firstSeen, goneSince, storedRank, storedScore, storedComments, now)
                : row(item, firstSeen, null, item.rank(), item.score(), item.comments(), now);
        boolean countsChanged = !item.gone() && (item.rank() != storedRank || !Objects.equals(item.score(), storedScore)
                || !Objects.equals(item.comments(), storedComments));
        String shownGoneSince = goneSince == null ? null : goneSince.toString();
        boolean shownTimesChange = firstSeenShownDiffers || !Objects.equals(shownGoneSince, item.goneSince());
        boolean back = !item.gone() && storedGoneSince != null; // on its page again: its counts start anew
        return new Change(row, countsChanged || back ? Optional.of(point(row)) : Optional.empty(), shownTimesChange);
    }

    private static HistoryStore.ItemRow row(ItemView item, Instant firstSeen, @Nullable Instant goneSince, int rank,
                                            @Nullable Long score, @Nullable Long comments, Instant now) {
        return new HistoryStore.ItemRow(item.id(), item.source(), item.title(), item.titleCut(), item.url(), item.author(),
                item.published() == null ? null : Instant.parse(item.published()), firstSeen,
                item.lastSeen() == null ? now : Instant.parse(item.lastSeen()), goneSince, rank, score, comments);
    }

    private static HistoryStore.ItemRow withGoneSince(HistoryStore.ItemRow row, Instant goneSince) {
        return new HistoryStore.ItemRow(row.id(), row.sourceId(), row.title(), row.titleCut(), row.url(), row.author(),
                row.published(), row.firstSeen(), row.lastSeen(), goneSince, row.rank(), row.score(), row.comments());
    }

    private static HistoryStore.Point point(HistoryStore.ItemRow row) {
        return new HistoryStore.Point(row.id(), row.lastSeen(), row.rank(), row.score(), row.comments());
    }

    /** Deletes what is older than the retention, and forgets the deleted items. */
    private void enforceRetention() throws SQLException {
        Instant cutoff = Instant.now().minus(retention.getRetention());
        HistoryStore.Deleted deleted = store.deleteBefore(cutoff);
        if (deleted.items() > 0) {
            for (Long id : memory.knownIds()) {
                HistoryMemory.Known known = memory.known(id);
                if (known != null && Instant.parse(known.lastSeen()).isBefore(cutoff)) {
                    memory.forget(id);
                }
            }
        }
        if (deleted.items() + deleted.points() + deleted.crawls() > 0) {
            LOG.info("history: deleted {} items, {} points and {} crawls older than {}", deleted.items(),
                    deleted.points(), deleted.crawls(), retention.getRetention());
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.toString() : root.getMessage();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    /** Waits, unless {@link #close()} wakes it: never interrupted, as an interrupt closes H2's file. */
    private synchronized void sleep(Duration duration) {
        if (closed) {
            return;
        }
        try {
            wait(duration.toMillis());
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Stops after the round under way, so that it is written whole. */
    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.join(30_000);
    }
}
