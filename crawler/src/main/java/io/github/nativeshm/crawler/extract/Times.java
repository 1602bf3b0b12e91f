/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads publication times in the forms pages and feeds use, for one source:
 * <ul>
 *   <li>the source's {@code timeFormat}, when it has one, tried first;</li>
 *   <li>ISO 8601: {@code 2024-05-01T09:12:45.123+02:00}, with {@code +0200}, {@code Z} or no zone,
 *       a space instead of the {@code T}, or only the date;</li>
 *   <li>RFC 822/1123 as in RSS: {@code Wed, 01 May 2024 11:23:45 -0500}, without the weekday or the
 *       seconds, with a 2-digit year ({@code 24} is 2024, {@code 99} is 1999), with {@code GMT},
 *       {@code UT} or a US zone name such as {@code PDT};</li>
 *   <li>UNIX time in seconds, whole or not ({@code 1671811200.5}), or in milliseconds.</li>
 * </ul>
 * Times written without a zone are in the source's {@code timeZone}. A value such as Hacker News'
 * {@code 2024-05-01T09:12:45 1714554765} is read by its first word when the whole does not parse.
 */
final class Times {
    /** No custom format; times without a zone are UTC. */
    static final Times UTC = new Times(Optional.empty(), ZoneOffset.UTC);

    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,15}(\\.\\d{1,9})?");
    // 1e11 seconds is the year 5138, while 1e11 milliseconds is 1973: larger values are milliseconds.
    private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
    private static final Pattern ISO_DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SPACE_BEFORE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:)");
    // The weekday adds nothing to the date, and sites get it wrong; dropping it spares a mismatch.
    private static final Pattern LEADING_WEEKDAY = Pattern.compile("^[A-Za-z]+,\\s*");
    // RFC 822 allows these zone names; java.time parses only numeric offsets reliably.
    private static final Map<String, String> ZONE_NAMES = Map.ofEntries(
            Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"),
            Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter RFC_822 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(' ')
            .appendText(MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
            .appendValueReduced(YEAR, 2, 4, 1950).appendLiteral(' ')
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':').appendValue(MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendLiteral(' ').appendOffset("+HHMM", "+0000").optionalEnd()
            .toFormatter(Locale.ENGLISH);
    private static final List<DateTimeFormatter> BUILT_IN = List.of(ISO, RFC_822);

    private final Optional<DateTimeFormatter> custom;
    private final ZoneId zone;

    /**
     * @param custom the source's own format, tried before the built-in ones
     * @param zone   the zone of times written without one
     */
    Times(Optional<DateTimeFormatter> custom, ZoneId zone) {
        this.custom = custom;
        this.zone = zone;
    }

    /** @return the reader for {@code source}'s {@code timeFormat} and {@code timeZone} */
    static Times of(SourceConfig source) {
        return new Times(source.timeFormatter(), source.timeZone());
    }

    /**
     * @param text a time as a page or feed writes it, or null
     * @return the instant, or null when {@code text} is null, blank or not understood
     */
    Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final String s = text.strip();
        final Instant own = custom.map(f -> parse(f, s)).orElse(null);
        if (own != null) {
            return own;
        }
        final Instant whole = parseBuiltIn(s);
        if (whole != null) {
            return whole;
        }
        final String iso = isoT(s);
        final int space = iso.indexOf(' ');
        return space > 0 && ISO_DATE_START.matcher(iso).lookingAt() ? parseBuiltIn(iso.substring(0, space)) : null;
    }

    private Instant parseBuiltIn(String s) {
        if (EPOCH.matcher(s).matches()) {
            return epoch(new BigDecimal(s));
        }
        final String normalised = isoT(LEADING_WEEKDAY.matcher(zoneNameAsOffset(s)).replaceFirst(""));
        for (DateTimeFormatter f : BUILT_IN) {
            final Instant t = parse(f, normalised);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** @return the instant {@code s} stands for in {@code format}, or null when it does not hold a date */
    private Instant parse(DateTimeFormatter format, String s) {
        final TemporalAccessor parsed;
        try {
            parsed = format.parse(s);
        } catch (DateTimeParseException notThisFormat) {
            return null;
        }
        final LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            return null;
        }
        final LocalTime time = parsed.query(TemporalQueries.localTime());
        final ZoneId written = parsed.query(TemporalQueries.zone());
        return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, written == null ? zone : written)
                .toInstant();
    }

    /** Seconds, or milliseconds when the number is too large for seconds. */
    private static Instant epoch(BigDecimal n) {
        final BigDecimal seconds = n.abs().compareTo(MILLIS_THRESHOLD) >= 0 ? n.movePointLeft(3) : n;
        final long nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds.longValue(), nanos);
    }

    private static String isoT(String s) {
        return SPACE_BEFORE_TIME.matcher(s).replaceFirst("$1T$2");
    }

    private static String zoneNameAsOffset(String s) {
        final int space = s.lastIndexOf(' ');
        final String offset = ZONE_NAMES.get(s.substring(space + 1).toUpperCase(Locale.ROOT));
        return offset == null ? s : s.substring(0, space + 1) + offset;
    }
}
