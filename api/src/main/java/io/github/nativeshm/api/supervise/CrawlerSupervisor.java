/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.supervise;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.ops.Problem;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.api.sources.SourceFiles;
import io.github.nativeshm.crawler.CrawlerCommand;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.structured.SegmentHeader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * <li>the crawler is started with its config file and the api's {@code sources.yaml}
 *     ({@code --sources}); both are checked with the crawler's own reader before every start; while
 *     they are invalid (or the child exits with code 2, bad configuration) the crawler is not started
 *     again until a file changes, and the problems are in {@link #condition()};</li>
 * <li>while the crawler runs, both files are checked again whenever one changes (the crawler reloads
 *     them itself): an invalid edit, which the crawler refuses while it goes on with the sources it
 *     has, is in {@link #refusedEdit()} until the files are valid again;</li>
 * <li>a child that exits with code 4 (its settings changed) is started again at once;</li>
 * <li>a child that exits otherwise is restarted with exponential back-off; code 3 (cannot publish)
 *     keeps its stderr lines as the problem;</li>
 * <li>a child whose heartbeat in the segment is older than {@code app.crawler-silence} (stopped,
 *     hung, its scheduler dead) is stopped (SIGTERM, SIGKILL after a grace period) and restarted;
 *     the back-off starts from the shortest wait again once a child has beaten freshly for a while;</li>
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
    /** A child whose heartbeat stayed fresh this long is healthy: the next restart waits the shortest time again. */
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /**
     * The least time a child has for its first heartbeat: starting a JVM and creating the segment
     * takes seconds, more on a loaded machine, whatever the silence limit.
     */
    private static final Duration FIRST_BEAT = Duration.ofSeconds(60);
    /** How often the config file (while it is invalid) or the child's heartbeat is looked at. */
    private static final Duration WATCH = Duration.ofSeconds(1);
    private static final int EXIT_BAD_CONFIG = 2;
    private static final int EXIT_CANNOT_PUBLISH = 3;
    private static final int EXIT_SETTINGS_CHANGED = 4;

    private final List<String> command;
    private final Path configFile;
    private final SourceFiles files;
    private final String segmentName;
    private final CrawlerData data;
    private final Duration silence;
    private final Duration stale;
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
    /** The latest failure (exit, stop), until a child started after it beats: what the status keeps saying. */
    private Condition failure;
    /** While the config is invalid: the files as they were when found invalid. */
    private List<ConfigFileState> invalidConfig;
    /** The files as they were when last checked while the crawler ran. */
    private List<ConfigFileState> checkedFiles;
    /** The problems of an edit the running crawler refused; empty while the files are valid. */
    private List<Problem> refused = List.of();
    /** Since when the child's heartbeat has been fresh ({@link System#nanoTime()}), 0 while it is not. */
    private long healthySince;
    /** The child's latest heartbeat seen, null before its first; kept while the segment cannot be read. */
    private Instant lastBeat;
    /** Why the supervisor stopped the current child, null if it did not. */
    private String stoppedBecause;

    public CrawlerSupervisor(AppSettings settings, CrawlerConfigFile config, SourceFiles files, CrawlerData data) {
        this.segmentName = settings.getSegment();
        this.configFile = config.path();
        this.files = files;
        this.data = data;
        this.silence = settings.getCrawlerSilence();
        this.stale = settings.getStaleHeartbeat();
        this.command = command(segmentName, configFile, files.sourcesPath());
        start(); // here, not on the scheduler: the start banner already knows whether the config is valid
        scheduler.scheduleWithFixedDelay(this::watch, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What the supervisor is doing with the crawler. After a failure the phase stays until a child
     * started after it has beaten, so that a crawler that keeps failing does not look fine between
     * its attempts.
     */
    public enum Phase {
        /** The child runs (it may not publish yet). */
        RUNNING,
        /** The child exited or was stopped and is started again after a back-off. */
        RESTARTING,
        /** The config is invalid: nothing runs until the file changes. */
        CONFIG_INVALID,
        /** The child exited because it cannot publish into the segment (code 3); restarted after a back-off. */
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

    /**
     * The problems of an edit of the config files that the running crawler refused (it goes on with
     * the sources it had); empty while the files are valid or the crawler does not run.
     */
    public synchronized List<Problem> refusedEdit() {
        return condition.phase() == Phase.CONFIG_INVALID ? List.of() : refused;
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

    private static List<String> command(String segmentName, Path config, Path sources) {
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
        command.addAll(List.of("--sources", sources.toString()));
        return command;
    }

    private synchronized void start() {
        if (stopping || !configIsValid()) {
            return;
        }
        List<String> run = command;
        if (CrawlerChild.CRAWLER_LOG.isDebugEnabled()) { // looked at each start; else no line per crawl is written
            run = new ArrayList<>(command);
            run.addAll(List.of("--log-level", "debug"));
        }
        try {
            child = CrawlerChild.start(run);
        } catch (IOException e) {
            LOG.error("cannot start the crawler ({}): {}", String.join(" ", command), e.getMessage());
            scheduleRestart(Phase.RESTARTING, "the crawler cannot be started: " + e.getMessage(), List.of());
            return;
        }
        condition = failure == null ? running(child)
                : new Condition(failure.phase(), failure.message() + "; trying again (pid " + child.pid() + ")",
                failure.problems());
        healthySince = 0;
        lastBeat = null;
        stoppedBecause = null;
        LOG.info("crawler started, pid {}", child.pid());
        CrawlerChild started = child;
        started.process().onExit().thenRun(() -> exited(started));
    }

    private static Condition running(CrawlerChild child) {
        return new Condition(Phase.RUNNING, "the crawler (pid " + child.pid() + ") is running", List.of());
    }

    /**
     * Reads the config as the crawler will; if it is invalid, records its problems and the file's
     * state (the watch starts the crawler once the file changes). The shipped config is always valid.
     */
    private boolean configIsValid() {
        List<ConfigFileState> state = filesState();
        try {
            files.read();
            invalidConfig = null;
            checkedFiles = state;
            refused = List.of();
            return true;
        } catch (ConfigException e) {
            LOG.error("the crawler's config ({}) is invalid:{}", describeFiles(),
                    e.lines().stream().map(line -> "\n  " + line).reduce("", String::concat));
            configInvalid(state, ConfigProblems.of(e));
            return false;
        }
    }

    /** The config file (if any) and {@code sources.yaml} as they are now. */
    private List<ConfigFileState> filesState() {
        return configFile == null ? List.of(ConfigFileState.of(files.sourcesPath()))
                : List.of(ConfigFileState.of(configFile), ConfigFileState.of(files.sourcesPath()));
    }

    private String describeFiles() {
        return (configFile == null ? "" : configFile.toAbsolutePath() + " and ") + files.sourcesPath();
    }

    private void configInvalid(List<ConfigFileState> state, List<Problem> problems) {
        invalidConfig = state;
        failure = null; // the config's problems say it all
        List<String> named = problems.stream().map(Problem::file).filter(java.util.Objects::nonNull).distinct()
                .map(file -> configFile != null && file.equals(configFile.toString())
                        ? configFile.toAbsolutePath().toString() : file).distinct().toList();
        String which = named.isEmpty() ? describeFiles() : String.join(" and ", named);
        condition = new Condition(Phase.CONFIG_INVALID, "the crawler's config " + which + " has "
                + (problems.size() == 1 ? "a problem" : problems.size() + " problems") + "; the crawler starts once the "
                + (named.size() == 1 ? "file is" : "files are") + " fixed", problems);
    }

    /**
     * While the crawler runs: checks the files again if one changed. An invalid edit is refused by the
     * crawler, which goes on with the sources it has; its problems are kept for the status.
     */
    private void watchFiles() {
        List<ConfigFileState> state = filesState();
        if (state.equals(checkedFiles)) {
            return;
        }
        checkedFiles = state;
        try {
            files.read();
            if (!refused.isEmpty()) {
                LOG.info("the crawler's config ({}) is valid again", describeFiles());
            }
            refused = List.of();
        } catch (ConfigException e) {
            LOG.error("an edit of the crawler's config ({}) is invalid; the crawler goes on with its sources:{}",
                    describeFiles(), e.lines().stream().map(line -> "\n  " + line).reduce("", String::concat));
            refused = ConfigProblems.of(e);
        }
    }

    /** Every second: starts the crawler once an invalid config file has changed, or watches its heartbeat. */
    private synchronized void watch() {
        if (stopping) {
            return;
        }
        if (invalidConfig != null) {
            if (!invalidConfig.equals(filesState())) {
                LOG.info("the crawler's config ({}) changed: checking it again", describeFiles());
                failuresInARow = 0; // someone is working on it: no back-off from earlier failures
                start();
            }
        } else if (child != null && child.process().isAlive() && stoppedBecause == null) {
            watchFiles();
            watchHeartbeat(child);
        }
    }

    /**
     * Stops {@code current} if its latest heartbeat is older than the silence limit (or it has not
     * beaten within {@link #FIRST_BEAT} or that limit of its start, whichever is longer); ends the
     * failure before it once it beats, and resets the back-off once its heartbeat has been fresh
     * for {@link #STABLE}.
     */
    private void watchHeartbeat(CrawlerChild current) {
        Instant read = heartbeatOf(current.pid());
        if (read != null && !read.isBefore(current.started()) && (lastBeat == null || read.isAfter(lastBeat))) {
            lastBeat = read;
            if (failure != null) { // it publishes: the failure before it is over
                failure = null;
                condition = running(current);
            }
        }
        Instant beat = lastBeat;
        boolean beaten = beat != null;
        Duration silent = Duration.between(beaten ? beat : current.started(), Instant.now());
        Duration limit = beaten ? silence : silence.compareTo(FIRST_BEAT) > 0 ? silence : FIRST_BEAT;
        if (silent.compareTo(limit) > 0) {
            stoppedBecause = "was silent for " + silent.toSeconds() + " s (" + (beaten ? "its last heartbeat " + beat
                    : "it never beat") + "; the limit is " + limit.toSeconds() + " s)";
            LOG.warn("crawler (pid {}) {}: stopping it", current.pid(), stoppedBecause);
            current.stop(STOP_GRACE);
            return;
        }
        if (read == null || silent.compareTo(stale) > 0) {
            healthySince = 0;
        } else if (healthySince == 0) {
            healthySince = System.nanoTime();
        } else if (System.nanoTime() - healthySince > STABLE.toNanos()) {
            failuresInARow = 0;
        }
    }

    /** The heartbeat of the crawler {@code pid} in the segment; null if the segment has none of it. */
    private Instant heartbeatOf(long pid) {
        try {
            SegmentHeader header = data.attached().segment().header();
            return header.writerPid() == pid ? header.writerHeartbeat() : null;
        } catch (SegmentUnavailableException | SegmentException e) {
            return null; // not published yet, or damaged: silence counts from the last beat seen
        }
    }

    private void exited(CrawlerChild exited) {
        List<String> stderr = exited.stderrTail(); // before the lock: waits for the last lines
        synchronized (this) {
            if (stopping || exited != child) {
                return;
            }
            int code = exited.process().exitValue();
            LOG.warn("crawler (pid {}) exited with code {}", exited.pid(), code);
            if (code == EXIT_SETTINGS_CHANGED) { // it read new settings: it is started again with them, at once
                LOG.info("the crawler's settings changed: starting it again");
                restartCount++;
                scheduler.execute(this::start);
                return;
            }
            if (code == EXIT_BAD_CONFIG) {
                if (configIsValid()) { // the crawler refused something the api's check let through: its words
                    configInvalid(filesState(),
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
            scheduleRestart(Phase.RESTARTING, "the crawler (pid " + exited.pid() + ") " + (stoppedBecause != null
                    ? stoppedBecause + " and was stopped" : "exited with code " + code + last), List.of());
        }
    }

    /** Waits 1 s after the first failure in a row, then 2, 4, ... up to 30 s. */
    private void scheduleRestart(Phase phase, String why, List<Problem> problems) {
        long delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failuresInARow, 10));
        failuresInARow++;
        restartCount++;
        failure = new Condition(phase, why, problems.isEmpty() ? List.of(Problem.of(Problem.CRAWLER, why)) : problems);
        condition = new Condition(phase, why + "; restarting it in " + Math.max(1, delay / 1000) + " s",
                failure.problems());
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
