/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import io.github.nativeshm.crawler.fetch.FetchOutcome;
import io.github.nativeshm.crawler.fetch.FetchRequest;
import io.github.nativeshm.crawler.fetch.FetchResult;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import io.github.nativeshm.crawler.fetch.Fetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Pages fetched for previews, kept a few minutes so that trying selector after selector asks the
 * site once. Fetches go through the crawler's own {@link Fetcher}: robots.txt and the per-host
 * delay apply. Only successful fetches are kept, by URL and request headers; the least recently
 * used go first when the bodies together would exceed the byte bound. Callers asking for a page
 * that is being fetched wait for that fetch instead of starting another. Thread-safe.
 */
public final class PageCache implements AutoCloseable {
    /** How long a page is reused. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** The most body bytes kept in all. */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;

    /**
     * A page and where it came from.
     *
     * @param result    the fetch's result
     * @param fetchedAt when it was fetched from the site
     * @param fromCache whether this call got it from the cache
     */
    public record Page(FetchResult result, Instant fetchedAt, boolean fromCache) {
    }

    private record Entry(FetchResult result, Instant fetchedAt) {
    }

    private final Fetcher fetcher;
    private final boolean ownsFetcher;
    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    // Guarded by this: access order, eldest first.
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Page>> inFlight = new LinkedHashMap<>();
    private long bytes;

    /** A cache with its own fetcher made with {@code settings}, the default TTL and bound. */
    public PageCache(FetchSettings settings) {
        this(new Fetcher(settings), true, DEFAULT_TTL, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /**
     * A cache over {@code fetcher}, which it does not close.
     *
     * @param ttl      how long a page is reused; positive
     * @param maxBytes the most body bytes kept in all; a larger page is not kept
     * @param clock    tells the time of fetches and expiries
     */
    public PageCache(Fetcher fetcher, Duration ttl, long maxBytes, Clock clock) {
        this(fetcher, false, ttl, maxBytes, clock);
    }

    private PageCache(Fetcher fetcher, boolean ownsFetcher, Duration ttl, long maxBytes, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.ownsFetcher = ownsFetcher;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, ttl=" + ttl);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, maxBytes=" + maxBytes);
        }
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The page at {@code url} fetched with {@code headers}, from the cache when it was fetched
     * successfully less than the TTL ago; blocks while fetching.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL, or a header
     *                                  is one the HTTP client sets itself
     */
    public Page get(URI url, Map<String, String> headers) {
        FetchRequest request = FetchRequest.of(url);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request = request.withHeader(h.getKey(), h.getValue());
        }
        final String key = key(url, headers);
        final CompletableFuture<Page> mine = new CompletableFuture<>();
        final CompletableFuture<Page> running;
        synchronized (this) {
            final Entry cached = entries.get(key);
            if (cached != null) {
                if (clock.instant().isBefore(cached.fetchedAt().plus(ttl))) {
                    return new Page(cached.result(), cached.fetchedAt(), true);
                }
                remove(key);
            }
            running = inFlight.putIfAbsent(key, mine);
        }
        if (running != null) {
            try {
                final Page other = running.join();
                return new Page(other.result(), other.fetchedAt(), other.result().outcome() == FetchOutcome.OK);
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return get(url, headers); // its fetcher failed unexpectedly: try ourselves
            }
        }
        try {
            final Instant at = clock.instant();
            final FetchResult result = fetcher.fetch(request);
            final Page page = new Page(result, at, false);
            synchronized (this) {
                if (result.outcome() == FetchOutcome.OK && result.body().length <= maxBytes) {
                    remove(key);
                    entries.put(key, new Entry(result, at));
                    bytes += result.body().length;
                    evict();
                }
                inFlight.remove(key);
            }
            mine.complete(page);
            return page;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                inFlight.remove(key);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** @return the body bytes held now, for tests and metrics */
    public synchronized long bytes() {
        return bytes;
    }

    /** Forgets every page. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** Closes the fetcher if this cache made it. */
    @Override
    public void close() {
        if (ownsFetcher) {
            fetcher.close();
        }
    }

    private void remove(String key) {
        final Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.result().body().length;
        }
    }

    /** Drops expired pages, then the least recently used until within the bound. */
    private void evict() {
        final Instant now = clock.instant();
        entries.values().removeIf(e -> {
            final boolean expired = !now.isBefore(e.fetchedAt().plus(ttl));
            if (expired) {
                bytes -= e.result().body().length;
            }
            return expired;
        });
        final Iterator<Entry> eldestFirst = entries.values().iterator();
        while (bytes > maxBytes && eldestFirst.hasNext()) {
            bytes -= eldestFirst.next().result().body().length;
            eldestFirst.remove();
        }
    }

    private static String key(URI url, Map<String, String> headers) {
        final TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        return url + " " + sorted;
    }
}
