/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How politely and how patiently the crawler talks to remote hosts: the one definition of these
 * settings and their defaults. A config file's {@code settings:} block sets the same names (see
 * the shipped {@code default-config.yaml}); Java code starts from {@link #defaults()} or
 * {@link #builder()}:
 * <pre>{@code
 * FetchSettings settings = FetchSettings.builder().perHostDelay(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * <p>Immutable; every value is checked when the settings are built, and a bad one is rejected
 * with an {@link IllegalArgumentException} naming the setting and the value ({@code
 * "perHostConcurrency must be 1..16, perHostConcurrency=0"}).
 *
 * <p>A fetch takes at most its turns at the hosts (politeness, below) plus {@code maxFetchTime},
 * so a one-pass crawl of any set of sources ends in bounded time.
 *
 * @param userAgent          sent with every request; its leading product token (up to the first
 *                           {@code /} or space) is the name matched against robots.txt groups
 * @param perHostDelay       least time between two requests reaching one host: a request starts this
 *                           long after the previous one started and after its response began; a
 *                           robots.txt {@code Crawl-delay} raises it (up to {@code maxCrawlDelay})
 * @param perHostConcurrency most requests in flight to one host at a time, 1..16
 * @param connectTimeout     longest wait for a TCP (and TLS) connection
 * @param readTimeout        longest silence: from sending a request (connecting included) to the
 *                           response headers, and then between body chunks
 * @param maxFetchTime       longest time one fetch may spend on the network and backing off: from
 *                           its first request to its last body byte, over every retry and
 *                           redirect. Waiting for a turn at a host (the per-host delay and
 *                           concurrency, {@code Retry-After}) is politeness and not counted. When
 *                           it runs out the transfer is cancelled and the fetch ends as
 *                           {@link FetchOutcome#TIMEOUT}
 * @param retries            tries after the first, 0..10, for network failures, timeouts, 408,
 *                           429 and 5xx (except 501 and 505), while {@code maxFetchTime} allows
 * @param backoffBase        back-off cap before the first retry; it doubles per retry
 * @param backoffMax         largest back-off cap; the actual wait is uniformly random below the cap
 *                           ("full jitter")
 * @param maxRetryAfter      longest {@code Retry-After} (of a 429 or 503) waited for; a longer one
 *                           ends the fetch, and holds the host back for this long
 * @param maxBodySize        most body bytes kept, after decompression, 1 KiB..1 GiB; the rest is
 *                           not downloaded and the result is marked truncated
 * @param maxRedirects       redirects followed, 0..20, before giving up with
 *                           {@link FetchOutcome#REDIRECT_LOOP}
 * @param proxy              HTTP proxy for every request, if any
 * @param obeyRobots         whether robots.txt is fetched and obeyed
 * @param robotsTtl          how long a fetched robots.txt is trusted
 * @param robotsErrorTtl     how long a host whose robots.txt was unreachable stays disallowed
 * @param maxCrawlDelay      the largest robots.txt {@code Crawl-delay} honoured; a larger one is
 *                           cut to this
 * @param defaultCharset     the charset of a body whose headers and content declare none
 */
public record FetchSettings(
        String userAgent,
        Duration perHostDelay,
        int perHostConcurrency,
        Duration connectTimeout,
        Duration readTimeout,
        Duration maxFetchTime,
        int retries,
        Duration backoffBase,
        Duration backoffMax,
        Duration maxRetryAfter,
        int maxBodySize,
        int maxRedirects,
        Optional<InetSocketAddress> proxy,
        boolean obeyRobots,
        Duration robotsTtl,
        Duration robotsErrorTtl,
        Duration maxCrawlDelay,
        Charset defaultCharset) {

    /** The default user agent: names the software and where to learn about it. */
    public static final String DEFAULT_USER_AGENT =
            "native-shm-crawler/0.1 (+https://github.com/nativeshm/native-shm)";
    /** Largest {@link #perHostConcurrency()}. */
    public static final int MAX_PER_HOST_CONCURRENCY = 16;
    /** Largest {@link #retries()}. */
    public static final int MAX_RETRIES = 10;
    /** Smallest {@link #maxBodySize()}. */
    public static final int MIN_BODY_SIZE = 1 << 10;
    /** Largest {@link #maxBodySize()}. */
    public static final int MAX_BODY_SIZE = 1 << 30;
    /** Largest {@link #maxRedirects()}. */
    public static final int MAX_REDIRECTS = 20;

    private static final Pattern PRODUCT_TOKEN = Pattern.compile("^[A-Za-z_-]+");

    /** Validates every setting; see the class description for the message format. */
    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(defaultCharset, "defaultCharset");
        if (!PRODUCT_TOKEN.matcher(userAgent).find() || userAgent.contains("\r") || userAgent.contains("\n")) {
            throw invalid("userAgent", "start with a product token of letters, '_' or '-' and be one line",
                    userAgent);
        }
        nonNegative("perHostDelay", perHostDelay);
        within("perHostConcurrency", perHostConcurrency, 1, MAX_PER_HOST_CONCURRENCY);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        positive("maxFetchTime", maxFetchTime);
        within("retries", retries, 0, MAX_RETRIES);
        nonNegative("backoffBase", backoffBase);
        nonNegative("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw invalid("backoffMax", "be at least backoffBase=" + backoffBase, backoffMax);
        }
        nonNegative("maxRetryAfter", maxRetryAfter);
        within("maxBodySize", maxBodySize, MIN_BODY_SIZE, MAX_BODY_SIZE);
        within("maxRedirects", maxRedirects, 0, MAX_REDIRECTS);
        positive("robotsTtl", robotsTtl);
        positive("robotsErrorTtl", robotsErrorTtl);
        nonNegative("maxCrawlDelay", maxCrawlDelay);
    }

    /**
     * The defaults: 5 s between requests and one at a time per host; 10 s to connect, 30 s of
     * silence and 60 s in all per fetch; 2 retries; 5 MiB bodies; robots.txt obeyed.
     */
    public static FetchSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The robots.txt name of this crawler: the user agent's leading product token, lower-cased. */
    public String robotsName() {
        Matcher m = PRODUCT_TOKEN.matcher(userAgent);
        m.find();
        return m.group().toLowerCase(Locale.ROOT);
    }

    private static void nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw invalid(name, "not be negative", value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw invalid(name, "be positive", value);
        }
    }

    private static void within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(name, "be " + min + ".." + max, value);
        }
    }

    private static IllegalArgumentException invalid(String name, String rule, Object value) {
        return new IllegalArgumentException(name + " must " + rule + ", " + name + "=" + value);
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration perHostDelay = Duration.ofSeconds(5);
        private int perHostConcurrency = 1;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration maxFetchTime = Duration.ofSeconds(60);
        private int retries = 2;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private int maxBodySize = 5 << 20;
        private int maxRedirects = 5;
        private Optional<InetSocketAddress> proxy = Optional.empty();
        private boolean obeyRobots = true;
        private Duration robotsTtl = Duration.ofHours(24);
        private Duration robotsErrorTtl = Duration.ofMinutes(10);
        private Duration maxCrawlDelay = Duration.ofSeconds(30);
        private Charset defaultCharset = StandardCharsets.UTF_8;

        private Builder() {
        }

        private Builder(FetchSettings s) {
            userAgent = s.userAgent;
            perHostDelay = s.perHostDelay;
            perHostConcurrency = s.perHostConcurrency;
            connectTimeout = s.connectTimeout;
            readTimeout = s.readTimeout;
            maxFetchTime = s.maxFetchTime;
            retries = s.retries;
            backoffBase = s.backoffBase;
            backoffMax = s.backoffMax;
            maxRetryAfter = s.maxRetryAfter;
            maxBodySize = s.maxBodySize;
            maxRedirects = s.maxRedirects;
            proxy = s.proxy;
            obeyRobots = s.obeyRobots;
            robotsTtl = s.robotsTtl;
            robotsErrorTtl = s.robotsErrorTtl;
            maxCrawlDelay = s.maxCrawlDelay;
            defaultCharset = s.defaultCharset;
        }

        /** See {@link FetchSettings#userAgent()}. */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** See {@link FetchSettings#perHostDelay()}. */
        public Builder perHostDelay(Duration value) {
            perHostDelay = value;
            return this;
        }

        /** See {@link FetchSettings#perHostConcurrency()}. */
        public Builder perHostConcurrency(int value) {
            perHostConcurrency = value;
            return this;
        }

        /** See {@link FetchSettings#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** See {@link FetchSettings#readTimeout()}. */
        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        /** See {@link FetchSettings#maxFetchTime()}. */
        public Builder maxFetchTime(Duration value) {
            maxFetchTime = value;
            return this;
        }

        /** See {@link FetchSettings#retries()}. */
        public Builder retries(int value) {
            retries = value;
            return this;
        }

        /** See {@link FetchSettings#backoffBase()} and {@link FetchSettings#backoffMax()}. */
        public Builder backoff(Duration base, Duration max) {
            backoffBase = base;
            backoffMax = max;
            return this;
        }

        /** See {@link FetchSettings#maxRetryAfter()}. */
        public Builder maxRetryAfter(Duration value) {
            maxRetryAfter = value;
            return this;
        }

        /** See {@link FetchSettings#maxBodySize()}. */
        public Builder maxBodySize(int value) {
            maxBodySize = value;
            return this;
        }

        /** See {@link FetchSettings#maxRedirects()}. */
        public Builder maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        /**
         * Sends every request through the HTTP proxy at {@code hostPort} ({@code "proxy.lan:3128"},
         * {@code "[::1]:8080"}); {@code null} or blank means no proxy.
         *
         * @throws IllegalArgumentException if it is not {@code host:port} with a port in 1-65535
         */
        public Builder proxy(String hostPort) {
            proxy = hostPort == null || hostPort.isBlank() ? Optional.empty() : Optional.of(parseProxy(hostPort));
            return this;
        }

        /** See {@link FetchSettings#obeyRobots()}. */
        public Builder obeyRobots(boolean value) {
            obeyRobots = value;
            return this;
        }

        /** See {@link FetchSettings#robotsTtl()} and {@link FetchSettings#robotsErrorTtl()}. */
        public Builder robotsTtl(Duration ttl, Duration errorTtl) {
            robotsTtl = ttl;
            robotsErrorTtl = errorTtl;
            return this;
        }

        /** See {@link FetchSettings#maxCrawlDelay()}. */
        public Builder maxCrawlDelay(Duration value) {
            maxCrawlDelay = value;
            return this;
        }

        /** See {@link FetchSettings#defaultCharset()}. */
        public Builder defaultCharset(Charset value) {
            defaultCharset = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public FetchSettings build() {
            return new FetchSettings(userAgent, perHostDelay, perHostConcurrency, connectTimeout, readTimeout,
                    maxFetchTime, retries, backoffBase, backoffMax, maxRetryAfter, maxBodySize, maxRedirects, proxy,
                    obeyRobots, robotsTtl, robotsErrorTtl, maxCrawlDelay, defaultCharset);
        }

        private static InetSocketAddress parseProxy(String hostPort) {
            final String trimmed = hostPort.trim();
            final int colon = trimmed.lastIndexOf(':');
            String host = colon > 0 ? trimmed.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // [::1]:3128
            }
            int port;
            try {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || host.contains(" ") || port < 1 || port > 65535) {
                throw invalid("proxy", "be host:port with a port in 1-65535", hostPort);
            }
            // Unresolved: the proxy's name is looked up when connecting, not when configuring.
            return InetSocketAddress.createUnresolved(host, port);
        }
    }
}
