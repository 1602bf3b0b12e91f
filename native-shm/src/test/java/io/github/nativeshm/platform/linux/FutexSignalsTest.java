/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import io.github.nativeshm.Segment;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;
import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Futex wake-ups on a word in a real segment, across threads and across processes. The segment
 * holds the futex word at offset 0 and, at offset 4, a count of sleepers about to sleep, so that
 * the test knows when to wake them.
 *
 * <p>Latencies compare {@link System#nanoTime()} across processes, which on Linux is
 * {@code CLOCK_MONOTONIC} and so one clock for the whole machine.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class FutexSignalsTest {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int WORD = 0;
    private static final int ABOUT_TO_SLEEP = 4;
    private static final String KEY = "futex-test";
    private static final long SLEEPER_TIMEOUT = TimeUnit.SECONDS.toNanos(20);
    /** Far below SLEEPER_TIMEOUT: a sleeper that returns within this was woken, not timed out. */
    private static final long WOKEN_BOUND = TimeUnit.SECONDS.toNanos(5);
    /** The test waits this long after the sleepers announce themselves: they must have slept that long. */
    private static final long DELAY_BEFORE_WAKING_MILLIS = 200;

    private final FutexSignals signals = new FutexSignals();

    @Test
    void wakesASleeperInAnotherProcess() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                ByteBuffer buffer = segment.buffer();
                CompletableFuture<Processes.Result> child = startChild(name, 0);
                awaitAboutToSleep(buffer, 1, List.of(child));
                Thread.sleep(DELAY_BEFORE_WAKING_MILLIS);
                long wokenAt = changeAndWake(buffer, 1);

                Woken woken = Woken.parse(finished(child));
                assertWokenByUs(woken, 1);
                System.out.println("futex cross-process wake-up latency µs: " + (woken.returnedAt() - wokenAt) / 1000);
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void oneWakeAllWakesThreadsAndAProcess() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                ByteBuffer buffer = segment.buffer();
                long word = address(buffer);
                List<CompletableFuture<Woken>> threads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    threads.add(CompletableFuture.supplyAsync(() -> sleepUntilChanged(signals, buffer, word, 0),
                            task -> new Thread(task, "sleeper").start()));
                }
                CompletableFuture<Processes.Result> child = startChild(name, 0);
                awaitAboutToSleep(buffer, 4, List.of(child));
                Thread.sleep(DELAY_BEFORE_WAKING_MILLIS);
                long wokenAt = changeAndWake(buffer, 1);

                List<String> latencies = new ArrayList<>();
                for (CompletableFuture<Woken> thread : threads) {
                    Woken woken = thread.get(30, TimeUnit.SECONDS);
                    assertWokenByUs(woken, 1);
                    latencies.add("thread " + (woken.returnedAt() - wokenAt) / 1000);
                }
                Woken inChild = Woken.parse(finished(child));
                assertWokenByUs(inChild, 1);
                latencies.add("process " + (inChild.returnedAt() - wokenAt) / 1000);
                System.out.println("futex wake-up latency µs, one wakeAll: " + String.join(", ", latencies));
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void returnsAtOnceWhenTheWordAlreadyDiffers() {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                ByteBuffer buffer = segment.buffer();
                INT.setVolatile(buffer, WORD, 7);
                long nanos = timed(() -> signals.await(address(buffer), 6, SLEEPER_TIMEOUT, KEY));
                assertTrue(nanos < TimeUnit.SECONDS.toNanos(1), () -> "took " + nanos + " ns");
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void sleepsForTheTimeoutWhenNothingHappens() {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                long word = address(segment.buffer());
                long timeout = TimeUnit.MILLISECONDS.toNanos(50);
                long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
                assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns");
                assertTrue(nanos < TimeUnit.SECONDS.toNanos(2), () -> "returned after " + nanos + " ns");
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void aChangeWithoutWakeAllDoesNotEndTheSleep() throws Exception {
        // Tells a kernel sleep from a disguised poll: only a wake ends a futex wait early.
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                ByteBuffer buffer = segment.buffer();
                long word = address(buffer);
                long timeout = TimeUnit.MILLISECONDS.toNanos(400);
                CompletableFuture<Long> sleeper = CompletableFuture.supplyAsync(() -> {
                    INT.getAndAdd(buffer, ABOUT_TO_SLEEP, 1);
                    return timed(() -> signals.await(word, 0, timeout, KEY));
                }, task -> new Thread(task, "sleeper").start());
                awaitAboutToSleep(buffer, 1, List.of());
                Thread.sleep(100);
                INT.setVolatile(buffer, WORD, 1);
                long nanos = sleeper.get(10, TimeUnit.SECONDS);
                assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns without a wake");
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void refusesAMisalignedWord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> signals.await(0x1002, 0, SLEEPER_TIMEOUT, KEY));
        assertEquals("a futex word must be 4-byte aligned, wordAddress=0x1002", e.getMessage());
    }

    @Test
    void namesTheErrnoWhenTheKernelRefuses() {
        // Page 0 is never mapped, so the kernel cannot read a word there.
        PlatformException wait = assertThrows(PlatformException.class, () -> signals.await(8, 0, SLEEPER_TIMEOUT, KEY));
        assertEquals(Kind.OS_ERROR, wait.kind());
        assertEquals("wait on", wait.operation());
        assertEquals("futex-test", wait.subject());
        assertEquals("futex FUTEX_WAIT at 0x8: EFAULT, Bad address", wait.detail());
        PlatformException wake = assertThrows(PlatformException.class, () -> signals.wakeAll(8, KEY));
        assertEquals("futex FUTEX_WAKE at 0x8: EFAULT, Bad address", wake.detail());
    }

    // ---- the sleeper, in a thread here or in a child process --------------------------------------

    /** How a sleeper's wait ended: how long it slept, the value it then saw, and when (nanoTime) it returned. */
    record Woken(long sleptNanos, int value, long returnedAt) {
        static Woken parse(String line) {
            String[] fields = line.strip().split(" ");
            return new Woken(Long.parseLong(fields[0]), Integer.parseInt(fields[1]), Long.parseLong(fields[2]));
        }

        String format() {
            return sleptNanos + " " + value + " " + returnedAt;
        }
    }

    /**
     * Announces itself at offset 4, then sleeps while the word equals {@code expected}, re-checking
     * after every return as the contract asks, for at most {@link #SLEEPER_TIMEOUT}.
     */
    static Woken sleepUntilChanged(FutexSignals signals, ByteBuffer buffer, long word, int expected) {
        signals.await(word, expected + 1, SLEEPER_TIMEOUT, KEY); // binds the native call before timing starts
        INT.getAndAdd(buffer, ABOUT_TO_SLEEP, 1);
        long start = System.nanoTime();
        long deadline = start + SLEEPER_TIMEOUT;
        int value;
        while ((value = (int) INT.getVolatile(buffer, WORD)) == expected && deadline - System.nanoTime() > 0) {
            signals.await(word, expected, deadline - System.nanoTime(), KEY);
        }
        long end = System.nanoTime();
        return new Woken(end - start, value, end);
    }

    /** The child process: {@code Child <segment name> <expected>}; prints {@link Woken#format()}. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            try (Segment segment = Segment.open(args[0])) {
                ByteBuffer buffer = segment.buffer();
                System.out.println(sleepUntilChanged(new FutexSignals(), buffer, address(buffer),
                        Integer.parseInt(args[1])).format());
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static long address(ByteBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    private static CompletableFuture<Processes.Result> startChild(String segment, int expected) {
        List<String> command = ChildJvm.command(Child.class, segment, Integer.toString(expected));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Processes.runForResult(command);
            } catch (Exception e) {
                throw new IllegalStateException("cannot run " + command, e);
            }
        }, task -> new Thread(task, "child-jvm").start());
    }

    /** Waits until {@code sleepers} have announced themselves; fails early if a child already ended. */
    private static void awaitAboutToSleep(ByteBuffer buffer, int sleepers, List<CompletableFuture<Processes.Result>> children)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((int) INT.getVolatile(buffer, ABOUT_TO_SLEEP) < sleepers) {
            for (CompletableFuture<Processes.Result> child : children) {
                if (child.isDone()) {
                    fail("the child ended before sleeping: " + child.get());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("only " + INT.getVolatile(buffer, ABOUT_TO_SLEEP) + " of " + sleepers + " sleepers showed up");
            }
            Thread.sleep(1);
        }
    }

    /** Changes the word, wakes every sleeper, and returns when (nanoTime) the wake began. */
    private long changeAndWake(ByteBuffer buffer, int value) {
        long wokenAt = System.nanoTime();
        INT.setVolatile(buffer, WORD, value);
        signals.wakeAll(address(buffer), KEY);
        return wokenAt;
    }

    private static String finished(CompletableFuture<Processes.Result> child) throws Exception {
        Processes.Result result = child.get(60, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result::toString);
        return result.stdout();
    }

    private static void assertWokenByUs(Woken woken, int value) {
        assertEquals(value, woken.value(), woken::toString);
        assertTrue(woken.sleptNanos() >= TimeUnit.MILLISECONDS.toNanos(DELAY_BEFORE_WAKING_MILLIS / 2),
                () -> "it did not really sleep: " + woken);
        assertTrue(woken.sleptNanos() < WOKEN_BOUND, () -> "woken too late, or not by us: " + woken);
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }
}
