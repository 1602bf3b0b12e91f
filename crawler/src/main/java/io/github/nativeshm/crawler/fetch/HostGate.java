package io.github.nativeshm.crawler.fetch;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness towards one host: at most {@code concurrency} requests in flight, and request
 * <em>starts</em> at least {@code delay} apart. Start-to-start (not end-to-start) so that the rate
 * a host sees is bounded by {@code 1/delay} whatever the concurrency and however slow it answers.
 *
 * <p>A caller holds a permit from {@link #enter()} to {@link #leave()}; waits between retries are
 * spent outside, so a backing-off fetch does not block others to the same host.
 */
final class HostGate {
    private final Semaphore permits;
    private final long delayNanos;
    private long nextStart; // System.nanoTime() of the earliest allowed start; guarded by this

    HostGate(int concurrency, Duration delay) {
        this.permits = new Semaphore(concurrency, true);
        this.delayNanos = delay.toNanos();
        this.nextStart = System.nanoTime();
    }

    /**
     * Waits for a permit and then for this caller's start slot.
     *
     * @return nanoseconds waited
     */
    long enter() throws InterruptedException {
        final long begin = System.nanoTime();
        permits.acquire();
        try {
            final long start;
            synchronized (this) {
                final long now = System.nanoTime();
                start = nextStart - now > 0 ? nextStart : now;
                nextStart = start + delayNanos;
            }
            final long wait = start - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (InterruptedException e) {
            permits.release();
            throw e;
        }
        return System.nanoTime() - begin;
    }

    /** Gives the permit back. */
    void leave() {
        permits.release();
    }

    /** Lets no request start for {@code pause} from now (the host said {@code Retry-After}). */
    synchronized void holdOff(Duration pause) {
        final long until = System.nanoTime() + pause.toNanos();
        if (until - nextStart > 0) {
            nextStart = until;
        }
    }
}
