/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool's own view of its progress, which the crawler's heartbeat depends on. */
class WorkerPoolTest {
    @Test
    void aTaskRunningPastTheLimitIsAStallUntilItEnds() throws Exception {
        final WorkerPool pool = new WorkerPool(2, task -> new Thread(task, "pool-test-worker"));
        try {
            final CountDownLatch started = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), pool.stall(Duration.ofSeconds(5)), "busy, but not for long");
            Thread.sleep(300);
            final Optional<String> stall = pool.stall(Duration.ofMillis(200));
            assertTrue(stall.orElse("").startsWith("pool-test-worker has been running one task for"), stall.toString());

            release.countDown();
            final CountDownLatch after = new CountDownLatch(1);
            pool.execute(after::countDown); // runs once the stuck task has ended
            assertTrue(after.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertEquals(Optional.empty(), pool.stall(Duration.ofMillis(200)), "progress again");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
