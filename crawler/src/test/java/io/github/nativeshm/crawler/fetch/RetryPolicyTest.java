/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.parseRetryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryPolicy.parseRetryAfter("Wed, 01 Jan 2025 12:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now),
                "a date in the past means go ahead");
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-5", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
        assertTrue(RetryPolicy.parseRetryAfter("99999999999999999999999", now).orElseThrow().toDays() > 1000);
    }

    @Test
    void transientStatusesAreRetriedPermanentOnesAreNot() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(RetryPolicy.isRetryable(status), "status " + status);
        }
        for (int status : new int[] {200, 304, 400, 403, 404, 410, 501, 505}) {
            assertFalse(RetryPolicy.isRetryable(status), "status " + status);
        }
    }

    @Test
    void backoffIsFullJitterUnderADoublingCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] caps = {100, 200, 400, 800, 1000, 1000};
        for (int retry = 1; retry <= caps.length; retry++) {
            Set<Long> seen = new HashSet<>();
            long largest = 0;
            for (int i = 0; i < 2000; i++) {
                long ms = policy.backoff(retry).toMillis();
                assertTrue(ms >= 0 && ms <= caps[retry - 1], "retry " + retry + " waited " + ms + " ms");
                seen.add(ms);
                largest = Math.max(largest, ms);
            }
            assertTrue(seen.size() > 10, "jittered, not fixed: " + seen);
            assertTrue(largest > caps[retry - 1] * 0.8, "reaches near the cap " + caps[retry - 1] + ": " + largest);
        }
        assertTrue(policy.backoff(200).toMillis() <= 1000, "no overflow on large retry counts");
    }
}
