/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import com.sun.jna.Pointer;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link ChangeSignals} for systems with neither futexes nor named events: {@link #await} re-reads
 * the word after pauses that double from 50 µs to 10 ms, so it sees a change at most about 10 ms
 * (plus scheduling delay) after it happens, and {@link #wakeAll} has nothing to do. The key is not
 * used. Stateless and thread-safe; like the native waits, {@link #await} is not cut short by
 * {@link Thread#interrupt()} and leaves the interrupt status set.
 */
public final class PollingSignals implements ChangeSignals {
    static final long FIRST_PAUSE_NANOS = 50_000;
    static final long LONGEST_PAUSE_NANOS = 10_000_000;

    @Override
    public void await(long wordAddress, int expected, long timeoutNanos, String key) {
        Pointer word = new Pointer(wordAddress);
        long deadline = System.nanoTime() + timeoutNanos; // may wrap; the differences below stay right
        long pause = FIRST_PAUSE_NANOS;
        boolean interrupted = false;
        try {
            for (long remaining = timeoutNanos; remaining > 0 && readAcquire(word) == expected;
                 remaining = deadline - System.nanoTime()) {
                LockSupport.parkNanos(Math.min(pause, remaining));
                // An interrupted thread would not park again: clear the status, restore it on the way out.
                interrupted |= Thread.interrupted();
                pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Does nothing: waiters notice the change on their next poll. */
    @Override
    public void wakeAll(long wordAddress, String key) {
    }

    private static int readAcquire(Pointer word) {
        int value = word.getInt(0);
        VarHandle.acquireFence(); // whatever the caller reads after a change is not older than the change
        return value;
    }
}
