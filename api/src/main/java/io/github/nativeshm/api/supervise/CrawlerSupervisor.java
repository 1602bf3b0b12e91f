package io.github.nativeshm.api.supervise;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.crawler.CrawlerCommand;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the crawler as a child process (this jar, the crawler's entry point), forwards its output
 * to the log with a {@code crawler} prefix, restarts it with exponential back-off when it dies,
 * and on shutdown stops it and removes its segment. Off with {@code app.crawler-enabled=false}.
 */
@Context
@Requires(property = "app.crawler-enabled", notEquals = "false")
public class CrawlerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlerSupervisor.class);
    private static final Logger CRAWLER_LOG = LoggerFactory.getLogger("crawler");
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A child that ran this long counts as healthy: the next restart waits the shortest time again. */
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final List<String> command;
    private final String segmentName;
    private final CrawlerData data;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "crawler-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private Process process;
    private long startedNanos;
    private int restartCount;
    private int failuresInARow;
    private boolean stopping;

    public CrawlerSupervisor(AppSettings settings, CrawlerConfigFile config, CrawlerData data) {
        this.segmentName = settings.getSegment();
        this.data = data;
        this.command = command(segmentName, config.path());
        restarts.execute(this::start);
    }

    /** The child's pid, whether it runs, and how often it was restarted. */
    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", process == null ? null : process.pid());
        state.put("running", process != null && process.isAlive());
        state.put("restarts", restartCount);
        return state;
    }

    /** The running child, if any (tests kill it to see it come back). */
    public synchronized java.util.Optional<ProcessHandle> child() {
        return process == null || !process.isAlive() ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    private static List<String> command(String segmentName, Path config) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrawlerCommand.class.getName(),
                "--segment", segmentName, "--exit-with", Long.toString(ProcessHandle.current().pid())));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        return command;
    }

    private synchronized void start() {
        if (stopping) {
            return;
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            LOG.error("cannot start the crawler ({}): {}", String.join(" ", command), e.getMessage());
            scheduleRestart();
            return;
        }
        startedNanos = System.nanoTime();
        LOG.info("crawler started, pid {}", process.pid());
        Process started = process;
        Thread forwarder = new Thread(() -> forward(started), "crawler-output");
        forwarder.setDaemon(true);
        forwarder.start();
        started.onExit().thenRun(() -> exited(started));
    }

    private static void forward(Process child) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                CRAWLER_LOG.info("{}", line);
            }
        } catch (IOException e) {
            // the child is gone: nothing more to forward
        }
    }

    private synchronized void exited(Process child) {
        if (stopping || child != process) {
            return;
        }
        if (System.nanoTime() - startedNanos > STABLE.toNanos()) {
            failuresInARow = 0;
        }
        LOG.warn("crawler (pid {}) exited with code {}", child.pid(), child.exitValue());
        scheduleRestart();
    }

    /** Waits 1 s after the first failure in a row, then 2, 4, ... up to 30 s. */
    private void scheduleRestart() {
        long delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failuresInARow, 10));
        failuresInARow++;
        restartCount++;
        LOG.info("restarting the crawler in {} ms", delay);
        restarts.schedule(this::start, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period) and removes its segment. */
    @PreDestroy
    @Override
    public void close() {
        Process child;
        synchronized (this) {
            stopping = true;
            child = process;
        }
        restarts.shutdownNow();
        if (child != null && child.isAlive()) {
            child.destroy();
            try {
                if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("crawler (pid {}) did not stop in {} s: killing it", child.pid(), STOP_GRACE.toSeconds());
                    child.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        data.close();
        try {
            Segment.unlink(segmentName);
        } catch (SegmentException e) {
            // never created (the crawler did not get that far): nothing to remove
        }
    }
}
