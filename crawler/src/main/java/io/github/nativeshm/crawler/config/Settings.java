package io.github.nativeshm.crawler.config;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Global crawler settings: the {@code settings:} block of a config file. Every field has a default
 * ({@link #defaults()}), so the block and each of its keys are optional.
 *
 * @param userAgent          the {@code User-Agent} sent with every request and matched against robots.txt
 * @param perHostDelay       minimum gap between the starts of two requests to the same host
 * @param perHostConcurrency requests in flight per host, 1..16
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        longest wait for the response once connected
 * @param retries            attempts after the first on network errors, timeouts, 429 and 5xx, 0..10
 * @param backoffBase        wait before the first retry; doubled per retry, with jitter
 * @param backoffMax         the longest wait between two attempts, at least {@code backoffBase}
 * @param maxBodySize        most of a response body read, in bytes, 1KB..1GB
 * @param maxRedirects       redirects followed per request, 0..20
 * @param proxy              HTTP proxy to send every request through; empty for direct connections
 * @param obeyRobots         whether robots.txt is fetched and obeyed
 * @param defaultCharset     charset assumed when neither the response headers nor the body declare one
 */
public record Settings(
        String userAgent,
        Duration perHostDelay,
        int perHostConcurrency,
        Duration connectTimeout,
        Duration readTimeout,
        int retries,
        Duration backoffBase,
        Duration backoffMax,
        long maxBodySize,
        int maxRedirects,
        Optional<InetSocketAddress> proxy,
        boolean obeyRobots,
        Charset defaultCharset) {

    /** The user agent used when a config file names none. */
    public static final String DEFAULT_USER_AGENT =
            "native-shm-crawler/0.1 (+https://github.com/nativeshm/native-shm)";

    /** Checks for nulls only; ranges are checked, with user-facing messages, when a file is read. */
    public Settings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(perHostDelay, "perHostDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(defaultCharset, "defaultCharset");
    }

    /** @return the settings used for every key a config file leaves out */
    public static Settings defaults() {
        return new Settings(DEFAULT_USER_AGENT, Duration.ofSeconds(5), 1,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(1), Duration.ofMinutes(5), 5L << 20, 5,
                Optional.empty(), true, StandardCharsets.UTF_8);
    }
}
