/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.fetch.Fetcher;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crawler process's engine: crawls every source on its schedule, publishes into the
 * segment, and keeps a heartbeat.
 *
 * <p>A source that falls due starts its fetch at once; the fetcher queues it for its host's turn
 * without holding a thread, so thousands of sources on hundreds of hosts each go as soon as
 * their host's politeness allows, and a slow or hostile host delays only its own sources. Pages
 * are parsed and published on a small pool of worker threads, one per core. A failing source
 * never holds up the others.
 */
public final class Crawler implements AutoCloseable {
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Every how many heartbeats the segment's slots are checked for corruption. */
    private static final int REPAIR_EVERY_BEATS = 3;
    /** A worker busy with one task for longer than this is stuck: the heartbeat stops. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    /** How often the log sums up the crawls (each crawl is a DEBUG line; failures and recoveries are more). */
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    /** The failing sources the summary names; it counts the rest. */
    private static final int SUMMARY_NAMES = 5;

    /** What {@link #apply} did with a new configuration. */
    public enum Applied {
        /** The sources are as configured now (nothing may have changed). */
        APPLIED,
        /** The {@code settings:} differ: nothing was applied; the crawler must be restarted to take them. */
        SETTINGS_CHANGED
    }

    private volatile CrawlerConfig config;
    private final Fetcher fetcher;
    private final CrawlPublisher publisher;
    private final SourceCrawler sourceCrawler;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("crawler-timer"));
    /** Package-private so that tests can occupy a worker, as a stuck parse would. */
    final WorkerPool workers;
    private final Duration stallLimit;
    /** The sources being crawled, by id, in config order; replaced whole (under the publisher's lock) by {@link #apply}. */
    private volatile Map<String, Running> running;
    private final CommandListener commands;
    private final CrawlerLog log;
    private final Duration summaryEvery;
    /** Since the last summary: crawls, items they found, failed crawls. */
    private final AtomicInteger crawls = new AtomicInteger();
    private final AtomicInteger itemsFound = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean started;
    private long beats;
    /** What the heartbeat last found wrong (null: nothing), so that each trouble is logged once. */
    private String trouble;

    /**
     * One source as it is crawled: its config, its slot, whether a crawl of it runs, and its next
     * run. A source changed or removed by {@link #apply} is retired: what it still has running
     * publishes nothing and schedules nothing.
     */
    private static final class Running {
        final SourceConfig source;
        final int slot;
        final AtomicBoolean crawling = new AtomicBoolean();
        volatile boolean retired;
        volatile ScheduledFuture<?> next;
        /** Its failed crawls since the last good one, and the outcome of the latest of them. */
        volatile int failedInARow;
        volatile Outcome failedWith;

        Running(SourceConfig source, int slot) {
            this.source = source;
            this.slot = slot;
        }

        void retire() {
            retired = true;
            final ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    /**
     * Opens (or re-creates) the segment and prepares the sources; crawls nothing yet.
     *
     * @param configFile shown to readers of the segment, e.g. the api's status page
     * @throws io.github.nativeshm.SegmentException when the segment cannot be created or attached:
     *         another live process writes it, another user owns it, no space, no permission
     */
    public Crawler(CrawlerConfig config, String segmentName, String configFile, CrawlerLog log) {
        this(config, segmentName, configFile, log, STALL_LIMIT, SUMMARY_EVERY);
    }

    /**
     * @param stallLimit   how long one worker task may run before the heartbeat stops
     * @param summaryEvery how often the log sums up the crawls
     */
    Crawler(CrawlerConfig config, String segmentName, String configFile, CrawlerLog log, Duration stallLimit,
            Duration summaryEvery) {
        this.config = config;
        this.stallLimit = stallLimit;
        this.summaryEvery = summaryEvery;
        this.log = log;
        this.publisher = new CrawlPublisher(segmentName, config, configFile); // first: it may fail, leaving nothing to stop
        this.fetcher = new Fetcher(config.settings());
        this.workers = new WorkerPool(Runtime.getRuntime().availableProcessors(), daemon("crawler-worker"));
        this.sourceCrawler = new SourceCrawler(fetcher, workers);
        final Map<String, Running> sources = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            sources.put(source.id(), new Running(source, publisher.slot(source.id())));
        }
        this.running = sources;
        this.commands = new CommandListener(CommandSegment.nameFor(segmentName), publisher, this::crawlNow, log);
    }

    /**
     * Crawls every source now and then on its schedule, and whenever the api asks (through the
     * {@link CommandSegment}), until {@link #close()}.
     */
    public void start() {
        timer.scheduleAtFixedRate(this::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::summary, summaryEvery.toMillis(), summaryEvery.toMillis(), TimeUnit.MILLISECONDS);
        final Instant now = Instant.now();
        synchronized (publisher) {
            started = true;
            for (Running source : running.values()) {
                runScheduled(source, now);
            }
        }
        commands.start();
    }

    /**
     * Takes a new configuration while running. When its settings are the running ones, the
     * difference in sources is applied at once: removed sources stop, and their status and items
     * leave the segment; added ones are crawled now; changed ones (any key) take their new config
     * and are crawled now, keeping their items and counts; the others go on untouched, items,
     * history and schedule. When the settings differ, nothing is applied.
     *
     * @param next the configuration, validated
     * @return what was done
     * @throws io.github.nativeshm.SegmentException when the segment had to grow and could not be
     *         re-created; the old one is kept, and the sources are as before
     */
    public Applied apply(CrawlerConfig next) {
        if (!next.settings().equals(config.settings())) {
            return Applied.SETTINGS_CHANGED;
        }
        final List<Running> toCrawl = new ArrayList<>();
        final List<String> changed = new ArrayList<>();
        final CrawlPublisher.Applied done;
        synchronized (publisher) {
            final Map<String, Running> before = running;
            done = publisher.apply(next.sources());
            final Map<String, Running> after = new LinkedHashMap<>();
            for (SourceConfig source : next.sources()) {
                final Running old = before.get(source.id());
                if (old != null && old.source.equals(source)) {
                    after.put(source.id(), old);
                    continue;
                }
                if (old != null) {
                    old.retire();
                    sourceCrawler.forget(source.id()); // its validators were for the old URL and headers
                    changed.add(source.id());
                }
                final Running fresh = new Running(source, publisher.slot(source.id()));
                after.put(source.id(), fresh);
                toCrawl.add(fresh);
            }
            for (String id : done.removed()) {
                before.get(id).retire();
                sourceCrawler.forget(id);
            }
            running = after;
            config = next;
        }
        done.grown().ifPresent(log::info);
        if (!done.added().isEmpty() || !changed.isEmpty() || !done.removed().isEmpty()) {
            log.info("config: applied; added " + done.added() + ", changed " + changed + ", removed "
                    + done.removed() + "; " + next.sources().size() + " sources");
        }
        if (started && !closing) {
            final Instant now = Instant.now();
            for (Running source : toCrawl) {
                runScheduled(source, now);
            }
        }
        return Applied.APPLIED;
    }

    /**
     * Crawls the source {@code id} now, out of schedule, unless a crawl of it is already running
     * (which then serves the request).
     *
     * @return false if there is no such source
     */
    public boolean crawlNow(String id) {
        final Running source = running.get(id);
        if (source == null) {
            return false;
        }
        crawlIfIdle(source, Instant.now());
        return true;
    }

    /**
     * Crawls some sources once, all at the same time, and returns the results in config order.
     *
     * @param ids       the sources to crawl; empty for all
     * @param withItems whether each result lists the source's items (else its list is empty: a
     *                  crawl of thousands of sources need not hold them all in memory)
     * @throws IllegalArgumentException naming an id that is not in the config
     * @throws SegmentException when a crawl could not be published (a one-off run has no later
     *         chance to publish it)
     */
    public List<SourceRun> runOnce(List<String> ids, boolean withItems) throws InterruptedException {
        final Map<String, Running> sources = running;
        for (String id : ids) {
            if (!sources.containsKey(id)) {
                throw new IllegalArgumentException("no source with id '" + id + "'; the config has "
                        + List.copyOf(sources.keySet()));
            }
        }
        final List<Running> chosen = sources.values().stream()
                .filter(source -> ids.isEmpty() || ids.contains(source.source.id())).toList();
        final Instant now = Instant.now();
        final List<CompletableFuture<SourceRun>> runs = new ArrayList<>();
        for (Running source : chosen) {
            // Each result is reduced to its run as soon as it is published: the pages and items go.
            runs.add(crawlAndPublish(source, now).thenApply(result -> new SourceRun(source.source,
                    result.outcome(), result.summary(), withItems ? liveItems(source) : List.of())));
        }
        final List<SourceRun> done = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            try {
                done.add(runs.get(i).get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SegmentException cannotPublish) {
                    throw cannotPublish;
                }
                throw new IllegalStateException("crawling " + chosen.get(i).source.id() + " failed", e.getCause());
            }
        }
        return done;
    }

    private List<Item> liveItems(Running source) {
        synchronized (publisher) {
            return publisher.liveItems(source.slot);
        }
    }

    /** What one source produced in a {@link #runOnce}. */
    public record SourceRun(SourceConfig source, Outcome outcome, String summary, List<Item> items) {
    }

    /**
     * Crawls a source that fell due at {@code due}, then schedules its next run from when this one
     * really went out: sources of one host that fell due together and went out a delay apart stay
     * a delay apart, instead of queueing for the host again every period.
     */
    private void runScheduled(Running source, Instant due) {
        if (source.retired) {
            return;
        }
        final CompletableFuture<CrawlResult> crawl = crawlIfIdle(source, due); // never throws: a failure ends the future
        if (crawl == null) {
            schedule(source, due); // an out-of-schedule crawl is running: it stands for this one
            return;
        }
        crawl.whenComplete((result, defect) -> schedule(source, result == null ? due : result.firstRequest()));
    }

    /**
     * Schedules the run after {@code ran}, skipping runs already missed. The run is scheduled even
     * when its time cannot be published: a source's schedule never ends, until it is retired.
     */
    private void schedule(Running source, Instant ran) {
        final Instant now = Instant.now();
        Instant next = source.source.schedule().next(ran);
        if (!next.isAfter(now)) {
            next = source.source.schedule().next(now);
        }
        final Instant at = next;
        try {
            synchronized (publisher) {
                if (source.retired) {
                    return;
                }
                publisher.scheduled(source.slot, at);
            }
        } catch (RuntimeException e) {
            log.error("crawl " + source.source.id() + ": could not publish its next run: " + e);
        }
        try {
            source.next = timer.schedule(() -> runScheduled(source, at), Duration.between(now, at).toMillis(),
                    TimeUnit.MILLISECONDS);
            if (source.retired) { // retired in between: its run must not come
                source.next.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Starts a crawl unless one of the source is running; null if one is (or the crawler is closing). */
    private CompletableFuture<CrawlResult> crawlIfIdle(Running source, Instant due) {
        if (closing || source.retired || !source.crawling.compareAndSet(false, true)) {
            return null;
        }
        return crawlAndPublish(source, due).whenComplete((result, defect) -> source.crawling.set(false));
    }

    /** Crawls and publishes; never throws: whatever goes wrong is logged and ends the future. */
    private CompletableFuture<CrawlResult> crawlAndPublish(Running running, Instant due) {
        final SourceConfig source = running.source;
        CompletableFuture<CrawlResult> crawl;
        try {
            crawl = sourceCrawler.crawl(source, due);
        } catch (RuntimeException e) {
            crawl = CompletableFuture.failedFuture(e);
        }
        return crawl.whenCompleteAsync((result, defect) -> {
            if (defect != null) {
                log.error("crawl " + source.id() + ": internal error: " + defect); // the schedule goes on
            } else if (!closing) { // a crawl cut short by shutdown is not the source's failure
                try {
                    synchronized (publisher) {
                        if (running.retired) {
                            return; // changed or removed meanwhile: this crawl was of the old config
                        }
                        publisher.publish(running.slot, result);
                    }
                } catch (RuntimeException e) { // said here; the failed future still ends this run, not the schedule
                    log.error("crawl " + source.id() + ": could not publish: " + e);
                    throw e;
                }
                logged(running, result);
            }
        }, workers);
    }

    /**
     * Counts the crawl for the summary and logs it: a failure at WARN when the source starts failing
     * or fails otherwise than before, its recovery at INFO, every other crawl at DEBUG. Runs on a
     * worker, one crawl of a source at a time.
     */
    private void logged(Running running, CrawlResult result) {
        final Outcome outcome = result.outcome();
        crawls.incrementAndGet();
        itemsFound.addAndGet(result.items() == null ? 0 : result.items().size());
        final String line = "crawl " + running.source.id() + ": " + result.summary() + ", late "
                + result.late().toMillis() + " ms";
        if (outcome.isFailure()) {
            failures.incrementAndGet();
            log.log(outcome == running.failedWith ? CrawlerLog.Level.DEBUG : CrawlerLog.Level.WARN,
                    running.failedInARow == 0 ? line : line + " (failed " + (running.failedInARow + 1) + " times in a row)");
            running.failedInARow++;
            running.failedWith = outcome;
        } else if (running.failedInARow > 0) {
            log.info(line + " (recovered after " + running.failedInARow + " failed "
                    + (running.failedInARow == 1 ? "crawl" : "crawls") + ")");
            running.failedInARow = 0;
            running.failedWith = null;
        } else {
            log.debug(line);
        }
    }

    /** One INFO line about the crawls since the last one, unless there were none. Never throws (it runs on the timer). */
    private void summary() {
        final int crawled = crawls.getAndSet(0);
        final int items = itemsFound.getAndSet(0);
        final int failed = failures.getAndSet(0);
        if (crawled == 0) {
            return;
        }
        final Map<String, Running> sources = running;
        final List<String> failing = sources.values().stream().filter(source -> source.failedInARow > 0)
                .map(source -> source.source.id()).toList();
        final String names = failing.stream().limit(SUMMARY_NAMES).reduce((a, b) -> a + ", " + b).orElse("")
                + (failing.size() > SUMMARY_NAMES ? " and " + (failing.size() - SUMMARY_NAMES) + " more" : "");
        log.info("crawls in the last " + describe(summaryEvery) + ": " + crawled + " (" + failed + " failed), " + items
                + " items; " + (failing.isEmpty() ? "no source failing" : failing.size() + " of " + sources.size()
                + " sources failing: " + names));
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofMinutes(1)) ? "minute" : period.toSeconds() + " s";
    }

    /**
     * Re-creates the segment if it was damaged, repairs slots someone left odd, and beats, but only
     * while the workers make progress: a crawler whose workers are stuck stops beating, so that the
     * api's supervisor restarts it. Never throws (that would end the timer's repetitions).
     */
    private void heartbeat() {
        String found = null;
        try {
            final Optional<String> stall = workers.stall(stallLimit);
            synchronized (publisher) {
                publisher.repair().ifPresent(log::warn); // first: a truncated segment faults every other access
                if (++beats % REPAIR_EVERY_BEATS == 0) {
                    publisher.repairStuckSlots();
                }
                if (stall.isEmpty()) {
                    publisher.heartbeat();
                }
            }
            found = stall.map(s -> "heartbeat stopped: " + s + " (limit " + stallLimit.toSeconds()
                    + " s); a supervisor should restart this crawler").orElse(null);
        } catch (RuntimeException e) {
            found = "cannot keep the segment: " + e.getMessage();
        } finally {
            if (found != null && !found.equals(trouble)) {
                log.error("crawler: " + found);
            }
            trouble = found;
        }
    }

    @Override
    public void close() {
        closing = true;
        commands.close();
        timer.shutdownNow();
        fetcher.close(); // ends every fetch still queued or running
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (publisher) {
            publisher.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        final AtomicInteger threads = new AtomicInteger();
        return task -> {
            final Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
