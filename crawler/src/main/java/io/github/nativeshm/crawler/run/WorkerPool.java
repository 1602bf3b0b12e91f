/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of worker threads that can tell whether it is making progress: a task running for
 * too long is a stall (queued tasks wait only while every worker is busy, so a pool whose queue
 * does not move always has such a task). The crawler's
 * heartbeat stops while its workers stall, so that the api's supervisor restarts a crawler that is
 * alive but no longer working.
 */
final class WorkerPool extends ThreadPoolExecutor {
    /** When each busy worker started its current task (nanoTime). */
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();

    WorkerPool(int threads, ThreadFactory factory) {
        super(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }

    @Override
    protected void beforeExecute(Thread worker, Runnable task) {
        running.put(worker, System.nanoTime());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        running.remove(Thread.currentThread());
    }

    /**
     * @return how the pool is stuck, when a task has run longer than {@code limit}; empty while it
     *         makes progress or has nothing to do
     */
    Optional<String> stall(Duration limit) {
        final long now = System.nanoTime();
        for (Map.Entry<Thread, Long> busy : running.entrySet()) {
            final long ran = now - busy.getValue();
            if (ran > limit.toNanos()) {
                return Optional.of(busy.getKey().getName() + " has been running one task for "
                        + TimeUnit.NANOSECONDS.toSeconds(ran) + " s");
            }
        }
        return Optional.empty();
    }
}
