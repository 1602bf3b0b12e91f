/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations ({@code 500ms}, {@code 15m}) and sizes ({@code 2MB}) of config files. */
final class Units {
    static final String DURATION_RULE =
            "expected a whole number and a unit ms, s, m, h or d, like '500ms', '2s', '15m' or '1h'";
    static final String SIZE_RULE =
            "expected a whole number of bytes, or with a unit KB, MB or GB (1KB = 1024 bytes), like '512KB' or '2MB'";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB|KiB|MiB|GiB)?",
            Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /**
     * @return the duration written as a whole number and a unit
     * @throws IllegalArgumentException with {@link #DURATION_RULE} when {@code text} is not one
     */
    static Duration parseDuration(String text) {
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(DURATION_RULE);
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** @return true when {@code text} has the shape of a duration (used to tell intervals from cron) */
    static boolean looksLikeDuration(String text) {
        return DURATION.matcher(text.trim()).matches();
    }

    /**
     * @return the size in bytes; units are binary (1KB = 1024 bytes)
     * @throws IllegalArgumentException with {@link #SIZE_RULE} when {@code text} is not a size
     */
    static long parseSize(String text) {
        final Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(SIZE_RULE);
        }
        final long n = Long.parseLong(m.group(1));
        final String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        final long factor = switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> 1;
        };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException(SIZE_RULE);
        }
    }

    /** @return {@code d} as a config file writes it, in the largest unit that is exact: {@code 15m}, {@code 500ms} */
    static String format(Duration d) {
        final long ms = d.toMillis();
        final long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
        final String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
