/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Levels: config problems at ERROR; a line per crawl at DEBUG, there when the {@code crawler} logger is at DEBUG. */
class LogLevelsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anInvalidCrawlerConfigIsLoggedAtError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                sources:
                  - id: x
                    kind: rss
                    url: ftp://example.com/feed
                    schedule: 1m
                """);
        try (LogCapture log = new LogCapture();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-config",
                     config.toString(), "app.segment", TestApp.uniqueSegment("log-config"), "micronaut.server.port", "-1",
                     "app.data-dir", dir.resolve("data").toString()))) {
            List<ILoggingEvent> problems = log.events().stream()
                    .filter(event -> event.getFormattedMessage().contains("invalid URL 'ftp://example.com/feed'")).toList();
            assertTrue(!problems.isEmpty() && problems.stream().allMatch(event -> event.getLevel() == Level.ERROR),
                    problems.toString());
        }
    }

    @Test
    void theCrawlerLoggerAtDebugGetsALinePerCrawl(@TempDir Path dir) throws Exception {
        // as <logger name="crawler" level="DEBUG"/> in a logback file (-Dlogback.configurationFile) does
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("crawler")).setLevel(Level.DEBUG);
        try (LogCapture log = new LogCapture();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.demo", "true",
                     "app.segment", TestApp.uniqueSegment("log-debug"), "micronaut.server.port", "-1",
                     "app.data-dir", dir.toString()))) {
            TestApp.await("a DEBUG line per crawl from the crawler", WAIT, () -> log.events().stream()
                    .anyMatch(event -> event.getLevel() == Level.DEBUG && event.getLoggerName().equals("crawler")
                            && event.getFormattedMessage().matches("crawl demo-[a-z]+: (OK|NOT_MODIFIED).*")));
        } finally {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("crawler")).setLevel(null);
        }
    }
}
