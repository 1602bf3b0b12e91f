/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static io.github.nativeshm.crawler.extract.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Times as sites write them, read by a source without timeFormat and with one. */
class TimesTest {
    private static final Times NEW_YORK = new Times(Optional.empty(), ZoneId.of("America/New_York"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # ISO 8601, with and without zone, a space for the T, fractions of a second
            2024-05-01T09:12:45Z                | 2024-05-01T09:12:45Z
            2024-05-01T11:12:45+02:00           | 2024-05-01T09:12:45Z
            2024-05-01T11:12:45+0200            | 2024-05-01T09:12:45Z
            2024-05-01T04:12:45 -0500           | 2024-05-01T09:12:45Z
            2024-05-01T09:12:45                 | 2024-05-01T09:12:45Z
            2024-05-01 09:12:45                 | 2024-05-01T09:12:45Z
            2024-05-01 09:12:45 UTC             | 2024-05-01T09:12:45Z
            2024-05-01 09:12                    | 2024-05-01T09:12:00Z
            2024-05-01T09:12:45.123Z            | 2024-05-01T09:12:45.123Z
            2024-05-01 09:12:45.123456          | 2024-05-01T09:12:45.123456Z
            2024-05-01                          | 2024-05-01T00:00:00Z
            2024-05-01T09:12:45 1714554765      | 2024-05-01T09:12:45Z
            # RFC 1123 and 822: weekday or not, zone names or offsets, 2-digit years, no seconds
            Wed, 01 May 2024 09:12:45 GMT       | 2024-05-01T09:12:45Z
            Wed, 1 May 2024 04:12:45 -0500      | 2024-05-01T09:12:45Z
            Wed, 01 May 2024 05:12:45 EDT       | 2024-05-01T09:12:45Z
            Wed, 01 May 2024 04:12:45 EST       | 2024-05-01T09:12:45Z
            Wed, 01 May 2024 02:12:45 PDT       | 2024-05-01T09:12:45Z
            01 May 2024 09:12:45 UT             | 2024-05-01T09:12:45Z
            Wednesday, 01 May 2024 09:12:45 +0000 | 2024-05-01T09:12:45Z
            wed, 01 may 2024 09:12:45 gmt       | 2024-05-01T09:12:45Z
            Wed, 01 May 24 09:12:45 GMT         | 2024-05-01T09:12:45Z
            Sat, 01 May 99 09:12:45 +0000       | 1999-05-01T09:12:45Z
            Wed, 01 May 2024 09:12 GMT          | 2024-05-01T09:12:00Z
            Wed, 01 May 2024 09:12:45           | 2024-05-01T09:12:45Z
            # UNIX time: seconds, whole or not, and milliseconds
            1714554765                          | 2024-05-01T09:12:45Z
            1714554765.0                        | 2024-05-01T09:12:45Z
            1714554765.5                        | 2024-05-01T09:12:45.5Z
            1714554765000                       | 2024-05-01T09:12:45Z
            1714554765123                       | 2024-05-01T09:12:45.123Z
            """)
    void readsTheCommonShapes(String text, Instant expected) {
        assertEquals(expected, Times.UTC.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "3 hours ago", "yesterday-ish", "Wed, 01 May 2024", "2024-13-01", "1.2.3"})
    void unreadableTextIsNull(String text) {
        assertNull(Times.UTC.parse(text));
    }

    @Test
    void timesWithoutZoneAreInTheSourcesZone() {
        assertEquals(Instant.parse("2024-05-01T09:12:45Z"), NEW_YORK.parse("2024-05-01 05:12:45"));
        assertEquals(Instant.parse("2024-05-01T09:12:45Z"), NEW_YORK.parse("Wed, 01 May 2024 05:12:45"));
        assertEquals(Instant.parse("2024-05-01T04:00:00Z"), NEW_YORK.parse("2024-05-01"));
        assertEquals(Instant.parse("2024-05-01T09:12:45Z"), NEW_YORK.parse("2024-05-01T09:12:45Z"));
        assertEquals(Instant.parse("2024-05-01T09:12:45Z"), NEW_YORK.parse("1714554765"));
    }

    @Test
    void theSourcesTimeFormatComesFirstInItsZoneAndIgnoresCase() {
        final Times slashdot = Times.of(source("""
                - id: slashdot
                  kind: rss
                  url: https://rss.slashdot.org/Slashdot/slashdotMain
                  schedule: 1h
                  timeFormat: "EEEE MMMM d, yyyy '@'hh:mma"
                  timeZone: America/New_York
                """));
        final Instant fourPmInNewYork = Instant.parse("2022-12-23T21:00:00Z");
        assertEquals(fourPmInNewYork, slashdot.parse("Friday December 23, 2022 @04:00PM"));
        assertEquals(fourPmInNewYork, slashdot.parse("FRIDAY december 23, 2022 @04:00pm"));
        assertEquals(Instant.parse("2022-12-23T16:00:00Z"), slashdot.parse("2022-12-23T16:00:00Z"), "built-in");
        assertEquals(fourPmInNewYork, slashdot.parse("2022-12-23 16:00"), "built-in, in the source's zone");
        assertNull(slashdot.parse("Friday December 23, 2022"));
    }

    @Test
    void aTimeFormatOfDigitsIsTriedBeforeUnixTime() {
        final Times compact = Times.of(source("""
                - id: compact
                  kind: rss
                  url: https://x.example/feed
                  schedule: 1h
                  timeFormat: yyyyMMdd
                  timeZone: "+08:00"
                """));
        assertEquals(Instant.parse("2022-12-22T16:00:00Z"), compact.parse("20221223"));
    }
}
