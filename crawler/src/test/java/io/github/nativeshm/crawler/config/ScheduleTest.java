/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant T = Instant.parse("2024-05-01T10:07:30Z");

    @Test
    void intervalRunsThatLongAfterTheReference() {
        final Schedule s = Schedule.parse("15m");
        assertEquals(new Schedule.Every(Duration.ofMinutes(15), "15m"), s);
        assertEquals(Instant.parse("2024-05-01T10:22:30Z"), s.next(T));
        assertEquals(Instant.parse("2024-05-01T11:07:30Z"), Schedule.parse("1h").next(T));
        assertEquals(Instant.parse("2024-05-02T10:07:30Z"), Schedule.parse("1d").next(T));
        assertEquals("15m", s.text());
    }

    @Test
    void cronRunsAtTheNextMatchingMinuteInUtc() {
        final Schedule every20 = Schedule.parse("*/20 * * * *");
        assertInstanceOf(Schedule.CronSchedule.class, every20);
        assertEquals(Instant.parse("2024-05-01T10:20:00Z"), every20.next(T));
        assertEquals(Instant.parse("2024-05-01T10:40:00Z"), every20.next(Instant.parse("2024-05-01T10:20:00Z")));
        assertEquals(Instant.parse("2024-05-01T10:30:00Z"), Schedule.parse("0,30 * * * *").next(T));
        // 2024-05-01 is a Wednesday; the next weekday 09:00 is Thursday's.
        assertEquals(Instant.parse("2024-05-02T09:00:00Z"), Schedule.parse("0 9 * * MON-FRI").next(T));
        assertEquals(Instant.parse("2024-05-06T09:00:00Z"),
                Schedule.parse("0 9 * * MON-FRI").next(Instant.parse("2024-05-03T09:00:00Z")));
        assertEquals(Instant.parse("2024-06-01T00:00:00Z"), Schedule.parse("0 0 1 * *").next(T));
        assertEquals("*/20 * * * *", every20.text());
    }

    @Test
    void rejectsWhatIsNeitherWithTheRule() {
        assertMessage("invalid schedule '500ms': intervals must be at least 1s", "500ms");
        assertMessage("invalid schedule 'soon': " + Schedule.RULE, "soon");
        assertMessage("invalid schedule '61 * * * *': Value 61 not in range [0, 59]; " + Schedule.RULE, "61 * * * *");
        assertMessage("invalid schedule '0 0 * * * *': Cron expression contains 6 parts but we expect one of [5]; "
                + Schedule.RULE, "0 0 * * * *");
        assertMessage("invalid schedule '0 0 30 2 *': it never fires", "0 0 30 2 *");
    }

    private static void assertMessage(String expected, String text) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Schedule.parse(text)).getMessage());
    }
}
