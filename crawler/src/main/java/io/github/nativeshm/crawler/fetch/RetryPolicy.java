/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When to try again and how long to wait first. */
final class RetryPolicy {
    private final Duration base;
    private final Duration max;

    RetryPolicy(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /**
     * Whether a response with this status may succeed if asked again: timeouts (408), rate limits
     * (429) and server errors, except "not implemented" (501) and "version not supported" (505).
     */
    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /**
     * The wait before retry number {@code retry} (1-based): uniformly random in
     * {@code [0, min(max, base * 2^(retry-1))]} ("full jitter"), so that clients that failed
     * together do not retry together.
     */
    Duration backoff(int retry) {
        final long baseNanos = base.toNanos();
        final long maxNanos = max.toNanos();
        final int shift = Math.min(retry - 1, 62);
        final long cap = baseNanos > (maxNanos >> shift) ? maxNanos : baseNanos << shift; // no overflow
        return Duration.ofNanos(cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /**
     * The wait a {@code Retry-After} value asks for: delay-seconds or an HTTP-date (RFC 9110
     * 10.2.3). A date in the past means no wait; anything unreadable means no instruction.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        final String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE)); // more digits than a long: "not soon"
            }
        }
        try {
            final Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
