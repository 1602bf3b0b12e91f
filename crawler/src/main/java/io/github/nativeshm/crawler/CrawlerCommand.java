/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.model.CommandSegment;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.run.ConfigWatcher;
import io.github.nativeshm.crawler.run.Crawler;
import io.github.nativeshm.crawler.run.CrawlerLog;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar crawler.jar}: crawls the configured sources on their schedules into a
 * shared-memory segment, or once ({@code --once}) for cron.
 */
@Command(name = "crawler", mixinStandardHelpOptions = true, version = "native-shm crawler 0.1.0",
        description = "Crawls web pages and feeds on a schedule, politely, into a shared-memory segment.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every source crawled (--once)", "1:some sources failed (--once)",
                "2:bad configuration or command line",
                "3:cannot publish: the segment cannot be created or attached (a live writer, another user's, no"
                        + " space, no permission)",
                "4:the settings: block of the config changed while running: restart to apply it"})
public final class CrawlerCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int PARTIAL_FAILURE = 1;
    static final int BAD_CONFIG = 2;
    static final int CANNOT_PUBLISH = 3;
    static final int SETTINGS_CHANGED = 4;
    /** The start of the name of the segment a {@code --once} run without {@code --segment} uses (and removes). */
    static final String ONCE_PREFIX = "native-shm-once-";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (default: the shipped sources)")
    private Path config;

    @Option(names = "--sources", paramLabel = "FILE", description = "a second YAML file holding only a 'sources:'"
            + " list (the sources made through the app), read besides the config; ids must differ from the config's")
    private Path sourcesFile;

    @Option(names = "--segment", paramLabel = "NAME", description = "shared-memory segment (default: "
            + CrawlerSegment.DEFAULT_NAME + "; with --once, a segment of its own, " + ONCE_PREFIX
            + "<pid>, removed at exit)")
    private String segment;

    @Option(names = "--once", description = "crawl every source once, print a summary, exit")
    private boolean once;

    @Option(names = "--json", description = "with --once: print the items as JSON lines on stdout")
    private boolean json;

    @Option(names = "--source", paramLabel = "ID", description = "with --once: crawl only this source (repeatable);"
            + " the quick way to try a selector")
    private List<String> sources = new ArrayList<>();

    @Option(names = "--print-default-config", description = "print the shipped config and exit")
    private boolean printDefaultConfig;

    @Option(names = "--exit-with", paramLabel = "PID", description = "stop when process PID ends (the api passes its"
            + " own, so that a killed api leaves no crawler behind)")
    private Long exitWith;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "the least a log line must matter to be printed:"
            + " ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; DEBUG: a line per crawl)", defaultValue = "INFO",
            converter = LevelConverter.class)
    private CrawlerLog.Level logLevel;

    /** {@code --log-level} in any case. */
    static final class LevelConverter implements CommandLine.ITypeConverter<CrawlerLog.Level> {
        @Override
        public CrawlerLog.Level convert(String value) {
            return CrawlerLog.Level.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    CrawlerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line and returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new CrawlerCommand(out, err));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (printDefaultConfig) {
            out.print(CrawlerConfig.defaultText());
            return OK;
        }
        if ((json || !sources.isEmpty()) && !once) {
            err.println("crawler: " + (json ? "--json" : "--source") + " needs --once");
            return BAD_CONFIG;
        }
        // A one-off run never writes into a running crawler's segment unless told to.
        final boolean ownSegment = once && segment == null;
        if (segment == null) {
            segment = once ? ONCE_PREFIX + ProcessHandle.current().pid() : CrawlerSegment.DEFAULT_NAME;
        }
        try {
            CommandSegment.nameFor(segment);
        } catch (RuntimeException e) {
            errors().error("crawler: --segment: " + e.getMessage());
            return BAD_CONFIG;
        }
        CrawlerConfig loaded;
        try {
            loaded = CrawlerConfig.read(Optional.ofNullable(config), Optional.ofNullable(sourcesFile));
        } catch (ConfigException e) {
            errors().error("crawler: bad configuration, not starting:");
            e.problems().forEach(problem -> errors().error("  " + problem));
            return BAD_CONFIG;
        }
        List<String> unknown = sources.stream().filter(id -> loaded.source(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            err.println("crawler: --source: no source with id " + unknown + " in the config; it has "
                    + loaded.sources().stream().map(source -> source.id()).toList());
            return BAD_CONFIG;
        }
        String configName = config == null ? "(shipped default config)" : config.toAbsolutePath().toString();
        CrawlerLog log = new CrawlerLog(once && json ? err : out, logLevel);
        final Thread removeOnSignal = new Thread(this::removeOwnSegment, "crawler-remove-segment");
        if (ownSegment) {
            Runtime.getRuntime().addShutdownHook(removeOnSignal); // Ctrl-C in the middle of a pass
        }
        try {
            return crawl(loaded, configName, log);
        } finally {
            if (ownSegment) {
                removeOwnSegment();
                removeShutdownHook(removeOnSignal);
            }
        }
    }

    private int crawl(CrawlerConfig loaded, String configName, CrawlerLog log) throws Exception {
        try (Crawler crawler = new Crawler(loaded, segment, configName, log)) {
            return once ? runOnce(crawler) : runUntilStopped(crawler, log);
        } catch (SegmentException e) { // at start, or a --once crawl that could not be published
            errors().error("crawler: cannot publish into segment '" + segment + "': "
                    + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            return CANNOT_PUBLISH;
        }
    }

    /** The log of the problems that end or spoil the run: stderr, where the api keeps the last lines. */
    private CrawlerLog errors() {
        return new CrawlerLog(err, logLevel);
    }

    private void removeOwnSegment() {
        try {
            Segment.unlink(segment);
        } catch (SegmentException e) {
            if (e.reason() != SegmentException.Reason.NOT_FOUND) { // already removed: by the hook or the finally
                errors().warn("crawler: cannot remove segment '" + segment + "': " + e.getMessage());
            }
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private int runOnce(Crawler crawler) throws InterruptedException, IOException {
        List<Crawler.SourceRun> runs = crawler.runOnce(sources, json);
        PrintStream summary = json ? err : out;
        ObjectMapper mapper = new ObjectMapper();
        boolean anyFailed = false;
        for (Crawler.SourceRun run : runs) {
            anyFailed |= run.outcome().isFailure();
            summary.printf("%-16s %s%n", run.source().id(), run.summary());
            if (json) {
                for (Item item : run.items()) {
                    out.println(mapper.writeValueAsString(itemJson(item)));
                }
            }
        }
        return anyFailed ? PARTIAL_FAILURE : OK;
    }

    private int runUntilStopped(Crawler crawler, CrawlerLog log) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean settingsChanged = new java.util.concurrent.atomic.AtomicBoolean();
        ConfigWatcher watcher = new ConfigWatcher(Optional.ofNullable(config), Optional.ofNullable(sourcesFile), crawler,
                log, () -> {
                    settingsChanged.set(true);
                    stopped.countDown();
                });
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS); // the JVM halts when the hooks end: let close() finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "crawler-shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresentOrElse(owner -> owner.onExit().thenRun(stopped::countDown),
                    stopped::countDown); // already gone
        }
        log.info("crawler " + ProcessHandle.current().pid() + ": publishing into segment '" + segment + "'");
        crawler.start();
        watcher.start(ConfigWatcher.DEFAULT_PERIOD);
        stopped.await();
        watcher.close();
        crawler.close();
        closed.countDown();
        return settingsChanged.get() ? SETTINGS_CHANGED : OK;
    }

    private static Map<String, Object> itemJson(Item item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", item.source());
        json.put("title", item.title());
        json.put("titleCut", item.titleCut());
        json.put("url", item.url());
        json.put("rank", item.rank());
        json.put("score", item.score() < 0 ? null : item.score());
        json.put("comments", item.comments() < 0 ? null : item.comments());
        json.put("author", item.author().isEmpty() ? null : item.author());
        json.put("published", item.publishedMillis() == 0 ? null : Instant.ofEpochMilli(item.publishedMillis()).toString());
        json.put("id", item.id());
        return json;
    }
}
