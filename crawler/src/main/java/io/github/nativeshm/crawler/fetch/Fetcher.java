/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A polite HTTP client for crawling: GETs a URL and reports what happened, never throwing for
 * anything a remote server or the network does.
 *
 * <pre>{@code
 * try (Fetcher fetcher = new Fetcher(FetchSettings.defaults())) {
 *     FetchResult page = fetcher.fetch(FetchRequest.of("https://example.org/news"));
 *     if (page.outcome() == FetchOutcome.OK) { parse(page.text()); }
 *     // next time: FetchRequest.of(url).withValidators(page.validators()) -> NOT_MODIFIED if unchanged
 * }
 * }</pre>
 *
 * <p>Per fetch, in order:
 * <ol>
 *   <li>robots.txt of the URL's origin is consulted (fetched once per TTL, see
 *       {@link FetchSettings#obeyRobots()}); a disallowed URL is never requested, and the
 *       origin's {@code Crawl-delay} (up to {@link FetchSettings#maxCrawlDelay()}) raises its
 *       host's delay;</li>
 *   <li>the host's turn is awaited: at most {@link FetchSettings#perHostConcurrency()} requests in
 *       flight, reaching the host at least {@link FetchSettings#perHostDelay()} apart, first come
 *       first served (a host is a host name, case-insensitive: its ports share one
 *       gate, while {@code localhost} and {@code 127.0.0.1} are two hosts);</li>
 *   <li>the request asks for {@code gzip} or {@code deflate}; the body is decoded as it arrives
 *       and cut at {@link FetchSettings#maxBodySize()} decoded bytes;</li>
 *   <li>network failures, timeouts, 408, 429 and 5xx are retried up to
 *       {@link FetchSettings#retries()} times, after a random back-off ("full jitter"), or after
 *       the {@code Retry-After} of a 429/503, which also holds back every other request to that
 *       host; a {@code Retry-After} above {@link FetchSettings#maxRetryAfter()} ends the fetch;</li>
 *   <li>redirects are followed by hand, each hop through steps 1-4, until a URL repeats or
 *       {@link FetchSettings#maxRedirects()} is exceeded;</li>
 *   <li>all of it within {@link FetchSettings#maxFetchTime()} from the first request, not
 *       counting waits for turns at hosts: when it runs out the transfer is cancelled, its
 *       connection closed, its turn given up, and the fetch ends as {@link FetchOutcome#TIMEOUT}.</li>
 * </ol>
 *
 * <p>Thread-safe: share one instance. No thread waits during a fetch: {@link #fetchAsync} returns
 * at once, and thousands of fetches can queue for their hosts' turns at the cost of a few objects
 * each. {@link #fetch} is the blocking form. The fetcher owns two HTTP client threads and a timer
 * thread; {@link #close()} releases them.
 */
public final class Fetcher implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final FetchSettings settings;
    private final ExecutorService clientThreads;
    private final ScheduledExecutorService timer;
    private final Transfer transfer;
    private final RetryPolicy retryPolicy;
    private final RobotsCache robots;
    private final ConcurrentHashMap<String, HostGate> gates = new ConcurrentHashMap<>();
    private final Set<FetchOperation> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A fetcher with these settings; close it when done. */
    public Fetcher(FetchSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        final String threadPrefix = "fetcher-" + INSTANCES.incrementAndGet() + "-";
        // The client's work on these threads never blocks (bodies are collected by BodyCollector), so two do.
        this.clientThreads = Executors.newFixedThreadPool(2, daemon(threadPrefix + "http-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon(threadPrefix + "timer-"));
        final HttpClient.Builder client = HttpClient.newBuilder()
                .executor(clientThreads)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with small plain-HTTP servers
        settings.proxy().ifPresent(proxy -> client.proxy(ProxySelector.of(proxy)));
        this.transfer = new Transfer(client.build(), settings.readTimeout(), timer);
        this.retryPolicy = new RetryPolicy(settings.backoffBase(), settings.backoffMax());
        this.robots = new RobotsCache(settings.robotsName(), settings.robotsTtl(), settings.robotsErrorTtl(),
                robotsUrl -> start(FetchRequest.of(robotsUrl), RobotsCache.MAX_ROBOTS_BYTES, false).start());
    }

    /** The settings this fetcher was made with. */
    public FetchSettings settings() {
        return settings;
    }

    /**
     * Fetches {@code request.url()} politely, without blocking; see the class description for the
     * steps.
     *
     * @return the result, whatever happened remotely; cancelling the future stops the fetch
     * @throws IllegalStateException if this fetcher is closed
     */
    public CompletableFuture<FetchResult> fetchAsync(FetchRequest request) {
        return start(request, settings.maxBodySize(), settings.obeyRobots()).start();
    }

    /**
     * Fetches {@code request.url()} politely, blocking until it is done; see the class description
     * for the steps.
     *
     * @return the result, whatever happened remotely; {@link FetchOutcome#CANCELLED} if the
     *         calling thread was interrupted (its interrupt flag is set again)
     * @throws IllegalStateException if this fetcher is closed
     */
    public FetchResult fetch(FetchRequest request) {
        final FetchOperation operation = start(request, settings.maxBodySize(), settings.obeyRobots());
        final CompletableFuture<FetchResult> result = operation.start();
        try {
            return result.get();
        } catch (InterruptedException e) {
            operation.cancel("interrupted while fetching " + request.url());
            Thread.currentThread().interrupt();
            return result.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetching " + request.url() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Ends every fetch still running with {@link FetchOutcome#CANCELLED} and stops the threads. */
    @Override
    public void close() {
        closed = true;
        for (FetchOperation operation : running) {
            operation.cancel("the fetcher was closed");
        }
        timer.shutdownNow();
        clientThreads.shutdownNow();
    }

    private FetchOperation start(FetchRequest request, int limit, boolean askRobots) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("fetcher is closed, url=" + request.url());
        }
        final FetchOperation operation = new FetchOperation(this, request, limit, askRobots);
        running.add(operation);
        operation.result().whenComplete((r, e) -> running.remove(operation));
        return operation;
    }

    /** The politeness gate of {@code url}'s host. */
    HostGate gate(URI url) {
        return gates.computeIfAbsent(url.getHost().toLowerCase(Locale.ROOT),
                host -> new HostGate(settings.perHostConcurrency(), settings.perHostDelay(), timer));
    }

    RobotsCache robots() {
        return robots;
    }

    Transfer transfer() {
        return transfer;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    private static ThreadFactory daemon(String prefix) {
        final AtomicInteger threads = new AtomicInteger();
        return task -> {
            final Thread t = new Thread(task, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
