package io.github.nativeshm.api.supervise;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.ops.Problem;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.crawler.CrawlerCommand;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the crawler as a child process (this jar, the crawler's entry point) and keeps it running:
 * <ul>
 * <li>the crawler's config is checked with the crawler's own reader before every start; while it is
 *     invalid (or the child exits with code 2, bad configuration) the crawler is not started again
 *     until the file changes, and the problems are in {@link #condition()};</li>
 * <li>a child that exits otherwise is restarted with exponential back-off; code 3 (cannot publish)
 *     keeps its stderr lines as the problem;</li>
 * <li>on shutdown it stops the child and removes its segment.</li>
 * </ul>
 * Off with {@code app.crawler-enabled=false}.
 */
@Context
@Requires(property = "app.crawler-enabled", notEquals = "false")
public class CrawlerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlerSupervisor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A child that ran this long counts as healthy: the next restart waits the shortest time again. */
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How often the config file is looked at while it is invalid. */
    private static final Duration WATCH = Duration.ofSeconds(1);
    private static final int EXIT_BAD_CONFIG = 2;
    private static final int EXIT_CANNOT_PUBLISH = 3;

    private final List<String> command;
    private final Path configFile;
    private final String segmentName;
    private final CrawlerData data;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "crawler-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private CrawlerChild child;
    private int restartCount;
    private int failuresInARow;
    private boolean stopping;
    private Condition condition = new Condition(Phase.RUNNING, "the crawler is starting", List.of());
    /** While the config is invalid: the file as it was when found invalid. */
    private ConfigFileState invalidConfig;

    public CrawlerSupervisor(AppSettings settings, CrawlerConfigFile config, CrawlerData data) {
        this.segmentName = settings.getSegment();
        this.configFile = config.path();
        this.data = data;
        this.command = command(segmentName, configFile);
        start(); // here, not on the scheduler: the start banner already knows whether the config is valid
        scheduler.scheduleWithFixedDelay(this::watch, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the supervisor is doing with the crawler. */
    public enum Phase {
        /** The child runs (it may not publish yet). */
        RUNNING,
        /** The child exited or was stopped and is started again after a back-off. */
        RESTARTING,
        /** The config is invalid: nothing runs until the file changes. */
        CONFIG_INVALID,
        /** The child exited because it cannot publish into the segment; restarted after a back-off. */
        NOT_PUBLISHING
    }

    /**
     * The supervisor's view of the crawler: what it is doing, one sentence about it, and what is
     * wrong (empty while it runs).
     */
    public record Condition(Phase phase, String message, List<Problem> problems) {
    }

    /** What the supervisor is doing with the crawler now. */
    public synchronized Condition condition() {
        return condition;
    }

    /** The child's pid, whether it runs, how often it was restarted, and the supervisor's phase. */
    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", child == null ? null : child.pid());
        state.put("running", child != null && child.process().isAlive());
        state.put("restarts", restartCount);
        state.put("phase", condition.phase().name());
        return state;
    }

    /** The running child, if any (tests kill it to see it come back). */
    public synchronized Optional<ProcessHandle> child() {
        return child == null || !child.process().isAlive() ? Optional.empty() : Optional.of(child.process().toHandle());
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
        if (stopping || !configIsValid()) {
            return;
        }
        try {
            child = CrawlerChild.start(command);
        } catch (IOException e) {
            LOG.error("cannot start the crawler ({}): {}", String.join(" ", command), e.getMessage());
            scheduleRestart(Phase.RESTARTING, "the crawler cannot be started: " + e.getMessage(), List.of());
            return;
        }
        condition = new Condition(Phase.RUNNING, "the crawler (pid " + child.pid() + ") is running", List.of());
        LOG.info("crawler started, pid {}", child.pid());
        CrawlerChild started = child;
        started.process().onExit().thenRun(() -> exited(started));
    }

    /**
     * Reads the config as the crawler will; if it is invalid, records its problems and the file's
     * state (the watch starts the crawler once the file changes). The shipped config is always valid.
     */
    private boolean configIsValid() {
        if (configFile == null) {
            return true;
        }
        ConfigFileState state = ConfigFileState.of(configFile);
        try {
            CrawlerConfig.load(configFile);
            invalidConfig = null;
            return true;
        } catch (ConfigException e) {
            configInvalid(state, ConfigProblems.of(e, configFile));
            return false;
        }
    }

    private void configInvalid(ConfigFileState state, List<Problem> problems) {
        invalidConfig = state;
        condition = new Condition(Phase.CONFIG_INVALID, "the crawler's config " + configFile.toAbsolutePath() + " has "
                + (problems.size() == 1 ? "a problem" : problems.size() + " problems")
                + "; the crawler starts once the file is fixed", problems);
        LOG.error("{}:{}", condition.message(), problems.stream().map(p -> "\n  " + p.message()).reduce("", String::concat));
    }

    /** Every second: starts the crawler once an invalid config file has changed. */
    private synchronized void watch() {
        if (stopping || invalidConfig == null || invalidConfig.equals(ConfigFileState.of(configFile))) {
            return;
        }
        LOG.info("the crawler's config {} changed: checking it again", configFile);
        failuresInARow = 0; // someone is working on it: no back-off from earlier failures
        start();
    }

    private void exited(CrawlerChild exited) {
        List<String> stderr = exited.stderrTail(); // before the lock: waits for the last lines
        synchronized (this) {
            if (stopping || exited != child) {
                return;
            }
            if (System.nanoTime() - exited.startedNanos() > STABLE.toNanos()) {
                failuresInARow = 0;
            }
            int code = exited.process().exitValue();
            LOG.warn("crawler (pid {}) exited with code {}", exited.pid(), code);
            if (code == EXIT_BAD_CONFIG && configFile != null) {
                if (configIsValid()) { // the crawler refused something the api's check let through: its words
                    configInvalid(ConfigFileState.of(configFile),
                            stderr.stream().map(line -> Problem.of(Problem.CONFIG, line.strip())).toList());
                }
                return;
            }
            if (code == EXIT_CANNOT_PUBLISH) {
                scheduleRestart(Phase.NOT_PUBLISHING, "the crawler cannot publish into segment '" + segmentName + "'",
                        stderr.stream().map(line -> Problem.of(Problem.SEGMENT, line.strip())).toList());
                return;
            }
            String last = stderr.isEmpty() ? "" : ": " + stderr.get(stderr.size() - 1).strip();
            scheduleRestart(Phase.RESTARTING, "the crawler (pid " + exited.pid() + ") exited with code " + code + last,
                    List.of());
        }
    }

    /** Waits 1 s after the first failure in a row, then 2, 4, ... up to 30 s. */
    private void scheduleRestart(Phase phase, String why, List<Problem> problems) {
        long delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failuresInARow, 10));
        failuresInARow++;
        restartCount++;
        String message = why + "; restarting it in " + Math.max(1, delay / 1000) + " s";
        condition = new Condition(phase, message, problems.isEmpty() ? List.of(Problem.of(Problem.CRAWLER, message))
                : problems);
        LOG.info("restarting the crawler in {} ms", delay);
        scheduler.schedule(this::start, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period) and removes its segment. */
    @PreDestroy
    @Override
    public void close() {
        CrawlerChild running;
        synchronized (this) {
            stopping = true;
            running = child;
        }
        scheduler.shutdownNow();
        if (running != null && running.process().isAlive()) {
            try {
                running.stopAndWait(STOP_GRACE);
            } catch (InterruptedException e) {
                running.process().destroyForcibly();
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
