/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The app's own settings ({@code app.*} in Micronaut configuration; the command line sets the
 * same keys). Checked once at start: a bad value stops the app with a message naming the key.
 */
@ConfigurationProperties("app")
public class AppSettings {
    /** How often the crawler beats (its {@code Crawler.HEARTBEAT}): a silence limit must be longer. */
    private static final Duration CRAWLER_HEARTBEAT = Duration.ofSeconds(1);

    private String segment = CrawlerSegment.DEFAULT_NAME;
    private boolean demo;
    private Duration demoTick = Duration.ofSeconds(3);
    private boolean crawlerEnabled = true;
    private Path crawlerConfig;
    private String token;
    private Path tokenFile;
    private Duration staleHeartbeat = Duration.ofSeconds(5);
    private Duration crawlerSilence = Duration.ofSeconds(30);
    private Path dataDir = DataDirectory.defaultPath();
    private URI publicUrl;

    /** The crawler's segment. */
    public String getSegment() {
        return segment;
    }

    public void setSegment(String segment) {
        try {
            CommandSegment.nameFor(segment);
        } catch (RuntimeException e) {
            throw new ConfigurationException("app.segment: " + e.getMessage());
        }
        this.segment = segment;
    }

    /** Whether to serve the demo site and crawl it instead of the configured sources. */
    public boolean isDemo() {
        return demo;
    }

    public void setDemo(boolean demo) {
        this.demo = demo;
    }

    /** How often the demo site's content changes. */
    public Duration getDemoTick() {
        return demoTick;
    }

    public void setDemoTick(Duration demoTick) {
        if (demoTick.isNegative() || demoTick.isZero()) {
            throw new ConfigurationException("app.demo-tick: must be positive, was " + demoTick);
        }
        this.demoTick = demoTick;
    }

    /** Whether the api starts and supervises the crawler (false: one started separately). */
    public boolean isCrawlerEnabled() {
        return crawlerEnabled;
    }

    public void setCrawlerEnabled(boolean crawlerEnabled) {
        this.crawlerEnabled = crawlerEnabled;
    }

    /** The crawler's config file; null for the shipped default sources. */
    public @Nullable Path getCrawlerConfig() {
        return crawlerConfig;
    }

    public void setCrawlerConfig(@Nullable Path crawlerConfig) {
        if (crawlerConfig != null && !Files.isReadable(crawlerConfig)) {
            throw new ConfigurationException("app.crawler-config: cannot read " + crawlerConfig.toAbsolutePath());
        }
        this.crawlerConfig = crawlerConfig;
    }

    /** Where the token and the H2 history database are kept (see {@link DataDirectory}). */
    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The bearer token for mutating requests; null to use the one kept in the data directory. */
    public @Nullable String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        if (token != null) {
            checkToken("app.token", token);
        }
        this.token = token;
    }

    /** The file that holds the bearer token (owner-only); null for none. */
    public @Nullable Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(@Nullable Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    /**
     * Refuses a token that is too short or has characters outside the header-safe set.
     *
     * @param where what holds it (a key or a file), named in the message
     * @throws ConfigurationException naming {@code where}
     */
    public static void checkToken(String where, String token) {
        if (token.length() < 16 || !token.matches("[A-Za-z0-9._~+/=-]+")) {
            throw new ConfigurationException(where + ": at least 16 characters from A-Z a-z 0-9 . _ ~ + / = -");
        }
    }

    /** The URL people open when a reverse proxy stands in front of the app; null when they reach it directly. */
    public @Nullable URI getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(@Nullable URI publicUrl) {
        if (publicUrl != null && (!publicUrl.isAbsolute() || publicUrl.getHost() == null
                || !(publicUrl.getScheme().equals("http") || publicUrl.getScheme().equals("https")))) {
            throw new ConfigurationException("app.public-url: must be an absolute http:// or https:// URL such as"
                    + " https://news.example.org/, was " + publicUrl);
        }
        this.publicUrl = publicUrl;
    }

    /** A writer heartbeat older than this makes the app unhealthy. */
    public Duration getStaleHeartbeat() {
        return staleHeartbeat;
    }

    public void setStaleHeartbeat(Duration staleHeartbeat) {
        this.staleHeartbeat = staleHeartbeat;
    }

    /** A supervised crawler that has not beaten for this long is killed and restarted. */
    public Duration getCrawlerSilence() {
        return crawlerSilence;
    }

    public void setCrawlerSilence(Duration crawlerSilence) {
        if (crawlerSilence.compareTo(CRAWLER_HEARTBEAT) <= 0) {
            throw new ConfigurationException("app.crawler-silence: must be longer than the crawler's heartbeat interval ("
                    + CRAWLER_HEARTBEAT.toSeconds() + " s), was " + crawlerSilence);
        }
        this.crawlerSilence = crawlerSilence;
    }
}
