package io.github.nativeshm.crawler.fetch;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How politely and how patiently a {@link Fetcher} talks to remote hosts. Immutable; every value is
 * checked when the settings are built, and a bad one is rejected with an
 * {@link IllegalArgumentException} naming the setting and the value ({@code "perHostConcurrency
 * must be at least 1, perHostConcurrency=0"}).
 *
 * <p>Start from {@link #defaults()} or {@link #builder()}:
 * <pre>{@code
 * FetchSettings settings = FetchSettings.builder().perHostDelay(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param userAgent          sent with every request; its leading product token (up to the first
 *                           {@code /} or space) is the name matched against robots.txt groups
 * @param perHostDelay       minimum time between the <em>starts</em> of two requests to one host
 * @param perHostConcurrency most requests in flight to one host at a time
 * @param connectTimeout     longest wait for a TCP (and TLS) connection
 * @param readTimeout        longest silence: from sending a request (connecting included, so it
 *                           also bounds a longer connectTimeout) to the response headers, and
 *                           then between body chunks; a slow but steady body never times out
 * @param maxRetries         retries after the first attempt, for network failures, timeouts,
 *                           408, 429 and 5xx (except 501 and 505)
 * @param backoffBase        back-off cap before the first retry; it doubles per retry
 * @param backoffMax         largest back-off cap; the actual wait is uniformly random below the cap
 *                           ("full jitter")
 * @param maxBodyBytes       bodies are cut after this many bytes and reported as truncated
 * @param maxRedirects       redirects followed before giving up with
 *                           {@link FetchOutcome#REDIRECT_LOOP}
 * @param maxRetryAfter      longest {@code Retry-After} we wait for; a longer one ends the fetch
 * @param proxy              HTTP proxy for every request, if any
 * @param obeyRobots         whether robots.txt is fetched and obeyed
 * @param robotsTtl          how long a fetched robots.txt is trusted
 * @param robotsErrorTtl     how long a host whose robots.txt was unreachable stays disallowed
 */
public record FetchSettings(
        String userAgent,
        Duration perHostDelay,
        int perHostConcurrency,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration backoffBase,
        Duration backoffMax,
        int maxBodyBytes,
        int maxRedirects,
        Duration maxRetryAfter,
        Optional<InetSocketAddress> proxy,
        boolean obeyRobots,
        Duration robotsTtl,
        Duration robotsErrorTtl) {

    /** The default user agent: names the software and where to learn about it. */
    public static final String DEFAULT_USER_AGENT =
            "native-shm-crawler/0.1 (+https://github.com/nativeshm/native-shm)";

    private static final Pattern PRODUCT_TOKEN = Pattern.compile("^[A-Za-z_-]+");

    /** Validates every setting; see the class description for the message format. */
    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(proxy, "proxy");
        if (!PRODUCT_TOKEN.matcher(userAgent).find() || userAgent.contains("\r") || userAgent.contains("\n")) {
            throw invalid("userAgent", "start with a product token of letters, '_' or '-' and be one line",
                    userAgent);
        }
        nonNegative("perHostDelay", perHostDelay);
        atLeast("perHostConcurrency", perHostConcurrency, 1);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        atLeast("maxRetries", maxRetries, 0);
        nonNegative("backoffBase", backoffBase);
        nonNegative("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw invalid("backoffMax", "be at least backoffBase=" + backoffBase, backoffMax);
        }
        atLeast("maxBodyBytes", maxBodyBytes, 1);
        atLeast("maxRedirects", maxRedirects, 0);
        nonNegative("maxRetryAfter", maxRetryAfter);
        positive("robotsTtl", robotsTtl);
        positive("robotsErrorTtl", robotsErrorTtl);
    }

    /** The defaults: one request per second and one at a time per host, 10 s / 30 s timeouts. */
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

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw invalid(name, "be at least " + min, value);
        }
    }

    private static IllegalArgumentException invalid(String name, String rule, Object value) {
        return new IllegalArgumentException(name + " must " + rule + ", " + name + "=" + value);
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration perHostDelay = Duration.ofSeconds(1);
        private int perHostConcurrency = 1;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxRetries = 2;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private int maxBodyBytes = 5 * 1024 * 1024;
        private int maxRedirects = 5;
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private Optional<InetSocketAddress> proxy = Optional.empty();
        private boolean obeyRobots = true;
        private Duration robotsTtl = Duration.ofHours(24);
        private Duration robotsErrorTtl = Duration.ofMinutes(10);

        private Builder() {
        }

        private Builder(FetchSettings s) {
            userAgent = s.userAgent;
            perHostDelay = s.perHostDelay;
            perHostConcurrency = s.perHostConcurrency;
            connectTimeout = s.connectTimeout;
            readTimeout = s.readTimeout;
            maxRetries = s.maxRetries;
            backoffBase = s.backoffBase;
            backoffMax = s.backoffMax;
            maxBodyBytes = s.maxBodyBytes;
            maxRedirects = s.maxRedirects;
            maxRetryAfter = s.maxRetryAfter;
            proxy = s.proxy;
            obeyRobots = s.obeyRobots;
            robotsTtl = s.robotsTtl;
            robotsErrorTtl = s.robotsErrorTtl;
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

        /** See {@link FetchSettings#maxRetries()}. */
        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        /** See {@link FetchSettings#backoffBase()} and {@link FetchSettings#backoffMax()}. */
        public Builder backoff(Duration base, Duration max) {
            backoffBase = base;
            backoffMax = max;
            return this;
        }

        /** See {@link FetchSettings#maxBodyBytes()}. */
        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        /** See {@link FetchSettings#maxRedirects()}. */
        public Builder maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        /** See {@link FetchSettings#maxRetryAfter()}. */
        public Builder maxRetryAfter(Duration value) {
            maxRetryAfter = value;
            return this;
        }

        /**
         * Sends every request through the HTTP proxy at {@code hostPort} ({@code "proxy.lan:3128"});
         * {@code null} or blank means no proxy.
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

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the first bad setting and its value
         */
        public FetchSettings build() {
            return new FetchSettings(userAgent, perHostDelay, perHostConcurrency, connectTimeout, readTimeout,
                    maxRetries, backoffBase, backoffMax, maxBodyBytes, maxRedirects, maxRetryAfter, proxy,
                    obeyRobots, robotsTtl, robotsErrorTtl);
        }

        private static InetSocketAddress parseProxy(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon > 0 ? hostPort.substring(0, colon).trim() : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // [::1]:3128
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw invalid("proxy", "be host:port with a port in 1-65535", hostPort);
            }
            // Unresolved: the proxy's name is looked up when connecting, not when configuring.
            return InetSocketAddress.createUnresolved(host, port);
        }
    }
}
