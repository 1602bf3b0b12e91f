/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wrk} (the Debian package) against {@code /api/items} for a few seconds while the crawler
 * writes: every response must be a 200. Throughput is printed, not asserted (see
 * docs/benchmarks.md for measured figures).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "wrk is a Debian package; the Windows CI job has none")
class LoadCheckTest implements TestPropertyProvider {
    static final String WRK = "/usr/bin/wrk";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("app.demo", "true", "app.demo-tick", "1s", "app.segment", TestApp.uniqueSegment("load"),
                "micronaut.server.port", "-1");
    }

    @Test
    void itemsAnswerEveryRequestUnderLoad() throws Exception {
        assertTrue(new java.io.File(WRK).canExecute(), "wrk is missing: apt-get install wrk (.ci/run does)");
        Http http = new Http(server.getURI());
        TestApp.await("items to crawl", Duration.ofSeconds(60), () -> http.get("/api/items").status() == 200
                && http.get("/api/items").json().get("total").asInt() > 0);

        String report = wrk(server.getURI().resolve("/api/items?limit=50").toString(), Duration.ofSeconds(5));
        System.out.println("wrk /api/items:\n" + report);
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(report);
        assertTrue(requests.find(), report);
        assertTrue(Long.parseLong(requests.group(1)) > 100, report);
        assertFalse(report.contains("Non-2xx or 3xx responses"), report);
        assertFalse(report.contains("Socket errors"), report);
    }

    static String wrk(String url, Duration duration) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(WRK, "-t2", "-c16", "-d" + duration.toSeconds() + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS), "wrk did not finish");
        assertEquals(0, wrk.exitValue(), report);
        return report;
    }
}
