/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.supervise;

import io.github.nativeshm.crawler.run.CrawlerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the crawler process: its log lines ({@link CrawlerLog}) forwarded to the
 * {@code crawler} logger at their own level (other output, such as a JVM error, at INFO from
 * stdout and WARN from stderr), the last lines it wrote to stderr kept (the crawler writes one line per problem there before it
 * exits with code 2 or 3), and stopping it SIGTERM first, SIGKILL after a grace period.
 */
final class CrawlerChild {
    /** The logger of the crawler's lines. */
    static final Logger CRAWLER_LOG = LoggerFactory.getLogger("crawler");
    /** The crawler's problem report is a handful of lines; a config with many problems is cut here. */
    private static final int STDERR_LINES = 50;
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final Process process;
    private final Instant started = Instant.now();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stdout;
    private final Thread stderr;

    private CrawlerChild(Process process) {
        this.process = process;
        this.stdout = forward(process.getInputStream(), "crawler-output", false);
        this.stderr = forward(process.getErrorStream(), "crawler-errors", true);
    }

    /** Starts {@code command}. */
    static CrawlerChild start(List<String> command) throws IOException {
        return new CrawlerChild(new ProcessBuilder(command).start());
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** When it was started (wall clock, comparable with the segment's heartbeat). */
    Instant started() {
        return started;
    }

    /** The lines it wrote to stderr last (at most {@value #STDERR_LINES}), once its output has ended. */
    List<String> stderrTail() {
        try {
            stderr.join(OUTPUT_DRAIN.toMillis()); // the exit can be seen before the last lines are read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    /** Asks it to stop (SIGTERM) and kills it (SIGKILL) if it still runs after {@code grace}; does not wait. */
    void stop(Duration grace) {
        process.destroy();
        process.onExit().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).exceptionally(timeout -> {
            if (process.isAlive()) {
                CRAWLER_LOG.warn("pid {} did not stop in {} s: killing it", process.pid(), grace.toSeconds());
                process.destroyForcibly();
            }
            return process;
        });
    }

    /** Stops it as {@link #stop} does and waits until it has exited (at most twice {@code grace}). */
    void stopAndWait(Duration grace) throws InterruptedException {
        stop(grace);
        if (!process.waitFor(2 * grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        stdout.join(OUTPUT_DRAIN.toMillis());
    }

    private Thread forward(InputStream stream, String name, boolean keep) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text; (text = lines.readLine()) != null; ) {
                    CrawlerLog.Line line = CrawlerLog.parse(text)
                            .orElse(new CrawlerLog.Line(keep ? CrawlerLog.Level.WARN : CrawlerLog.Level.INFO, text));
                    forward(line);
                    if (keep) {
                        synchronized (stderrTail) {
                            if (stderrTail.size() == STDERR_LINES) {
                                stderrTail.removeFirst();
                            }
                            stderrTail.addLast(line.message());
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone: nothing more to forward
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Logs the line again, at its level (the time is this log's own: the child's was the same moment). */
    private static void forward(CrawlerLog.Line line) {
        switch (line.level()) {
            case ERROR -> CRAWLER_LOG.error("{}", line.message());
            case WARN -> CRAWLER_LOG.warn("{}", line.message());
            case INFO -> CRAWLER_LOG.info("{}", line.message());
            case DEBUG -> CRAWLER_LOG.debug("{}", line.message());
        }
    }
}
