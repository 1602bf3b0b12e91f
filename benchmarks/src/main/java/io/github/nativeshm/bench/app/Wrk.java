/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of {@code wrk} (the Debian package) and the figures of its report. */
record Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long requests, double bytesPerRequest, long errors,
           String report) {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern READ = Pattern.compile("requests in [\\d.]+\\w+, ([\\d.]+)([KMG]?B) read");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    static Wrk run(String url, int connections, Duration duration) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + report);
        }
        Matcher non2xx = NON_2XX.matcher(report);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        errors += report.lines().filter(line -> line.contains("Socket errors"))
                .flatMap(line -> NUMBER.matcher(line).results()).mapToLong(m -> Long.parseLong(m.group())).sum();
        long requests = (long) number(TOTAL, report);
        return new Wrk(number(RATE, report), percentile(report, "50%"), percentile(report, "99%"), requests,
                bytesRead(report) / Math.max(1, requests), errors, report);
    }

    private static double number(Pattern pattern, String report) throws IOException {
        Matcher matcher = pattern.matcher(report);
        if (!matcher.find()) {
            throw new IOException("unexpected wrk report:\n" + report);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double bytesRead(String report) throws IOException {
        Matcher matcher = READ.matcher(report);
        if (!matcher.find()) {
            throw new IOException("no bytes read in:\n" + report);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "KB" -> value * 1024;
            case "MB" -> value * 1024 * 1024;
            case "GB" -> value * 1024 * 1024 * 1024;
            default -> value;
        };
    }

    /** A latency percentile line such as {@code 99%   12.34ms}, in milliseconds. */
    private static double percentile(String report, String label) throws IOException {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s)").matcher(report);
        if (!matcher.find()) {
            throw new IOException("no " + label + " latency in:\n" + report);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
