/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.ConfigProblem;
import io.github.nativeshm.crawler.config.CrawlerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the config file and the sources file of a running {@link Crawler} and applies their
 * edits: every {@link #DEFAULT_PERIOD second} it looks at each file's size, modification time and
 * content hash, and when any changed reads the whole configuration again. A configuration with
 * problems is refused as a whole: one {@code WARN} line per problem, and the crawler goes on with
 * the sources it has (the same refused text is not reported again). A valid one is
 * {@link Crawler#apply applied}; when its settings changed, {@code onSettingsChanged} runs (the
 * crawler command then exits with code 4, for its supervisor to restart it).
 *
 * <p>Polling rather than a file-system watch service: it sees a file replaced by a rename (as
 * editors and {@link io.github.nativeshm.crawler.config.SourcesFile#write} do), a file that
 * appears or vanishes, and works the same on every platform and file system.
 */
public final class ConfigWatcher implements AutoCloseable {
    /** How often the files are looked at. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

    private final Optional<Path> config;
    private final Optional<Path> sources;
    private final Crawler crawler;
    private final CrawlerLog log;
    private final Runnable onSettingsChanged;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        final Thread thread = new Thread(task, "crawler-config-watch");
        thread.setDaemon(true);
        return thread;
    });
    private List<Stamp> seen; // null until the first look
    private boolean settingsChanged;

    /** What a file looked like: absent, or its size, modification time and content hash. */
    private record Stamp(boolean exists, long size, long modified, byte[] hash) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp s && exists == s.exists && size == s.size && modified == s.modified
                    && Arrays.equals(hash, s.hash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(exists, size, modified, Arrays.hashCode(hash));
        }
    }

    /**
     * Prepares the watch. Its first look reads the configuration again and applies it (nothing
     * changes when it is the one the crawler started with), so that an edit made while the crawler
     * started is not missed.
     *
     * @param config            the config file; empty for the shipped default (which does not change)
     * @param sources           the sources file, if any
     * @param crawler           what the edits are applied to
     * @param log               where warnings and what was applied are written
     * @param onSettingsChanged run once, when a valid configuration has other settings
     */
    public ConfigWatcher(Optional<Path> config, Optional<Path> sources, Crawler crawler, CrawlerLog log,
                         Runnable onSettingsChanged) {
        this.config = config;
        this.sources = sources;
        this.crawler = crawler;
        this.log = log;
        this.onSettingsChanged = onSettingsChanged;
    }

    /**
     * Starts looking at the files.
     *
     * @param period how often ({@link #DEFAULT_PERIOD} in the crawler command)
     * @return this watcher
     */
    public ConfigWatcher start(Duration period) {
        timer.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Looks at the files once, and applies or refuses what changed. Never throws (it runs on a timer). */
    void check() {
        try {
            final List<Stamp> now = stamps();
            if (now.equals(seen) || settingsChanged) {
                return;
            }
            seen = now;
            final CrawlerConfig next;
            try {
                next = CrawlerConfig.read(config, sources);
            } catch (ConfigException e) {
                log.error("config: the edit of " + files() + " is refused (" + e.problems().size()
                        + (e.problems().size() == 1 ? " problem" : " problems") + "); the running sources go on");
                for (ConfigProblem problem : e.problems()) {
                    log.error(problem.line());
                }
                return;
            }
            if (crawler.apply(next) == Crawler.Applied.SETTINGS_CHANGED) {
                settingsChanged = true;
                log.info("config: settings changed in " + files() + "; exiting for a restart to take them");
                onSettingsChanged.run();
            }
        } catch (RuntimeException e) {
            log.error("config: cannot apply the edit of " + files() + ": " + e);
        }
    }

    private String files() {
        final List<String> names = new ArrayList<>();
        config.ifPresent(p -> names.add(p.toString()));
        sources.ifPresent(p -> names.add(p.toString()));
        return String.join(" and ", names);
    }

    private List<Stamp> stamps() {
        final List<Stamp> stamps = new ArrayList<>();
        config.ifPresent(p -> stamps.add(stamp(p)));
        sources.ifPresent(p -> stamps.add(stamp(p)));
        return stamps;
    }

    private static Stamp stamp(Path file) {
        try {
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > CrawlerConfig.MAX_FILE_BYTES) {
                return new Stamp(true, attributes.size(), attributes.lastModifiedTime().toMillis(), new byte[0]);
            }
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                digest.update(in.readNBytes(CrawlerConfig.MAX_FILE_BYTES + 1));
            }
            return new Stamp(true, attributes.size(), attributes.lastModifiedTime().toMillis(), digest.digest());
        } catch (IOException e) {
            return new Stamp(false, 0, 0, new byte[0]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
