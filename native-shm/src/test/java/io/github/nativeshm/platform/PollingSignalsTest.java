/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The polling fallback: it sees a change within its longest pause, and honours the timeout. */
class PollingSignalsTest {
    private static final String KEY = "poll";
    /** Slack for scheduling on a busy machine; a poller that slept far longer than it should fails. */
    private static final long SCHEDULING_SLACK = TimeUnit.MILLISECONDS.toNanos(90);

    private final PollingSignals signals = new PollingSignals();
    private final Memory memory = new Memory(Integer.BYTES);
    private final long word = Pointer.nativeValue(memory);

    @BeforeEach
    void startFromZero() {
        memory.setInt(0, 0); // malloc'd memory is not zeroed
    }

    @Test
    void seesAChangeWithinItsLongestPause() throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            memory.setInt(0, round);
            int expected = round;
            CompletableFuture<Long> wokeAt = CompletableFuture.supplyAsync(() -> {
                signals.await(word, expected, TimeUnit.SECONDS.toNanos(10), KEY);
                return System.nanoTime();
            }, task -> new Thread(task, "poller").start());
            Thread.sleep(300); // long enough for the back-off to reach its longest pause
            long changedAt = System.nanoTime();
            memory.setInt(0, round + 1);
            signals.wakeAll(word, KEY);
            long latency = wokeAt.get(5, TimeUnit.SECONDS) - changedAt;
            latencies.add(latency);
            assertTrue(latency < PollingSignals.LONGEST_PAUSE_NANOS + SCHEDULING_SLACK,
                    () -> "saw the change " + latency + " ns after it happened");
        }
        Collections.sort(latencies);
        System.out.println("polling wake-up latency µs (min, median, max): " + latencies.get(0) / 1000 + ", "
                + latencies.get(2) / 1000 + ", " + latencies.get(4) / 1000);
    }

    @Test
    void returnsAtOnceWhenTheWordAlreadyDiffers() {
        memory.setInt(0, 7);
        long nanos = timed(() -> signals.await(word, 6, TimeUnit.SECONDS.toNanos(10), KEY));
        assertTrue(nanos < TimeUnit.SECONDS.toNanos(1), () -> "took " + nanos + " ns");
    }

    @Test
    void honoursTheTimeout() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(50);
        long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
        assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns");
        assertTrue(nanos < timeout + PollingSignals.LONGEST_PAUSE_NANOS + SCHEDULING_SLACK,
                () -> "the last pause overshot the timeout: " + nanos + " ns");
    }

    @Test
    void anInterruptNeitherEndsTheWaitNorIsLost() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(100);
        Thread.currentThread().interrupt();
        try {
            long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
            assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
        } finally {
            Thread.interrupted();
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }
}
