package io.github.nativeshm.crawler.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads publication times in the forms pages and feeds use: ISO 8601 (with or without offset; none
 * means UTC), RFC 822/1123 as in RSS ({@code Wed, 01 May 2024 11:23:45 -0500}, also with US zone
 * names), and epoch seconds or milliseconds. A value such as Hacker News'
 * {@code 2024-05-01T09:12:45 1714554765} is read by its first word when the whole does not parse.
 */
final class Times {
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,15}");
    // 1e11 seconds is the year 5138, while 1e11 milliseconds is 1973: larger values are milliseconds.
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final Pattern ISO_DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SPACE_BEFORE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:)");
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][ ]XX");
    // RFC 822 allows these zone names; java.time's RFC 1123 parser knows only GMT and offsets.
    private static final Map<String, String> ZONE_NAMES = Map.ofEntries(
            Map.entry("UT", "GMT"), Map.entry("UTC", "GMT"), Map.entry("Z", "GMT"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"),
            Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));

    private Times() {
    }

    /**
     * @param text a time as a page or feed writes it, or null
     * @return the instant, or null when {@code text} is null, blank or not understood
     */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final String s = text.strip();
        final Instant whole = parseOne(s);
        if (whole != null) {
            return whole;
        }
        final int space = s.indexOf(' ');
        return space > 0 && ISO_DATE_START.matcher(s).lookingAt() ? parseOne(s.substring(0, space)) : null;
    }

    /** @return the instant for epoch seconds, or milliseconds when the number is too large for seconds */
    static Instant epoch(long n) {
        return Math.abs(n) >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }

    private static Instant parseOne(String s) {
        if (DIGITS.matcher(s).matches()) {
            return epoch(Long.parseLong(s));
        }
        final String iso = SPACE_BEFORE_TIME.matcher(s).replaceFirst("$1T$2");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(iso, COMPACT_OFFSET).toInstant();
        } catch (DateTimeParseException notCompactOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(rfc1123Zone(s), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc) {
            return null;
        }
    }

    private static String rfc1123Zone(String s) {
        final int space = s.lastIndexOf(' ');
        final String zone = ZONE_NAMES.get(s.substring(space + 1));
        return zone == null ? s : s.substring(0, space + 1) + zone;
    }
}
