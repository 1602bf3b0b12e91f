/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Politeness towards one host: at most {@code concurrency} requests in flight, and requests
 * <em>arriving</em> at least the host's delay apart. A request starts a delay after the previous
 * one started and also a delay after that one's response began: a request may take a while to
 * reach the host (a new connection on a busy machine), but it has surely arrived once its answer
 * comes, so the host never sees two requests closer than the delay, while a host that answers
 * at once is asked at the full rate of one request per delay. The delay is the larger of the
 * configured one and the host's robots.txt {@code Crawl-delay}.
 *
 * <p>Nobody waits on a thread: {@link #enter()} returns a future completed when the caller's turn
 * comes, callers are served first come first served, and the shared timer wakes the gate when
 * the next start is due. A caller holds its turn until {@link #leave()}; waits between retries are
 * spent outside, so a backing-off fetch does not hold up others to the same host.
 */
final class HostGate {
    private final int concurrency;
    private final long configuredDelayNanos;
    private final ScheduledExecutorService timer;
    // Guarded by this:
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    private long delayNanos;
    private long nextStart = System.nanoTime(); // the earliest allowed start
    private int inFlight;
    private boolean wakeUpScheduled;

    /** A caller's place in the queue; completes with the nanoseconds it waited. */
    private static final class Turn extends CompletableFuture<Long> {
        private final long queuedAt = System.nanoTime();
    }

    HostGate(int concurrency, Duration delay, ScheduledExecutorService timer) {
        this.concurrency = concurrency;
        this.configuredDelayNanos = delay.toNanos();
        this.delayNanos = configuredDelayNanos;
        this.timer = timer;
    }

    /**
     * Queues for a turn. Cancelling the returned future gives up the place in the queue (or, if
     * the turn came meanwhile, the turn itself).
     *
     * @return completes with the nanoseconds waited, when the caller may start its request
     */
    CompletableFuture<Long> enter() {
        final Turn turn = new Turn();
        synchronized (this) {
            waiting.add(turn);
        }
        admit();
        return turn;
    }

    /** Ends a turn from {@link #enter()}, letting the next caller in. */
    void leave() {
        synchronized (this) {
            inFlight--;
        }
        admit();
    }

    /** A response began to arrive: its request has reached the host, so the next may start a delay from now. */
    void responding() {
        synchronized (this) {
            final long earliest = System.nanoTime() + delayNanos;
            if (earliest - nextStart > 0) {
                nextStart = earliest;
            }
        }
    }

    /** Lets no request start for {@code pause} from now (the host said {@code Retry-After}). */
    void holdOff(Duration pause) {
        synchronized (this) {
            final long until = System.nanoTime() + pause.toNanos();
            if (until - nextStart > 0) {
                nextStart = until;
            }
        }
        admit();
    }

    /**
     * Applies the host's robots.txt {@code Crawl-delay}: starts are then at least the larger of it
     * and the configured delay apart.
     */
    synchronized void crawlDelay(Duration crawlDelay) {
        delayNanos = Math.max(configuredDelayNanos, crawlDelay.toNanos());
    }

    /** The least time between two starts now: the configured delay or the robots.txt Crawl-delay. */
    synchronized Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Starts every caller whose turn has come; schedules a wake-up for the next one otherwise. */
    private void admit() {
        final List<Turn> admitted = new ArrayList<>(1);
        synchronized (this) {
            while (inFlight < concurrency && !waiting.isEmpty()) {
                if (waiting.peek().isDone()) { // cancelled while queued
                    waiting.poll();
                    continue;
                }
                final long now = System.nanoTime();
                if (nextStart - now > 0) {
                    if (!wakeUpScheduled) {
                        scheduleWakeUp(nextStart - now);
                    }
                    break;
                }
                inFlight++;
                nextStart = now + delayNanos;
                admitted.add(waiting.poll());
            }
        }
        // Completed outside the lock: the callers' next steps run in this thread.
        for (Turn turn : admitted) {
            if (!turn.complete(System.nanoTime() - turn.queuedAt)) {
                leave(); // cancelled just as its turn came
            }
        }
    }

    private void scheduleWakeUp(long inNanos) {
        try {
            timer.schedule(this::wakeUp, inNanos, TimeUnit.NANOSECONDS);
            wakeUpScheduled = true;
        } catch (RejectedExecutionException e) {
            // The fetcher is closing; it cancels every fetch, queued ones included.
        }
    }

    private void wakeUp() {
        synchronized (this) {
            wakeUpScheduled = false;
        }
        admit();
    }
}
