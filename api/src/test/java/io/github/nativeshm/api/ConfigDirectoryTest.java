/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <config-dir>/app.yml}: read by a real start as Micronaut configuration, refused naming the file when broken. */
class ConfigDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void theAppReadsAppYmlFromTheConfigFolderBelowTheCommandLine() throws Exception {
        Path config = Files.createDirectories(temp.resolve("config"));
        Files.writeString(config.resolve("app.yml"), """
                app:
                  segment: %s
                  stale-heartbeat: 7s
                  crawler-silence: 45s
                """.formatted(TestApp.uniqueSegment("cfg")));
        Application app = new Application();
        new CommandLine(app).parseArgs("--config-dir", config.toString(), "--data-dir", temp.resolve("data").toString(),
                "--no-crawler", "--port", "0", "--segment", "from-command-line");
        try (ApplicationContext context = app.start()) {
            AppSettings settings = context.getBean(AppSettings.class);
            assertEquals(Duration.ofSeconds(7), settings.getStaleHeartbeat());
            assertEquals(Duration.ofSeconds(45), settings.getCrawlerSilence());
            assertEquals("from-command-line", settings.getSegment(), "the command line beats app.yml");
            assertEquals(config.toAbsolutePath().toString(), context.getProperty("app.config-dir", String.class).orElseThrow());
        }
    }

    @Test
    void aBrokenAppYmlStopsTheStartNamingTheFile() throws Exception {
        Path config = Files.createDirectories(temp.resolve("config"));
        Path file = Files.writeString(config.resolve("app.yml"), "app:\n  segment: [unclosed\n");
        AppProcess.Result result = AppProcess.run(Duration.ofSeconds(60), Map.of(), "--config-dir", config.toString(),
                "--data-dir", temp.resolve("data").toString(), "--no-crawler", "--port", "0");
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains(file.toAbsolutePath().toString()), result.err());
        assertTrue(Files.notExists(temp.resolve("data")), "nothing started");
    }

    @Test
    void withoutAppYmlTheDefaultsApply() {
        assertTrue(ConfigDirectory.read(temp).isEmpty());
    }
}
