/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler;

import io.github.nativeshm.crawler.config.CrawlerConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int crawler(String... args) {
        return CrawlerCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void printsTheShippedConfig() {
        assertEquals(CrawlerCommand.OK, crawler("--print-default-config"));
        assertEquals(CrawlerConfig.defaultText(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesToStartWithABadConfigAndSaysWhy(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("bad.yaml"), """
                sources:
                  - id: x
                    kind: rss
                    url: ftp://example.com/feed
                    schedule: sometimes
                """);
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--once", "--config", config.toString(), "--segment", "never-created"));
        String errors = err.toString(StandardCharsets.UTF_8);
        // config problems are errors, each line with its date and time
        assertTrue(errors.lines().allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ ERROR .*")), errors);
        assertTrue(errors.lines().findFirst().orElseThrow().endsWith(" ERROR crawler: bad configuration, not starting:"),
                errors);
        assertTrue(errors.contains("bad.yaml: source 'x': field 'url': invalid URL 'ftp://example.com/feed'"), errors);
        assertTrue(errors.contains("bad.yaml: source 'x': field 'schedule': invalid schedule 'sometimes'"), errors);
    }

    @Test
    void aSourcesFileWhoseIdTheDefaultConfigHasIsRefusedNamingBothFiles(@TempDir Path directory) throws Exception {
        Path sources = Files.writeString(directory.resolve("sources.yaml"), """
                sources:
                  - {id: hn, kind: rss, url: "https://example.com/feed", schedule: 1h}
                """);
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--sources", sources.toString(), "--segment", "never-created"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("  " + sources + ": source 'hn': field 'id': duplicate "
                + "id 'hn': source #1 of default-config.yaml already uses it"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSourcesOptionAndExitCode4() {
        assertEquals(CrawlerCommand.OK, crawler("--help"));
        final String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--sources=FILE"), help);
        assertTrue(help.contains("4   the settings: block of the config changed while running"), help);
    }

    @Test
    void jsonNeedsOnceAndUnknownOptionsAreUsageErrors() {
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--json needs --once"));
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option: '--frobnicate'"));
    }

    @Test
    void sourceNeedsOnceAndAnIdTheConfigHas() {
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--source", "hn"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--source needs --once"));
        assertEquals(CrawlerCommand.BAD_CONFIG, crawler("--once", "--source", "hn", "--source", "nope",
                "--segment", "never-created"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("crawler: --source: no source with id [nope] in the "
                + "config; it has [hn, github-trending, lobsters, v2ex-hot]"), err.toString(StandardCharsets.UTF_8));
    }
}
