/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/** Checks and builds a source's {@code timeFormat} and {@code timeZone}. */
final class TimeFormats {
    private static final String ZONE_RULE = "use a region like 'America/New_York' or an offset like '+08:00'";
    // Written with the pattern and read back, to prove that the pattern reads a whole date.
    private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2022, 12, 23, 16, 4, 5, 0,
            ZoneId.of("America/New_York"));

    private TimeFormats() {
    }

    /**
     * @param pattern a {@link DateTimeFormatter} pattern, such as {@code EEEE MMMM d, yyyy '@'hh:mma}
     * @return a formatter that reads it case-insensitively, with English month and day names
     * @throws IllegalArgumentException naming the pattern and the reason when it is not a pattern
     *                                  or reads no whole date (a year, a month and a day)
     */
    static DateTimeFormatter formatter(String pattern) {
        final DateTimeFormatter formatter;
        try {
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .toFormatter(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid pattern '" + pattern + "': " + e.getMessage());
        }
        try {
            if (formatter.parse(formatter.format(SAMPLE)).query(TemporalQueries.localDate()) != null) {
                return formatter;
            }
        } catch (DateTimeException unreadable) {
            // reported below, like a pattern that reads only part of a date
        }
        throw new IllegalArgumentException("invalid pattern '" + pattern + "': it reads no whole date; it needs "
                + "a year (yyyy; YYYY is the week-based year), a month (MM or MMM) and a day (d), "
                + "like 'yyyy-MM-dd HH:mm'");
    }

    /**
     * @return {@code pattern}, once {@link #formatter} has accepted it
     * @throws IllegalArgumentException as {@link #formatter} does
     */
    static String checkedPattern(String pattern) {
        formatter(pattern);
        return pattern;
    }

    /**
     * @param text a zone id such as {@code America/New_York}, {@code UTC} or {@code +08:00}
     * @return the zone
     * @throws IllegalArgumentException naming the value and the reason when java.time knows no such zone
     */
    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid zone '" + text + "': " + e.getMessage() + "; " + ZONE_RULE);
        }
    }
}
