/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for the Kernel32 event calls behind {@link EventApi}, so that
 * {@link EventSignals} runs on any OS. It models named events as documented for Win32:
 *
 * <ul>
 *   <li>{@code CreateEvent} of a taken name returns a new handle to the existing event and sets
 *       {@code ERROR_ALREADY_EXISTS} (the event keeps its own reset mode and state, as on Windows);
 *       a new event sets {@code ERROR_SUCCESS}. Names resolve as {@link KernelNamespace} says; a
 *       name a section holds (given a shared namespace) is {@code ERROR_INVALID_HANDLE}.
 *       {@link #OpenEvent} of a missing name is {@code ERROR_FILE_NOT_FOUND}; an event and its name
 *       are gone with its last handle ({@link #CloseHandle}).</li>
 *   <li>{@code SetEvent} makes a manual-reset event signaled and releases every thread waiting on
 *       it at that moment, even if the event is reset before they run; {@code ResetEvent} makes it
 *       nonsignaled. An auto-reset event stays signaled until one wait consumes the set.</li>
 *   <li>{@code WaitForSingleObject} returns {@code WAIT_OBJECT_0} at once if the event is signaled,
 *       else when a set releases it, else {@code WAIT_TIMEOUT} after the milliseconds (unsigned;
 *       {@code INFINITE} waits forever). It ignores {@link Thread#interrupt()}, as a native wait
 *       does. An unknown handle is {@code WAIT_FAILED} with {@code ERROR_INVALID_HANDLE}.</li>
 *   <li>The last error is per thread; a failing call sets it.</li>
 * </ul>
 *
 * <p>Differences from Windows: {@link EventApi} has no {@code CloseHandle} or {@code OpenEvent}
 * ({@link EventSignals} keeps its handles), so only tests call them; kernel-mode APCs are not
 * modelled; a set of an auto-reset event may go to a later waiter rather than one already waiting.
 *
 * <p>For tests: {@link #beforeNext} and {@link #afterNext} run an action around the next call of a
 * function, on the calling thread and outside the stand-in's lock, to force an interleaving;
 * {@link #whenWaiting} acts while threads are known to wait; {@link #failNext} injects a
 * failure. {@link #handleCount},
 * {@link #eventExists} and {@link #lastWaitResult} observe the state. Thread-safe.
 */
final class EventApiStandIn implements EventApi {
    static final int ERROR_SUCCESS = 0;
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_PATH_NOT_FOUND = 3;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_INVALID_HANDLE = 6;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_ALREADY_EXISTS = 183;

    static final int WAIT_OBJECT_0 = 0;
    static final int WAIT_TIMEOUT = 258;
    static final int WAIT_FAILED = -1;
    static final int INFINITE = -1;

    /** The real (English) system message texts of the codes this stand-in produces or tests inject. */
    private static final Map<Integer, String> MESSAGES = Map.of(
            ERROR_SUCCESS, "The operation completed successfully.",
            ERROR_FILE_NOT_FOUND, "The system cannot find the file specified.",
            ERROR_PATH_NOT_FOUND, "The system cannot find the path specified.",
            ERROR_ACCESS_DENIED, "Access is denied.",
            ERROR_INVALID_HANDLE, "The handle is invalid.",
            ERROR_INVALID_PARAMETER, "The parameter is incorrect.",
            ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists.");

    private static final Set<String> FUNCTIONS = Set.of("CreateEvent", "SetEvent", "ResetEvent",
            "WaitForSingleObject");

    /** An event, named or not. */
    private static final class Event {
        final String name;
        final boolean manualReset;
        int handles;
        boolean signaled;
        /** Counts sets; a waiter is released when it changes, whatever the state is by then. */
        long sets;
        int waiting;

        Event(String name, boolean manualReset) {
            this.name = name;
            this.manualReset = manualReset;
        }
    }

    private final KernelNamespace namespace;
    private final Map<String, Event> named = new HashMap<>();
    private final Map<Long, Event> handles = new HashMap<>();
    private final Map<String, Deque<Runnable>> before = new HashMap<>();
    private final Map<String, Deque<Runnable>> after = new HashMap<>();
    private final Map<String, Deque<Integer>> injected = new HashMap<>();
    private final List<Integer> waitMillis = new ArrayList<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> ERROR_SUCCESS);
    private final ThreadLocal<Integer> lastWaitResult = new ThreadLocal<>();
    private long nextHandle = 0x204;

    /** A stand-in with a namespace of its own. */
    EventApiStandIn() {
        this(new KernelNamespace());
    }

    /** A stand-in whose names share {@code namespace} with sections (see {@link Kernel32StandIn}). */
    EventApiStandIn(KernelNamespace namespace) {
        this.namespace = namespace;
    }

    // ---- configuration and introspection for tests ----------------------------------------------

    /** Runs {@code action} when the next call of {@code function} (from any thread) begins. */
    synchronized void beforeNext(String function, Runnable action) {
        queue(before, function).add(action);
    }

    /** Runs {@code action} when the next call of {@code function} (from any thread) has finished. */
    synchronized void afterNext(String function, Runnable action) {
        queue(after, function).add(action);
    }

    /** Makes the next call of {@code function} (from any thread) fail with {@code error}. */
    synchronized void failNext(String function, int error) {
        queue(injected, function).add(error);
    }

    /**
     * Runs {@code action} under the stand-in's lock as soon as {@code threads} threads are inside
     * {@code WaitForSingleObject} on the event named {@code name}: none of them can leave its wait,
     * not even by timing out, before the action is done. Gives up after 10 s.
     */
    synchronized void whenWaiting(String name, int threads, Runnable action) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waitingThreads(name) < threads) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("only " + waitingThreads(name) + " of " + threads + " threads wait on " + name);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for waiters", e);
            }
        }
        action.run();
    }

    /** Handles handed out by {@code CreateEvent}, to every caller. */
    synchronized int handleCount() {
        return handles.size();
    }

    /** Whether an event named {@code name} (for example {@code Local\nshm-jobs}) exists. */
    synchronized boolean eventExists(String name) {
        return named.containsKey(name);
    }

    /** The milliseconds of every {@code WaitForSingleObject} call so far, in call order. */
    synchronized List<Integer> waitMillis() {
        return List.copyOf(waitMillis);
    }

    /** Sets the calling thread's last error, as Kernel32's {@code SetLastError}. */
    void SetLastError(int error) {
        lastError.set(error);
    }

    /** Opens the event named {@code name} ({@code OpenEvent}), or null with the error. */
    synchronized HANDLE OpenEvent(String name) {
        String fullName = KernelNamespace.resolve(name);
        if (fullName == null) {
            lastError.set(ERROR_PATH_NOT_FOUND);
            return null;
        }
        Event event = named.get(fullName);
        if (event == null) {
            lastError.set(namespace.typeOf(fullName) == null ? ERROR_FILE_NOT_FOUND : ERROR_INVALID_HANDLE);
            return null;
        }
        return newHandle(event);
    }

    /** Closes an event handle ({@code CloseHandle}); the event and its name go with the last one. */
    synchronized boolean CloseHandle(HANDLE handle) {
        Event event = handle == null || handle.getPointer() == null
                ? null : handles.remove(Pointer.nativeValue(handle.getPointer()));
        if (event == null) {
            lastError.set(ERROR_INVALID_HANDLE);
            return false;
        }
        event.handles--;
        if (event.handles == 0 && event.name != null) {
            named.remove(event.name);
            namespace.release(event.name);
        }
        return true;
    }

    /** What the calling thread's last {@code WaitForSingleObject} returned, or null if it made none. */
    Integer lastWaitResult() {
        return lastWaitResult.get();
    }

    // ---- EventApi --------------------------------------------------------------------------------

    @Override
    public HANDLE CreateEvent(SECURITY_ATTRIBUTES attributes, boolean manualReset, boolean initialState, String name) {
        runHook(before, "CreateEvent");
        HANDLE handle;
        synchronized (this) {
            handle = createEvent(manualReset, initialState, name);
        }
        runHook(after, "CreateEvent");
        return handle;
    }

    @Override
    public boolean SetEvent(HANDLE handle) {
        runHook(before, "SetEvent");
        boolean done;
        synchronized (this) {
            Event event = injectedFailure("SetEvent") ? null : event(handle);
            done = event != null;
            if (done) {
                event.signaled = true;
                event.sets++;
                notifyAll();
            }
        }
        runHook(after, "SetEvent");
        return done;
    }

    @Override
    public boolean ResetEvent(HANDLE handle) {
        runHook(before, "ResetEvent");
        boolean done;
        synchronized (this) {
            Event event = injectedFailure("ResetEvent") ? null : event(handle);
            done = event != null;
            if (done) {
                event.signaled = false;
            }
        }
        runHook(after, "ResetEvent");
        return done;
    }

    @Override
    public int WaitForSingleObject(HANDLE handle, int milliseconds) {
        runHook(before, "WaitForSingleObject");
        int result;
        synchronized (this) {
            waitMillis.add(milliseconds);
            Event event = injectedFailure("WaitForSingleObject") ? null : event(handle);
            result = event == null ? WAIT_FAILED : await(event, milliseconds);
        }
        lastWaitResult.set(result);
        runHook(after, "WaitForSingleObject");
        return result;
    }

    @Override
    public int GetLastError() {
        return lastError.get();
    }

    /** The real system text; a code the stand-in does not know is a test mistake, not a Windows answer. */
    @Override
    public String FormatMessage(int errorCode) {
        String message = MESSAGES.get(errorCode);
        if (message == null) {
            throw new IllegalArgumentException("EventApiStandIn has no message text for error " + errorCode
                    + "; add the real Windows text to MESSAGES");
        }
        return message;
    }

    // ---- internals -------------------------------------------------------------------------------

    private HANDLE createEvent(boolean manualReset, boolean initialState, String name) {
        if (injectedFailure("CreateEvent")) {
            return null;
        }
        String fullName = name == null ? null : KernelNamespace.resolve(name);
        if (name != null && fullName == null) {
            lastError.set(ERROR_PATH_NOT_FOUND);
            return null;
        }
        Event event = fullName == null ? null : named.get(fullName);
        if (event != null) {
            lastError.set(ERROR_ALREADY_EXISTS);
        } else if (fullName != null && namespace.typeOf(fullName) != null) {
            lastError.set(ERROR_INVALID_HANDLE); // a section holds the name
            return null;
        } else {
            event = new Event(fullName, manualReset);
            event.signaled = initialState;
            if (fullName != null) {
                named.put(fullName, event);
                namespace.claim(fullName, "Event");
            }
            lastError.set(ERROR_SUCCESS);
        }
        return newHandle(event);
    }

    private HANDLE newHandle(Event event) {
        long value = nextHandle;
        nextHandle += 4;
        handles.put(value, event);
        event.handles++;
        return new HANDLE(new Pointer(value));
    }

    /** Waits under this object's lock, which {@link Object#wait} releases while sleeping. */
    private int await(Event event, int milliseconds) {
        if (event.signaled) {
            event.signaled = event.manualReset; // an auto-reset event is reset by the wait it ends
            return WAIT_OBJECT_0;
        }
        long setsAtStart = event.sets;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Integer.toUnsignedLong(milliseconds));
        boolean interrupted = false;
        event.waiting++;
        notifyAll(); // for whenWaiting
        try {
            while (event.manualReset ? event.sets == setsAtStart : !event.signaled) {
                try {
                    if (milliseconds == INFINITE) {
                        wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            return WAIT_TIMEOUT;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, remaining);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!event.manualReset) {
                event.signaled = false; // this wait consumes the set
            }
            return WAIT_OBJECT_0;
        } finally {
            event.waiting--;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int waitingThreads(String name) {
        Event event = named.get(name);
        return event == null ? 0 : event.waiting;
    }

    /** The event behind {@code handle}, or null with {@code ERROR_INVALID_HANDLE}. */
    private Event event(HANDLE handle) {
        Event event = handle == null || handle.getPointer() == null
                ? null : handles.get(Pointer.nativeValue(handle.getPointer()));
        if (event == null) {
            lastError.set(ERROR_INVALID_HANDLE);
        }
        return event;
    }

    private boolean injectedFailure(String function) {
        Deque<Integer> errors = injected.get(function);
        if (errors == null || errors.isEmpty()) {
            return false;
        }
        lastError.set(errors.remove());
        return true;
    }

    private void runHook(Map<String, Deque<Runnable>> hooks, String function) {
        Runnable action;
        synchronized (this) {
            Deque<Runnable> actions = hooks.get(function);
            action = actions == null ? null : actions.poll();
        }
        if (action != null) {
            action.run();
        }
    }

    private static <T> Deque<T> queue(Map<String, Deque<T>> queues, String function) {
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException("no such function in the stand-in: " + function);
        }
        return queues.computeIfAbsent(function, f -> new ArrayDeque<>());
    }
}
