/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a source is crawled: either a fixed interval ({@code 15m}, at least one minute) or a
 * 5-field UNIX cron expression ({@code minute hour day-of-month month day-of-week}, as in crontab,
 * evaluated in UTC; no seconds field, no {@code @hourly} nicknames).
 */
public sealed interface Schedule permits Schedule.Every, Schedule.CronSchedule {
    /** The shortest interval accepted; anything faster is impolite to the sites crawled. */
    Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** What {@link #parse} accepts, for error messages. */
    String RULE = "expected an interval of at least 1s like '15m' or '1h', "
            + "or a 5-field UNIX cron expression (UTC) like '*/20 * * * *'";

    /**
     * @param after the reference time, usually now or the last run
     * @return the first time strictly after {@code after} at which the source is due
     */
    Instant next(Instant after);

    /** @return the schedule as written in the config file */
    String text();

    /**
     * Reads a schedule as written in a config file.
     *
     * @param text an interval like {@code 15m} or a UNIX cron expression like {@code 0 * * * *}
     * @return the schedule
     * @throws IllegalArgumentException naming the value and what is allowed when {@code text} is neither
     */
    static Schedule parse(String text) {
        final String trimmed = text.trim();
        if (Units.looksLikeDuration(trimmed)) {
            final Duration interval = Units.parseDuration(trimmed);
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException(
                        "invalid schedule '" + text + "': intervals must be at least 1s");
            }
            return new Every(interval, trimmed);
        }
        if (!trimmed.contains(" ")) {
            throw new IllegalArgumentException("invalid schedule '" + text + "': " + RULE);
        }
        return CronSchedule.parse(trimmed);
    }

    /**
     * A fixed interval.
     *
     * @param interval time between two runs, at least {@link #MIN_INTERVAL}
     * @param text     the interval as written, like {@code 15m}
     */
    record Every(Duration interval, String text) implements Schedule {
        /** @throws IllegalArgumentException when the interval is below {@link #MIN_INTERVAL} */
        public Every {
            Objects.requireNonNull(text, "text");
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("interval must be at least 1s, interval=" + interval);
            }
        }

        @Override
        public Instant next(Instant after) {
            return after.plus(interval);
        }
    }

    /** A UNIX cron expression, evaluated in UTC. */
    final class CronSchedule implements Schedule {
        private static final CronParser PARSER =
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        private final String text;
        private final ExecutionTime executionTime;

        private CronSchedule(String text, ExecutionTime executionTime) {
            this.text = text;
            this.executionTime = executionTime;
        }

        static CronSchedule parse(String text) {
            final Cron cron;
            try {
                cron = PARSER.parse(text).validate();
            } catch (IllegalArgumentException e) {
                final String reason = String.valueOf(e.getMessage())
                        .replaceFirst("^Failed to parse cron expression\\. ", "");
                throw new IllegalArgumentException("invalid schedule '" + text + "': " + reason + "; " + RULE);
            }
            final ExecutionTime time = ExecutionTime.forCron(cron);
            // A valid expression can still name no real date (Feb 30): refuse it rather than never run.
            final ZonedDateTime epoch = Instant.EPOCH.atZone(ZoneOffset.UTC);
            if (time.nextExecution(epoch).isEmpty()) {
                throw new IllegalArgumentException("invalid schedule '" + text + "': it never fires");
            }
            return new CronSchedule(text, time);
        }

        @Override
        public Instant next(Instant after) {
            return executionTime.nextExecution(after.atZone(ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalStateException("cron '" + text + "' has no run after " + after));
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CronSchedule other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "cron '" + text + "'";
        }
    }
}
