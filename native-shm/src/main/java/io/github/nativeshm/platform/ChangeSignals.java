/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

/**
 * Cross-process wake-ups on a 32-bit word in shared memory: a reader sleeps until the word
 * changes, a writer wakes every sleeper after changing it. Futexes on Linux, named event
 * objects on Windows.
 *
 * <p>Contract (the caller's side): the writer changes the word <em>before</em> calling
 * {@link #wakeAll}; the reader passes the value it last saw as {@code expected}. Then no wake-up
 * is lost: {@link #await} returns at once if the word already differs, and otherwise sleeps until
 * a wake, the timeout, or spuriously — callers re-check the word after every return.
 *
 * <p>Implementations report OS failures as {@link PlatformException}. The one for the running
 * system is chosen by the structured segments that use it; this package knows no implementation
 * but {@link PollingSignals}.
 */
public interface ChangeSignals {

    /**
     * Sleeps while the word at {@code wordAddress} equals {@code expected}, for at most
     * {@code timeoutNanos}.
     *
     * @param wordAddress native address of a 4-byte-aligned int inside a shared mapping
     * @param key         names the word across processes (Windows names its event after it);
     *                    the same key must be used by every process for the same word
     */
    void await(long wordAddress, int expected, long timeoutNanos, String key);

    /** Wakes every thread, in any process, sleeping in {@link #await} on this word. */
    void wakeAll(long wordAddress, String key);
}
