/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.nativeshm.platform.windows.EventApiStandIn.ERROR_ACCESS_DENIED;
import static io.github.nativeshm.platform.windows.EventApiStandIn.ERROR_ALREADY_EXISTS;
import static io.github.nativeshm.platform.windows.EventApiStandIn.ERROR_INVALID_HANDLE;
import static io.github.nativeshm.platform.windows.EventApiStandIn.ERROR_SUCCESS;
import static io.github.nativeshm.platform.windows.EventApiStandIn.WAIT_OBJECT_0;
import static io.github.nativeshm.platform.windows.EventApiStandIn.WAIT_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Windows wake-up protocol, on any OS: {@link EventSignals} over {@link EventApiStandIn}, with the
 * word in real native memory. Separate {@code EventSignals} instances over one stand-in play
 * separate processes sharing the named event.
 */
class EventSignalsTest {
    private static final String KEY = "prices.r-1";
    private static final String EVENT = "Local\\nshm-prices.r-1";
    private static final long LONG_TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    /** Far below LONG_TIMEOUT: a waiter that returns within this was woken, not timed out. */
    private static final long WOKEN_BOUND = TimeUnit.SECONDS.toNanos(2);

    private final EventApiStandIn standIn = new EventApiStandIn();
    private final EventSignals signals = new EventSignals(standIn);
    private final Memory memory = new Memory(Integer.BYTES);
    private final long word = Pointer.nativeValue(memory);
    private final List<Thread> started = new ArrayList<>();

    @BeforeEach
    void startFromZero() {
        memory.setInt(0, 0); // malloc'd memory is not zeroed
    }

    @AfterEach
    void releaseStragglers() throws InterruptedException {
        memory.setInt(0, Integer.MIN_VALUE);
        signals.wakeAll(word, KEY);
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    @Test
    void standInModelsNamedManualResetEvents() throws Exception {
        HANDLE first = standIn.CreateEvent(null, true, false, EVENT);
        assertEquals(ERROR_SUCCESS, standIn.GetLastError());
        HANDLE second = standIn.CreateEvent(null, true, false, EVENT);
        assertEquals(ERROR_ALREADY_EXISTS, standIn.GetLastError(), "the second create opens the same event");
        assertEquals(WAIT_TIMEOUT, standIn.WaitForSingleObject(first, 10));

        assertTrue(standIn.SetEvent(second));
        assertEquals(WAIT_OBJECT_0, standIn.WaitForSingleObject(first, 0), "set through one handle, seen through the other");
        assertEquals(WAIT_OBJECT_0, standIn.WaitForSingleObject(first, 0), "manual reset: a wait does not consume the set");
        assertTrue(standIn.ResetEvent(first));
        assertEquals(WAIT_TIMEOUT, standIn.WaitForSingleObject(second, 10));

        List<CompletableFuture<Integer>> waits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waits.add(CompletableFuture.supplyAsync(() -> standIn.WaitForSingleObject(first, 10_000), this::startThread));
        }
        standIn.whenWaiting(EVENT, 2, () -> {
            standIn.SetEvent(second);
            standIn.ResetEvent(second); // too late to hold back the waiters the set released
        });
        for (CompletableFuture<Integer> wait : waits) {
            assertEquals(WAIT_OBJECT_0, wait.get(5, TimeUnit.SECONDS));
        }
        assertEquals(EventApiStandIn.WAIT_FAILED, standIn.WaitForSingleObject(new HANDLE(new Pointer(0x7)), 0));
        assertEquals(ERROR_INVALID_HANDLE, standIn.GetLastError());
    }

    @Test
    void waiterWakesOnWakeAll() throws Exception {
        CompletableFuture<Woken> waiter = waitInThread(signals, 0, LONG_TIMEOUT);
        standIn.whenWaiting(EVENT, 1, this::changeAndWake);
        Woken woken = waiter.get(5, TimeUnit.SECONDS);
        assertEquals(WAIT_OBJECT_0, woken.lastWaitResult(), "the set ended the wait, not a slice running out");
        assertTrue(woken.nanos() < WOKEN_BOUND, woken::toString);
    }

    @Test
    void oneWakeAllWakesEveryWaiterOfEveryProcess() throws Exception {
        List<CompletableFuture<Woken>> waiters = new ArrayList<>();
        for (int process = 0; process < 3; process++) {
            EventSignals processSignals = new EventSignals(standIn);
            waiters.add(waitInThread(processSignals, 0, LONG_TIMEOUT));
            waiters.add(waitInThread(processSignals, 0, LONG_TIMEOUT));
        }
        standIn.whenWaiting(EVENT, waiters.size(), this::changeAndWake);
        for (CompletableFuture<Woken> waiter : waiters) {
            Woken woken = waiter.get(5, TimeUnit.SECONDS);
            assertEquals(WAIT_OBJECT_0, woken.lastWaitResult(), woken::toString);
        }
    }

    @Test
    void usesOneNamedEventPerKeyAndOneHandlePerKeyPerProcess() {
        memory.setInt(0, 5);
        signals.await(word, 5, TimeUnit.MILLISECONDS.toNanos(1), KEY);
        signals.await(word, 5, TimeUnit.MILLISECONDS.toNanos(1), KEY);
        signals.wakeAll(word, KEY);
        assertTrue(standIn.eventExists(EVENT));
        assertEquals(1, standIn.handleCount(), "the handle is cached per key");

        signals.wakeAll(word, "crawler.stats-2");
        assertTrue(standIn.eventExists("Local\\nshm-crawler.stats-2"));
        new EventSignals(standIn).wakeAll(word, KEY);
        assertEquals(3, standIn.handleCount(), "a second key and a second process open handles of their own");
    }

    @Test
    void returnsAtOnceWhenTheWordAlreadyDiffers() {
        memory.setInt(0, 7);
        long nanos = timed(() -> signals.await(word, 6, LONG_TIMEOUT, KEY));
        assertTrue(nanos < WOKEN_BOUND, () -> "took " + nanos + " ns");
        assertEquals(List.of(), standIn.waitMillis(), "no wait at all");
    }

    @Test
    void anEarlierSetDoesNotEndALaterWait() {
        signals.wakeAll(word, KEY); // a set nobody consumed, left from an earlier change
        long timeout = TimeUnit.MILLISECONDS.toNanos(150);
        long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
        assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns, before the timeout");
        assertEquals(WAIT_TIMEOUT, standIn.lastWaitResult());
    }

    @Test
    void aChangeAndWakeBeforeTheResetIsSeenByTheReRead() {
        // The set lands first and the waiter's reset undoes it: the change itself must be noticed.
        standIn.beforeNext("ResetEvent", this::changeAndWake);
        long nanos = timed(() -> signals.await(word, 0, LONG_TIMEOUT, KEY));
        assertTrue(nanos < WOKEN_BOUND, () -> "took " + nanos + " ns");
        assertEquals(List.of(), standIn.waitMillis(), "the re-read saw the change, so it did not wait");
    }

    @Test
    void aChangeAndWakeBetweenTheResetAndTheReReadIsSeen() {
        standIn.afterNext("ResetEvent", this::changeAndWake);
        long nanos = timed(() -> signals.await(word, 0, LONG_TIMEOUT, KEY));
        assertTrue(nanos < WOKEN_BOUND, () -> "took " + nanos + " ns");
        assertEquals(List.of(), standIn.waitMillis(), "the re-read saw the change, so it did not wait");
    }

    @Test
    void aChangeAndWakeBetweenTheReReadAndTheWaitIsNotLost() {
        standIn.beforeNext("WaitForSingleObject", this::changeAndWake);
        long nanos = timed(() -> signals.await(word, 0, LONG_TIMEOUT, KEY));
        assertTrue(nanos < WOKEN_BOUND, () -> "took " + nanos + " ns");
        assertEquals(WAIT_OBJECT_0, standIn.lastWaitResult(), "the set left the event signaled for the wait");
    }

    @Test
    void aSetErasedByAnotherWaitersResetCostsOneSliceAtMost() {
        // The known gap (see EventSignals): waiter B has re-read the old value; the writer changes the
        // word and sets; waiter A, already up to date, resets; only then does B begin to wait.
        EventSignals otherProcess = new EventSignals(standIn);
        standIn.beforeNext("WaitForSingleObject", () -> {
            changeAndWake();
            waitInThread(otherProcess, 1, TimeUnit.MILLISECONDS.toNanos(500));
            standIn.whenWaiting(EVENT, 1, () -> { }); // A has reset the event and sleeps
        });
        long nanos = timed(() -> signals.await(word, 0, LONG_TIMEOUT, KEY));
        assertEquals(WAIT_TIMEOUT, standIn.lastWaitResult(), "B's set was erased: a slice ran out");
        assertTrue(nanos < WOKEN_BOUND, () -> "B slept " + nanos + " ns; the slice bounds the delay");
    }

    @Test
    void aChangeWithoutWakeAllIsNoticedWithinASlice() throws Exception {
        CompletableFuture<Woken> waiter = waitInThread(signals, 0, LONG_TIMEOUT);
        standIn.whenWaiting(EVENT, 1, () -> memory.setInt(0, 1));
        Woken woken = waiter.get(5, TimeUnit.SECONDS);
        assertEquals(WAIT_TIMEOUT, woken.lastWaitResult());
        assertTrue(standIn.waitMillis().stream().allMatch(ms -> ms <= EventSignals.SLICE_MILLIS), standIn.waitMillis()::toString);
    }

    @Test
    void honoursTheTimeoutAcrossSlices() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(250);
        long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
        assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns");
        assertTrue(nanos < WOKEN_BOUND, () -> "returned after " + nanos + " ns");
        List<Integer> millis = standIn.waitMillis();
        assertEquals(EventSignals.SLICE_MILLIS, millis.get(0), millis::toString);
        assertTrue(millis.stream().allMatch(ms -> ms <= EventSignals.SLICE_MILLIS), millis::toString);
    }

    @Test
    void honoursAShortTimeout() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(50);
        long nanos = timed(() -> signals.await(word, 0, timeout, KEY));
        assertTrue(nanos >= timeout, () -> "returned after " + nanos + " ns");
        assertTrue(nanos < WOKEN_BOUND, () -> "returned after " + nanos + " ns");
        assertEquals(50, standIn.waitMillis().get(0));
    }

    @Test
    void reportsACreateEventFailureAndRetriesNextTime() {
        standIn.failNext("CreateEvent", ERROR_ACCESS_DENIED);
        PlatformException e = assertThrows(PlatformException.class, () -> signals.wakeAll(word, KEY));
        assertEquals(Kind.PERMISSION_DENIED, e.kind());
        assertEquals("cannot open the event of 'prices.r-1': PERMISSION_DENIED "
                + "(CreateEvent Local\\nshm-prices.r-1: error 5, Access is denied.)", e.getMessage());
        signals.wakeAll(word, KEY);
        assertEquals(1, standIn.handleCount());
    }

    @Test
    void reportsAFailedWait() {
        standIn.failNext("WaitForSingleObject", ERROR_INVALID_HANDLE);
        PlatformException e = assertThrows(PlatformException.class, () -> signals.await(word, 0, LONG_TIMEOUT, KEY));
        assertEquals(Kind.OS_ERROR, e.kind());
        assertTrue(e.getMessage().endsWith("(WaitForSingleObject: error 6, The handle is invalid.)"), e::getMessage);
    }

    @Test
    void reportsAFailedSet() {
        signals.wakeAll(word, KEY);
        standIn.failNext("SetEvent", ERROR_INVALID_HANDLE);
        PlatformException e = assertThrows(PlatformException.class, () -> signals.wakeAll(word, KEY));
        assertEquals("cannot wake waiters of 'prices.r-1': OS_ERROR "
                + "(SetEvent: error 6, The handle is invalid.)", e.getMessage());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** How one waiter's await ended: its duration and the stand-in's last wait result on its thread. */
    private record Woken(long nanos, Integer lastWaitResult) {
    }

    private void changeAndWake() {
        memory.setInt(0, 1);
        signals.wakeAll(word, KEY);
    }

    private CompletableFuture<Woken> waitInThread(EventSignals waiterSignals, int expected, long timeoutNanos) {
        return CompletableFuture.supplyAsync(() -> {
            long nanos = timed(() -> waiterSignals.await(word, expected, timeoutNanos, KEY));
            Integer result = standIn.lastWaitResult();
            assertNotNull(result, "the waiter never waited");
            return new Woken(nanos, result);
        }, this::startThread);
    }

    private void startThread(Runnable task) {
        Thread thread = new Thread(task, "waiter");
        started.add(thread);
        thread.start();
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }
}
