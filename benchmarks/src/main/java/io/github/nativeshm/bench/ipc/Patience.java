/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.util.concurrent.TimeUnit;

/**
 * Busy-spinning with a way out: every empty spin calls {@link #idle()}, which now and then checks
 * a deadline so that a process whose peer died does not spin forever.
 */
final class Patience {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String what;
    private int spins;
    private long deadline;

    Patience(String what) {
        this.what = what;
    }

    /** One empty spin: a pause instruction, and every 64 Ki spins a look at the clock. */
    void idle() {
        Thread.onSpinWait();
        if ((++spins & 0xFFFF) == 0) {
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + TIMEOUT_NANOS;
            } else if (now - deadline > 0) {
                throw new IllegalStateException("waited " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS)
                        + " s for " + what + "; the other process stopped answering");
            }
        }
    }

    /** Progress was made: the next wait gets a fresh deadline. */
    void reset() {
        spins = 0;
        deadline = 0;
    }
}
