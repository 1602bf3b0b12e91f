/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.testing.TestSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the crawler logs while it runs: every line with its date, time and level; each crawl at
 * DEBUG, a source that starts failing once at WARN, its recovery at INFO, and a summary of the
 * crawls every period at INFO.
 */
class CrawlerLogTest {
    private static final String ITEMS = "[{\"title\": \"One\", \"url\": \"https://example.org/1\", \"score\": 1}]";
    /** {@code 2026-12-08T01:23:45.678Z} or {@code 2026-12-08T02:23:45.678+01:00}, then the level. */
    private static final String TIME_AND_LEVEL = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"
            + " (ERROR|WARN |INFO |DEBUG) .*";

    @RegisterExtension
    final TestSegment testSegment = new TestSegment("crawler-log");
    private final String segmentName = testSegment.name();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void aFailureIsLoggedOnceAtWarnAndItsRecoveryAtInfoEveryCrawlAtDebug() throws Exception {
        try (PageServer server = new PageServer(ITEMS);
             Crawler crawler = new Crawler(CrawlerConfig.parse(server.config("1s"), "log.yaml"), segmentName, "log.yaml",
                     new CrawlerLog(new PrintStream(log, true, StandardCharsets.UTF_8), CrawlerLog.Level.DEBUG),
                     Crawler.STALL_LIMIT, Duration.ofSeconds(2))) {
            crawler.start();
            awaitLines(2, line -> line.contains(" DEBUG crawl items: OK"));
            server.setJson("not json");
            awaitLines(3, line -> line.contains("crawl items: PARSE_ERROR"));
            server.setJson(ITEMS);
            awaitLines(1, line -> line.contains("(recovered after "));
            awaitLines(1, line -> line.contains(" INFO  crawls in the last 2 s: "));
        }
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        lines.forEach(line -> assertTrue(line.matches(TIME_AND_LEVEL), "date, time and level: " + line));
        List<String> failures = lines.stream().filter(line -> line.contains("crawl items: PARSE_ERROR")).toList();
        assertEquals(1, failures.stream().filter(line -> line.contains(" WARN  ")).count(), "once at WARN:\n" + failures);
        assertEquals(failures.size() - 1, failures.stream().filter(line -> line.contains(" DEBUG ")).count(),
                "the rest at DEBUG:\n" + failures);
        assertTrue(lines.stream().anyMatch(line -> line.matches(".* INFO  crawl items: OK, .* \\(recovered after \\d+"
                + " failed crawls\\)")), String.join("\n", lines));
        assertTrue(lines.stream().filter(line -> line.contains("crawl items: OK")).allMatch(line -> line.contains(" DEBUG ")
                || line.contains("(recovered after ")), "good crawls at DEBUG:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches(".* INFO  crawls in the last 2 s: \\d+ \\(\\d+ failed\\),"
                + " \\d+ items; .*")), String.join("\n", lines));
    }

    @Test
    void linesBelowTheThresholdAreNotPrintedAndPrintedLinesParseBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CrawlerLog info = new CrawlerLog(new PrintStream(out, true, StandardCharsets.UTF_8), CrawlerLog.Level.INFO);
        info.debug("crawl a: OK");
        info.info("crawls in the last minute: 1");
        info.error("  config.yaml: source 'x': field 'url': invalid URL");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(Optional.of(new CrawlerLog.Line(CrawlerLog.Level.INFO, "crawls in the last minute: 1")),
                CrawlerLog.parse(lines.get(0)));
        assertEquals(Optional.of(new CrawlerLog.Line(CrawlerLog.Level.ERROR,
                "  config.yaml: source 'x': field 'url': invalid URL")), CrawlerLog.parse(lines.get(1)), "indent kept");
        assertEquals(Optional.empty(), CrawlerLog.parse("Exception in thread \"main\" java.lang.OutOfMemoryError"));
    }

    private void awaitLines(int count, Predicate<String> which) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (log.toString(StandardCharsets.UTF_8).lines().filter(which).count() < count) {
            assertTrue(System.nanoTime() < deadline, "not logged in 30 s:\n" + log.toString(StandardCharsets.UTF_8));
            Thread.sleep(50);
        }
    }
}
