package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.Settings;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import io.github.nativeshm.crawler.fetch.Fetcher;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.Item;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The crawler process's engine: crawls every source on its schedule, publishes into the
 * segment, and keeps a heartbeat. Sources run on a small worker pool; the fetcher's per-host
 * limits keep them polite; one failing source never holds up the others.
 */
public final class Crawler implements AutoCloseable {
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final int MAX_WORKERS = 16;

    private final CrawlerConfig config;
    private final Fetcher fetcher;
    private final CrawlPublisher publisher;
    private final SourceCrawler sourceCrawler;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("crawler-timer"));
    private final ExecutorService workers;
    private final AtomicBoolean[] crawling;
    private final CommandListener commands;
    private final PrintStream log;
    private volatile boolean closing;

    /**
     * Opens (or re-creates) the segment and prepares the sources; crawls nothing yet.
     *
     * @param configFile shown to readers of the segment, e.g. the api's status page
     */
    public Crawler(CrawlerConfig config, String segmentName, String configFile, PrintStream log) {
        this.config = config;
        this.log = log;
        this.fetcher = new Fetcher(fetchSettings(config.settings()));
        this.publisher = new CrawlPublisher(segmentName, config, configFile);
        this.sourceCrawler = new SourceCrawler(fetcher);
        this.workers = Executors.newFixedThreadPool(workerCount(config), daemon("crawler-worker"));
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
        for (int slot = 0; slot < config.sources().size(); slot++) {
            int source = slot;
            workers.execute(() -> crawlAndReschedule(source));
        }
        commands.start();
    }

    /**
     * Crawls the source {@code id} now, out of schedule, unless a crawl of it is already running.
     *
     * @return false if there is no such source
     */
    public boolean crawlNow(String id) {
        for (int slot = 0; slot < config.sources().size(); slot++) {
            if (config.sources().get(slot).id().equals(id)) {
                int source = slot;
                workers.execute(() -> crawlIfIdle(source));
                return true;
            }
        }
        return false;
    }

    /** Crawls every source once, in parallel, and returns the results in source order. */
    public List<SourceRun> runOnce() throws InterruptedException {
        List<Future<CrawlResult>> running = new ArrayList<>();
        for (int slot = 0; slot < config.sources().size(); slot++) {
            int source = slot;
            running.add(workers.submit(() -> crawlAndPublish(source)));
        }
        List<SourceRun> runs = new ArrayList<>();
        for (int slot = 0; slot < running.size(); slot++) {
            try {
                CrawlResult result = running.get(slot).get();
                runs.add(new SourceRun(config.sources().get(slot), result.outcome(), result.summary(),
                        publisher.liveItems(slot)));
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("crawling " + config.sources().get(slot).id() + " failed", e.getCause());
            }
        }
        return runs;
    }

    /** What one source produced in a {@link #runOnce()}. */
    public record SourceRun(SourceConfig source, io.github.nativeshm.crawler.model.Outcome outcome, String summary,
                            List<Item> items) {
    }

    private void crawlAndReschedule(int slot) {
        SourceConfig source = config.sources().get(slot);
        try {
            crawlIfIdle(slot);
        } catch (RuntimeException e) {
            log.println("crawl " + source.id() + ": internal error: " + e); // keep the schedule going
        } finally {
            Instant next = source.schedule().next(Instant.now());
            synchronized (publisher) {
                publisher.scheduled(slot, next);
            }
            long delay = Math.max(0, Duration.between(Instant.now(), next).toMillis());
            if (!timer.isShutdown()) {
                timer.schedule(() -> workers.execute(() -> crawlAndReschedule(slot)), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** One crawl of a source at a time: a request that finds one running is already served by it. */
    private void crawlIfIdle(int slot) {
        if (crawling[slot].compareAndSet(false, true)) {
            try {
                crawlAndPublish(slot);
            } finally {
                crawling[slot].set(false);
            }
        }
    }

    private CrawlResult crawlAndPublish(int slot) {
        SourceConfig source = config.sources().get(slot);
        CrawlResult result = sourceCrawler.crawl(source);
        if (closing) {
            return result; // interrupted by shutdown: not the source's failure, so not published
        }
        synchronized (publisher) {
            publisher.publish(slot, result);
        }
        log.println("crawl " + source.id() + ": " + result.summary());
        return result;
    }

    private void heartbeat() {
        synchronized (publisher) {
            publisher.heartbeat();
        }
    }

    @Override
    public void close() {
        closing = true;
        commands.close();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetcher.close();
        synchronized (publisher) {
            publisher.close();
        }
    }

    /**
     * A worker waits inside a host's politeness delay, so one per request a host may have in
     * flight keeps every host busy; capped, since each is a thread.
     */
    static int workerCount(CrawlerConfig config) {
        long hosts = config.sources().stream().map(source -> source.url().getHost()).distinct().count();
        long wanted = hosts * config.settings().perHostConcurrency();
        return (int) Math.max(1, Math.min(MAX_WORKERS, Math.min(wanted, config.sources().size())));
    }

    static FetchSettings fetchSettings(Settings settings) {
        return FetchSettings.builder()
                .userAgent(settings.userAgent())
                .perHostDelay(settings.perHostDelay())
                .perHostConcurrency(settings.perHostConcurrency())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .maxRetries(settings.retries())
                .backoff(settings.backoffBase(), settings.backoffMax())
                .maxBodyBytes((int) Math.min(Integer.MAX_VALUE, settings.maxBodySize()))
                .maxRedirects(settings.maxRedirects())
                .proxy(settings.proxy().map(address -> address.getHostString() + ":" + address.getPort()).orElse(null))
                .obeyRobots(settings.obeyRobots())
                .build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
