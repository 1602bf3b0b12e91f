/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * robots.txt per origin ({@code scheme://host:port}), fetched once and trusted for a while.
 * What an unsuccessful fetch means follows RFC 9309 section 2.3.1: a 4xx (other than 429) or too
 * many redirects means "no rules", so everything is allowed; a 429, a 5xx or a network failure
 * means the server may be in trouble, so the whole origin is disallowed until the error TTL ends.
 * A {@code Crawl-delay} is passed on to the caller, however long, to be capped there.
 */
final class RobotsCache {
    /**
     * Whether a URL may be fetched, and why not.
     *
     * @param crawlDelay the origin's {@code Crawl-delay}, or {@link Duration#ZERO} when it sets none
     */
    record Verdict(boolean allowed, String reason, Duration crawlDelay) {
    }

    /** RFC 9309 asks crawlers to parse at least 500 KiB. */
    static final int MAX_ROBOTS_BYTES = 512 * 1024;

    private final String robotsName;
    private final Duration ttl;
    private final Duration errorTtl;
    private final Function<URI, CompletableFuture<FetchResult>> loader;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The rules of one origin as loaded, until {@code expires}. */
    private record Rules(BaseRobotRules rules, Instant expires, String denial) {
    }

    /** One origin's rules, being loaded or loaded; concurrent callers share one robots.txt fetch. */
    private static final class Entry {
        private CompletableFuture<Rules> rules; // guarded by this
    }

    /**
     * @param robotsName the product token matched against {@code User-agent} lines
     * @param loader     fetches a robots.txt URL (politely, but without asking robots.txt)
     */
    RobotsCache(String robotsName, Duration ttl, Duration errorTtl,
            Function<URI, CompletableFuture<FetchResult>> loader) {
        this.robotsName = robotsName;
        this.ttl = ttl;
        this.errorTtl = errorTtl;
        this.loader = loader;
    }

    /**
     * Whether {@code url} may be fetched; fetches its origin's robots.txt when not cached. The
     * future fails with a {@link CancellationException} if that fetch was cancelled (nothing is
     * cached then); cancelling it leaves the shared fetch running for others.
     */
    CompletableFuture<Verdict> check(URI url) {
        final URI robotsUrl = robotsUrl(url);
        final Entry entry = entries.computeIfAbsent(robotsUrl.toString(), k -> new Entry());
        final CompletableFuture<Rules> rules;
        synchronized (entry) {
            final CompletableFuture<Rules> known = entry.rules;
            if (known == null || known.isCompletedExceptionally()
                    || (known.isDone() && !Instant.now().isBefore(known.join().expires()))) {
                entry.rules = loader.apply(robotsUrl).thenApply(result -> rules(robotsUrl, result));
            }
            rules = entry.rules;
        }
        return rules.thenApply(r -> verdict(url, robotsUrl, r));
    }

    private Verdict verdict(URI url, URI robotsUrl, Rules r) {
        final long crawlDelay = r.rules().getCrawlDelay();
        final Duration delay = crawlDelay > 0 ? Duration.ofMillis(crawlDelay) : Duration.ZERO;
        if (r.rules().isAllowed(url.toString())) {
            return new Verdict(true, null, delay);
        }
        return new Verdict(false, r.denial() != null ? r.denial()
                : "disallowed by " + robotsUrl + " for user agent " + robotsName, delay);
    }

    private Rules rules(URI robotsUrl, FetchResult r) {
        if (r.outcome() == FetchOutcome.CANCELLED) {
            throw new CancellationException("cancelled while fetching " + robotsUrl);
        }
        final boolean unavailable = r.outcome() == FetchOutcome.REDIRECT_LOOP
                || (r.outcome() == FetchOutcome.HTTP_ERROR && r.status() >= 400 && r.status() < 500
                        && r.status() != 429);
        if (r.outcome() == FetchOutcome.OK) {
            try {
                final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
                // The parser would disallow a whole site whose Crawl-delay exceeds its own cap; ours cuts the delay.
                parser.setMaxCrawlDelay(Long.MAX_VALUE);
                return trusted(parser.parseContent(robotsUrl.toString(), r.body(),
                        r.contentType(), List.of(robotsName)));
            } catch (RuntimeException e) { // the parser is lenient; this guards against its bugs, not bad files
                return distrusted(robotsUrl + " could not be parsed (" + Transfer.describe(e) + ")");
            }
        } else if (unavailable) {
            return trusted(new SimpleRobotRules(RobotRulesMode.ALLOW_ALL));
        }
        return distrusted(robotsUrl + " unreachable (" + r.outcome() + (r.status() > 0 ? " " + r.status() : "")
                + (r.message() == null ? "" : ": " + r.message()) + ")");
    }

    private Rules trusted(BaseRobotRules rules) {
        return new Rules(rules, Instant.now().plus(ttl), null);
    }

    private Rules distrusted(String problem) {
        final Instant expires = Instant.now().plus(errorTtl);
        return new Rules(new SimpleRobotRules(RobotRulesMode.ALLOW_NONE), expires,
                problem + "; the host counts as disallowed until " + expires);
    }

    private static URI robotsUrl(URI url) {
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() == -1 ? "" : ":" + url.getPort()) + "/robots.txt");
    }
}
