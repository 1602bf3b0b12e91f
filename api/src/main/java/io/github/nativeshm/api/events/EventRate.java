/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.events;

/** Events per second, from the ring's write position sampled over a sliding few seconds. */
final class EventRate {
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private long windowStart = System.nanoTime();
    private long positionAtStart = -1;
    private volatile double perSecond;

    /** Samples the ring's write position (one thread calls this). */
    void observe(long writePosition) {
        long now = System.nanoTime();
        if (positionAtStart < 0 || writePosition < positionAtStart) {
            positionAtStart = writePosition; // first sample, or a re-created segment
            windowStart = now;
        } else if (now - windowStart >= WINDOW_NANOS) {
            perSecond = (writePosition - positionAtStart) * 1e9 / (now - windowStart);
            positionAtStart = writePosition;
            windowStart = now;
        }
    }

    double perSecond() {
        return perSecond;
    }
}
