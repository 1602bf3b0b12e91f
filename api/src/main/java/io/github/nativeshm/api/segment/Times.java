/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import java.time.Instant;

/** Milliseconds since 1970 as the API shows them. */
final class Times {
    private Times() {
    }

    /** ISO-8601 UTC, or null for 0 (never / unknown). */
    static String iso(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
