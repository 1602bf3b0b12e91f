/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import io.github.nativeshm.api.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log of a real {@code app.jar --demo} run: date and time on every line, the crawler's lines
 * at their own level (the demo's always-broken source once at WARN, no line per crawl at INFO),
 * the rolling file in the data directory, and JSON lines for log shippers.
 */
class LogFormatTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** logback.xml's pattern: ISO 8601 date, time and offset, level, logger, message. */
    private static final String LOG_LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"
            + " (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ - .*";
    private static final String BROKEN = "crawler - crawl demo-broken: HTTP_ERROR";

    @Test
    void textLinesCarryTheDateAndTheCrawlersLevelAndGoToTheRollingFile(@TempDir Path dataDir) throws Exception {
        List<String> lines;
        try (RunningApp app = new RunningApp("--demo", "--port", "0", "--data-dir", dataDir.toString(), "--segment",
                TestApp.uniqueSegment("log-text"), "--log-file")) {
            app.await("failure of the broken demo source", WAIT, line -> line.contains(BROKEN));
            Thread.sleep(5000); // the demo crawls every 2 s: it fails twice more meanwhile, logged at DEBUG only
            lines = app.lines();
        }
        List<String> logged = lines.stream().filter(line -> line.matches("\\S+ +(TRACE|DEBUG|INFO|WARN|ERROR) .*")).toList();
        assertFalse(logged.isEmpty(), String.join("\n", lines));
        logged.forEach(line -> assertTrue(line.matches(LOG_LINE), "ISO date and time, level, logger: " + line));
        assertTrue(lines.stream().noneMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")), "no time without a date");
        List<String> broken = lines.stream().filter(line -> line.contains(BROKEN)).toList();
        assertEquals(1, broken.size(), "the failing source once:\n" + String.join("\n", lines));
        assertTrue(broken.get(0).contains(" WARN  crawler - "), "at WARN: " + broken);
        assertTrue(lines.stream().noneMatch(line -> line.matches(".* crawl demo-[a-z]+: (OK|NOT_MODIFIED).*")),
                "no line per crawl at INFO:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches(LOG_LINE) && line.contains(" INFO  crawler - crawler ")
                && line.contains("publishing into segment")), "the crawler's INFO line kept its level");

        Path file = dataDir.resolve("logs/app.log");
        assertTrue(Files.isRegularFile(file), "the log file in the data directory");
        List<String> written = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(written.stream().anyMatch(line -> line.contains(BROKEN)), String.join("\n", written));
        written.forEach(line -> assertTrue(line.matches(LOG_LINE), "in the file too: " + line));
    }

    @Test
    void jsonLinesParseWithTimestampLevelLoggerAndMessage(@TempDir Path dataDir) throws Exception {
        List<String> lines;
        try (RunningApp app = new RunningApp("--demo", "--port", "0", "--data-dir", dataDir.toString(), "--segment",
                TestApp.uniqueSegment("log-json"), "--log-format", "json", "--log-file")) {
            app.await("failure of the broken demo source", WAIT, line -> line.contains("crawl demo-broken: HTTP_ERROR"));
            lines = app.lines();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = lines.stream().filter(line -> line.startsWith("{")).toList();
        assertTrue(json.stream().anyMatch(line -> line.contains("crawl demo-broken: HTTP_ERROR")), String.join("\n", lines));
        List<String> written = Files.readAllLines(dataDir.resolve("logs/app.log"), StandardCharsets.UTF_8);
        assertFalse(written.isEmpty());
        for (String line : concat(json, written)) {
            JsonNode event = mapper.readTree(line);
            assertTrue(Instant.ofEpochMilli(event.get("timestamp").asLong()).isAfter(Instant.now().minus(Duration.ofHours(1))),
                    line);
            assertTrue(event.get("level").asText().matches("TRACE|DEBUG|INFO|WARN|ERROR"), line);
            assertFalse(event.get("loggerName").asText().isEmpty(), line);
            assertTrue(event.has("formattedMessage"), line);
        }
        JsonNode broken = mapper.readTree(json.stream().filter(line -> line.contains("crawl demo-broken")).findFirst()
                .orElseThrow());
        assertEquals("WARN", broken.get("level").asText());
        assertEquals("crawler", broken.get("loggerName").asText());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
