/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.sources.SourceFiles;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourcesFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api's sources file is never left half-written: the api, a process of its own, is killed
 * (SIGKILL) in the middle of a burst of changes; the file then parses and holds whole entries, and
 * the next start goes on from it.
 */
class SourcesFileCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void killingTheApiDuringABurstOfChangesLeavesAWholeFile() throws Exception {
        Path dataDir = Files.createTempDirectory("native-shm-crash-");
        for (int round = 0; round < 3; round++) {
            AtomicInteger written = new AtomicInteger();
            Process app = start(dataDir);
            try {
                Http http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
                TestApp.await("the api answering", WAIT, () -> {
                    try {
                        return http.get("/api/status").status() == 200;
                    } catch (AssertionError e) {
                        return false;
                    }
                });
                Thread burst = new Thread(() -> {
                    String[] auth = {"Authorization", "Bearer " + TestApp.TOKEN};
                    for (int i = 0; ; i++) {
                        String id = "crash-" + (i % 40);
                        String body = """
                                {"id": "%s", "name": "Crash %d with a name long enough to make the file big", "kind": "rss",
                                 "url": "http://127.0.0.1:9/feed-%d.xml", "schedule": "1h", "tags": ["crash", "n%d"]}
                                """.formatted(id, i, i, i % 7);
                        try {
                            Http.Answer answer = http.sendBody("POST", "/api/sources", "application/json", body, auth);
                            if (answer.status() == 409) {
                                answer = http.sendBody(i % 3 == 0 ? "DELETE" : "PUT", "/api/sources/" + id,
                                        "application/json", body, auth);
                            }
                            if (answer.status() / 100 == 2) {
                                written.incrementAndGet();
                            }
                        } catch (AssertionError e) {
                            return; // the api is gone
                        }
                    }
                }, "burst");
                burst.setDaemon(true);
                burst.start();
                TestApp.await("changes being written", WAIT, () -> written.get() >= 30);
                Thread.sleep(37L * (round + 1));
                app.destroyForcibly();
                assertTrue(app.waitFor(20, TimeUnit.SECONDS));
                burst.join(30_000);
            } finally {
                app.destroyForcibly();
            }
            Path file = dataDir.resolve(SourceFiles.FILE);
            List<Map<String, Object>> entries = SourcesFile.readRaw(file); // parses
            for (Map<String, Object> entry : entries) {
                assertEquals(List.of("id", "name", "kind", "url", "schedule", "tags"), new ArrayList<>(entry.keySet()),
                        "a whole entry: " + entry);
            }
            assertTrue(written.get() >= 30, "changes were made: " + written);
            CrawlerConfig whole = CrawlerConfig.read(Optional.empty(), Optional.of(file)); // valid as a whole
            assertEquals(entries.size() + CrawlerConfig.defaults().sources().size(), whole.sources().size());
        }
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A killed api leaves its segments behind (its command segment at least): remove them. */
    @AfterEach
    void removeTheKilledAppsSegments() {
        for (String segment : segments) {
            for (String name : List.of(segment, segment + ".cmd")) {
                try {
                    Segment.unlink(name);
                } catch (SegmentException ignored) {
                    // never created
                }
            }
        }
    }

    private final List<String> segments = new ArrayList<>();
    private int port;

    private Process start(Path dataDir) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String segment = TestApp.uniqueSegment("crash");
        segments.add(segment);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName(), "--no-crawler",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--segment", segment));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app-" + port + ".log").toFile());
        builder.environment().put("APP_TOKEN", TestApp.TOKEN);
        return builder.start();
    }
}
