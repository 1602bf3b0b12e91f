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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * robots.txt per origin ({@code scheme://host:port}), fetched once and trusted for a while.
 * What an unsuccessful fetch means follows RFC 9309 section 2.3.1: a 4xx (other than 429) or too
 * many redirects means "no rules", so everything is allowed; a 429, a 5xx or a network failure
 * means the server may be in trouble, so the whole origin is disallowed until the error TTL ends.
 */
final class RobotsCache {
    /** Whether a URL may be fetched, and why not. */
    record Verdict(boolean allowed, String reason) {
    }

    /** RFC 9309 asks crawlers to parse at least 500 KiB. */
    static final int MAX_ROBOTS_BYTES = 512 * 1024;

    private final String robotsName;
    private final Duration ttl;
    private final Duration errorTtl;
    private final Function<URI, FetchResult> loader;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The rules of one origin; its monitor makes concurrent callers share one robots.txt fetch. */
    private static final class Entry {
        private BaseRobotRules rules;
        private Instant expires = Instant.MIN;
        private String denial;
    }

    /**
     * @param robotsName the product token matched against {@code User-agent} lines
     * @param loader     fetches a robots.txt URL (politely, but without asking robots.txt)
     */
    RobotsCache(String robotsName, Duration ttl, Duration errorTtl, Function<URI, FetchResult> loader) {
        this.robotsName = robotsName;
        this.ttl = ttl;
        this.errorTtl = errorTtl;
        this.loader = loader;
    }

    /**
     * Whether {@code url} may be fetched; fetches its origin's robots.txt when not cached.
     *
     * @throws InterruptedException if the robots.txt fetch was interrupted (nothing is cached then)
     */
    Verdict check(URI url) throws InterruptedException {
        final URI robotsUrl = robotsUrl(url);
        final Entry entry = entries.computeIfAbsent(robotsUrl.toString(), k -> new Entry());
        synchronized (entry) {
            if (!Instant.now().isBefore(entry.expires)) {
                load(robotsUrl, entry);
            }
            if (entry.rules.isAllowed(url.toString())) {
                return new Verdict(true, null);
            }
            return new Verdict(false, entry.denial != null ? entry.denial
                    : "disallowed by " + robotsUrl + " for user agent " + robotsName);
        }
    }

    private void load(URI robotsUrl, Entry entry) throws InterruptedException {
        final FetchResult r = loader.apply(robotsUrl);
        if (r.outcome() == FetchOutcome.CANCELLED) {
            Thread.interrupted(); // the loader re-set the flag; it travels on as the exception
            throw new InterruptedException("interrupted while fetching " + robotsUrl);
        }
        final boolean unavailable = r.outcome() == FetchOutcome.REDIRECT_LOOP
                || (r.outcome() == FetchOutcome.HTTP_ERROR && r.status() >= 400 && r.status() < 500
                        && r.status() != 429);
        if (r.outcome() == FetchOutcome.OK) {
            try {
                trust(entry, new SimpleRobotRulesParser().parseContent(robotsUrl.toString(), r.body(),
                        r.contentType(), List.of(robotsName)));
            } catch (RuntimeException e) { // the parser is lenient; this guards against its bugs, not bad files
                distrust(entry, robotsUrl + " could not be parsed (" + Transfer.describe(e) + ")");
            }
        } else if (unavailable) {
            trust(entry, new SimpleRobotRules(RobotRulesMode.ALLOW_ALL));
        } else {
            distrust(entry, robotsUrl + " unreachable (" + r.outcome() + (r.status() > 0 ? " " + r.status() : "")
                    + (r.message() == null ? "" : ": " + r.message()) + ")");
        }
    }

    private void trust(Entry entry, BaseRobotRules rules) {
        entry.rules = rules;
        entry.expires = Instant.now().plus(ttl);
        entry.denial = null;
    }

    private void distrust(Entry entry, String problem) {
        entry.rules = new SimpleRobotRules(RobotRulesMode.ALLOW_NONE);
        entry.expires = Instant.now().plus(errorTtl);
        entry.denial = problem + "; the host counts as disallowed until " + entry.expires;
    }

    private static URI robotsUrl(URI url) {
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() == -1 ? "" : ":" + url.getPort()) + "/robots.txt");
    }
}
