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

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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

    private final CrawlerConfig config;
    private final Fetcher fetcher;
    private final CrawlPublisher publisher;
    private final SourceCrawler sourceCrawler;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("crawler-timer"));
    /** Package-private so that tests can occupy a worker, as a stuck parse would. */
    final WorkerPool workers;
    private final Duration stallLimit;
    private final AtomicBoolean[] crawling;
    private final CommandListener commands;
    private final PrintStream log;
    private volatile boolean closing;
    private long beats;
    /** What the heartbeat last found wrong (null: nothing), so that each trouble is logged once. */
    private String trouble;

    /**
     * Opens (or re-creates) the segment and prepares the sources; crawls nothing yet.
     *
     * @param configFile shown to readers of the segment, e.g. the api's status page
     * @throws io.github.nativeshm.SegmentException when the segment cannot be created or attached:
     *         another live process writes it, another user owns it, no space, no permission
     */
    public Crawler(CrawlerConfig config, String segmentName, String configFile, PrintStream log) {
        this(config, segmentName, configFile, log, STALL_LIMIT);
    }

    /** @param stallLimit how long one worker task may run before the heartbeat stops */
    Crawler(CrawlerConfig config, String segmentName, String configFile, PrintStream log, Duration stallLimit) {
        this.config = config;
        this.stallLimit = stallLimit;
        this.log = log;
        this.publisher = new CrawlPublisher(segmentName, config, configFile); // first: it may fail, leaving nothing to stop
        this.fetcher = new Fetcher(config.settings());
        this.workers = new WorkerPool(Runtime.getRuntime().availableProcessors(), daemon("crawler-worker"));
        this.sourceCrawler = new SourceCrawler(fetcher, workers);
        this.crawling = new AtomicBoolean[config.sources().size()];
        Arrays.setAll(crawling, slot -> new AtomicBoolean());
        this.commands = new CommandListener(CommandSegment.nameFor(segmentName), publisher, this::crawlNow, log);
    }

    /**
     * Crawls every source now and then on its schedule, and whenever the api asks (through the
     * {@link CommandSegment}), until {@link #close()}.
     */
    public void start() {
        timer.scheduleAtFixedRate(this::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        final Instant now = Instant.now();
        for (int slot = 0; slot < config.sources().size(); slot++) {
            runScheduled(slot, now);
        }
        commands.start();
    }

    /**
     * Crawls the source {@code id} now, out of schedule, unless a crawl of it is already running
     * (which then serves the request).
     *
     * @return false if there is no such source
     */
    public boolean crawlNow(String id) {
        final int slot = slotOf(id);
        if (slot < 0) {
            return false;
        }
        crawlIfIdle(slot, Instant.now());
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
        final List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < config.sources().size(); slot++) {
            if (ids.isEmpty() || ids.contains(config.sources().get(slot).id())) {
                slots.add(slot);
            }
        }
        for (String id : ids) {
            if (slotOf(id) < 0) {
                throw new IllegalArgumentException("no source with id '" + id + "'; the config has "
                        + config.sources().stream().map(SourceConfig::id).toList());
            }
        }
        final Instant now = Instant.now();
        final List<CompletableFuture<SourceRun>> running = new ArrayList<>();
        for (int slot : slots) {
            // Each result is reduced to its run as soon as it is published: the pages and items go.
            running.add(crawlAndPublish(slot, now).thenApply(result -> new SourceRun(config.sources().get(slot),
                    result.outcome(), result.summary(), withItems ? publisher.liveItems(slot) : List.of())));
        }
        final List<SourceRun> runs = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            final int slot = slots.get(i);
            try {
                runs.add(running.get(i).get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SegmentException cannotPublish) {
                    throw cannotPublish;
                }
                throw new IllegalStateException("crawling " + config.sources().get(slot).id() + " failed",
                        e.getCause());
            }
        }
        return runs;
    }

    /** What one source produced in a {@link #runOnce}. */
    public record SourceRun(SourceConfig source, Outcome outcome, String summary, List<Item> items) {
    }

    /**
     * Crawls a source that fell due at {@code due}, then schedules its next run from when this one
     * really went out: sources of one host that fell due together and went out a delay apart stay
     * a delay apart, instead of queueing for the host again every period.
     */
    private void runScheduled(int slot, Instant due) {
        final CompletableFuture<CrawlResult> crawl = crawlIfIdle(slot, due); // never throws: a failure ends the future
        if (crawl == null) {
            schedule(slot, due); // an out-of-schedule crawl is running: it stands for this one
            return;
        }
        crawl.whenComplete((result, defect) -> schedule(slot, result == null ? due : result.firstRequest()));
    }

    /**
     * Schedules the run after {@code ran}, skipping runs already missed. The run is scheduled even
     * when its time cannot be published: a source's schedule never ends.
     */
    private void schedule(int slot, Instant ran) {
        final SourceConfig source = config.sources().get(slot);
        final Instant now = Instant.now();
        Instant next = source.schedule().next(ran);
        if (!next.isAfter(now)) {
            next = source.schedule().next(now);
        }
        final Instant at = next;
        try {
            synchronized (publisher) {
                publisher.scheduled(slot, at);
            }
        } catch (RuntimeException e) {
            log.println("crawl " + source.id() + ": could not publish its next run: " + e);
        } finally {
            try {
                timer.schedule(() -> runScheduled(slot, at), Duration.between(now, at).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Starts a crawl unless one of the source is running; null if one is (or the crawler is closing). */
    private CompletableFuture<CrawlResult> crawlIfIdle(int slot, Instant due) {
        if (closing || !crawling[slot].compareAndSet(false, true)) {
            return null;
        }
        return crawlAndPublish(slot, due).whenComplete((result, defect) -> crawling[slot].set(false));
    }

    /** Crawls and publishes; never throws: whatever goes wrong is logged and ends the future. */
    private CompletableFuture<CrawlResult> crawlAndPublish(int slot, Instant due) {
        final SourceConfig source = config.sources().get(slot);
        CompletableFuture<CrawlResult> crawl;
        try {
            crawl = sourceCrawler.crawl(source, due);
        } catch (RuntimeException e) {
            crawl = CompletableFuture.failedFuture(e);
        }
        return crawl.whenCompleteAsync((result, defect) -> {
            if (defect != null) {
                log.println("crawl " + source.id() + ": internal error: " + defect); // the schedule goes on
            } else if (!closing) { // a crawl cut short by shutdown is not the source's failure
                try {
                    synchronized (publisher) {
                        publisher.publish(slot, result);
                    }
                } catch (RuntimeException e) { // said here; the failed future still ends this run, not the schedule
                    log.println("crawl " + source.id() + ": could not publish: " + e);
                    throw e;
                }
                log.println("crawl " + source.id() + ": " + result.summary() + ", late " + result.late().toMillis()
                        + " ms");
            }
        }, workers);
    }

    private int slotOf(String id) {
        for (int slot = 0; slot < config.sources().size(); slot++) {
            if (config.sources().get(slot).id().equals(id)) {
                return slot;
            }
        }
        return -1;
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
                publisher.repair().ifPresent(log::println); // first: a truncated segment faults every other access
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
                log.println("crawler: " + found);
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
