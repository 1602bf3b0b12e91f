/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import io.github.nativeshm.platform.ChangeSignals;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ChangeSignals} by named event objects on Windows: one manual-reset event per key, named
 * {@code Local\nshm-<key>} and shared by every process of the session that uses the key.
 * {@link #await} resets the event, re-reads the word, and waits on the event only while the word
 * still equals {@code expected}; {@link #wakeAll} sets the event.
 *
 * <p><b>Why a waiter gets its writer's wake-up.</b> The writer changes the word, then sets the
 * event; the waiter resets the event, then re-reads the word. If the set comes after the reset, the
 * event is set when the waiter waits, or becomes set while it waits, and the wait ends. If the set
 * comes before the reset, so did the change, and the re-read sees it. A set releases every thread
 * that is in a wait on a manual-reset event at that moment, however soon someone resets it again.
 *
 * <p><b>Where one event falls short, and the guard.</b> A reset by one waiter can erase a set that
 * another still needs: waiter B re-reads the old value, the writer changes the word and sets the
 * event, waiter A (already up to date) resets it, and only then does B begin to wait. Likewise a
 * thread pulled out of its wait for a moment by a kernel-mode APC misses a set that is undone before
 * it returns (the flaw that makes {@code PulseEvent} unreliable). So {@link #await} waits in slices
 * of at most 100 ms ({@code SLICE_MILLIS}) and re-reads the word between them: such a miss delays a
 * wake-up by one slice at most, never until the timeout.
 *
 * <p>An event handle is opened on the first use of a key and kept as long as this object (closing
 * it could break another thread's wait on it); {@link #withKernel32()} is one instance per process.
 * Events share the session's namespace with file mappings, so a segment named {@code nshm-<key>}
 * would take the event's name (CreateEvent then fails with error 6). Thread-safe; like any native
 * wait, {@link #await} ignores {@link Thread#interrupt()}.
 */
public final class EventSignals implements ChangeSignals {
    /** The longest single wait: the most a missed set (see above) can delay a wake-up. */
    static final int SLICE_MILLIS = 100;

    private static final int WAIT_OBJECT_0 = 0;
    private static final int WAIT_TIMEOUT = 258;
    private static final int WAIT_FAILED = -1;
    private static final int ERROR_ACCESS_DENIED = 5;

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final EventApi api;
    private final Map<String, HANDLE> events = new ConcurrentHashMap<>();

    EventSignals(EventApi api) {
        this.api = api;
    }

    /** The process-wide instance over the real Kernel32. */
    public static EventSignals withKernel32() {
        return Kernel32Instance.INSTANCE;
    }

    private static final class Kernel32Instance {
        static final EventSignals INSTANCE = new EventSignals(new Kernel32Calls());
    }

    /** The kernel object name of the event for {@code key}. */
    private static String eventName(String key) {
        return "Local\\nshm-" + key;
    }

    /**
     * @throws PlatformException naming the Kernel32 call and error if the event cannot be created,
     *                          opened, reset or waited on
     */
    @Override
    public void await(long wordAddress, int expected, long timeoutNanos, String key) {
        if (timeoutNanos <= 0) {
            return;
        }
        HANDLE event = event(key);
        if (!api.ResetEvent(event)) {
            throw failure("wait on", key, "ResetEvent", api.GetLastError());
        }
        VarHandle.fullFence(); // the re-read below must happen after the reset, never before
        Pointer word = new Pointer(wordAddress);
        long deadline = System.nanoTime() + timeoutNanos; // may wrap; the differences below stay right
        for (long remaining = timeoutNanos; remaining > 0 && readAcquire(word) == expected;
             remaining = deadline - System.nanoTime()) {
            int result = api.WaitForSingleObject(event, sliceMillis(remaining));
            if (result == WAIT_OBJECT_0) {
                return;
            }
            if (result == WAIT_FAILED) {
                throw failure("wait on", key, "WaitForSingleObject", api.GetLastError());
            }
            if (result != WAIT_TIMEOUT) {
                throw new PlatformException(Kind.OS_ERROR, "wait on", key,
                        "WaitForSingleObject returned 0x" + Integer.toHexString(result) + " for an event");
            }
        }
    }

    /**
     * @throws PlatformException naming the Kernel32 call and error if the event cannot be created,
     *                          opened or set
     */
    @Override
    public void wakeAll(long wordAddress, String key) {
        HANDLE event = event(key);
        VarHandle.fullFence(); // the caller's change to the word is visible before any waiter wakes
        if (!api.SetEvent(event)) {
            throw failure("wake waiters of", key, "SetEvent", api.GetLastError());
        }
    }

    private HANDLE event(String key) {
        return events.computeIfAbsent(key, this::createOrOpenEvent);
    }

    private HANDLE createOrOpenEvent(String key) {
        String name = eventName(key);
        // Opens the event if another process created it (ERROR_ALREADY_EXISTS), as we want.
        HANDLE event = api.CreateEvent(null, true, false, name);
        if (event == null) {
            throw failure("open the event of", key, "CreateEvent " + name, api.GetLastError());
        }
        return event;
    }

    /** Whole milliseconds, rounded up so that the waits add up to at least the timeout. */
    private static int sliceMillis(long remainingNanos) {
        return (int) Math.min(SLICE_MILLIS, (remainingNanos - 1) / NANOS_PER_MILLI + 1);
    }

    private static int readAcquire(Pointer word) {
        int value = word.getInt(0);
        VarHandle.acquireFence(); // whatever the caller reads after a change is not older than the change
        return value;
    }

    private PlatformException failure(String operation, String key, String call, int error) {
        Kind kind = error == ERROR_ACCESS_DENIED ? Kind.PERMISSION_DENIED : Kind.OS_ERROR;
        return new PlatformException(kind, operation, key, call + ": error " + error + ", " + api.FormatMessage(error));
    }
}
