/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory stand-in for the Service Control Manager calls behind {@link ServiceControlManager},
 * so that the Windows service's install, run and stop logic runs on any OS. It models, as
 * documented for Win32:
 * <ul>
 * <li>a database of services by name (case-insensitive): {@code CreateService} of a taken name is
 *     {@code ERROR_SERVICE_EXISTS} ({@code ERROR_SERVICE_MARKED_FOR_DELETE} while the old one is being
 *     deleted), {@code OpenService} of an unknown one {@code ERROR_SERVICE_DOES_NOT_EXIST};
 *     {@code DeleteService} only marks it: it goes once it is stopped and its last handle is closed;</li>
 * <li>access: a handle has the rights it was opened with ({@code ERROR_ACCESS_DENIED} otherwise);
 *     with {@link #asStandardUser} the caller may connect and query only, as without elevation;
 *     handle values are never reused ({@code ERROR_INVALID_HANDLE} for a closed one);</li>
 * <li>{@code StartService} starts the service's process: a new thread running the test's
 *     {@link Program} with the binary path, as SCM-started (so its {@code StartServiceCtrlDispatcher}
 *     connects; anywhere else it is {@code ERROR_FAILED_SERVICE_CONTROLLER_CONNECT}); it returns once
 *     the dispatcher connected ({@code ERROR_SERVICE_REQUEST_TIMEOUT} if the process ended first).
 *     The dispatcher runs {@code ServiceMain} on a new thread and the control handler on its own
 *     thread, and returns when the service reports {@code SERVICE_STOPPED};</li>
 * <li>{@code ControlService}: {@code ERROR_SERVICE_NOT_ACTIVE} when stopped,
 *     {@code ERROR_SERVICE_CANNOT_ACCEPT_CTRL} while a start or stop is pending,
 *     {@code ERROR_INVALID_SERVICE_CONTROL} for a control the service does not accept (or whose
 *     handler answers {@code ERROR_CALL_NOT_IMPLEMENTED}); else the status after the handler returned;</li>
 * <li>failures: a process that ends without reporting {@code SERVICE_STOPPED} leaves the service
 *     stopped with {@code ERROR_PROCESS_ABORTED}; that, or a stop with a non-zero exit code when
 *     {@code FailureActionsOnNonCrashFailures} is set, counts a failure and schedules the configured
 *     action for it (the first, second, ... the last repeating), kept in {@link #scheduledRestarts}
 *     for the test to {@link #fireRestart}.</li>
 * </ul>
 * Not modelled: the reset period's clock, the SCM's own start/stop timeouts, several services in
 * one process.
 */
final class ScmStandIn implements ServiceControlManager {
    /** The service's process: {@code main} of the program the binary path names, with the SCM to call. */
    interface Program {
        int main(String binaryPath, ServiceControlManager scm) throws Exception;
    }

    private static final long WAIT_SECONDS = 30;
    /** Put on a dispatcher's queue when its service has stopped: the dispatcher returns. */
    private static final Runnable STOPPED = () -> {
    };

    private final Program program;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<Long, Handle> handles = new HashMap<>();
    private final ThreadLocal<Service> processOf = new InheritableThreadLocal<>();
    private long nextHandle = 0x1000;
    private int nextPid = 4000;
    private boolean standardUser;

    ScmStandIn(Program program) {
        this.program = program;
    }

    private record Handle(Service service, int access) {
    }

    /** One service in the database. */
    static final class Service {
        Definition definition;
        String description;
        FailureActions failureActions;
        volatile Status status = Status.of(SERVICE_STOPPED, 0, NO_ERROR, 0, 0, 0);
        final List<Status> reported = new ArrayList<>();
        final List<Integer> scheduledRestarts = new ArrayList<>();
        boolean markedForDelete;
        int failures;
        Integer processExitCode;
        ControlHandler handler;
        LinkedBlockingQueue<Runnable> controls;
        CompletableFuture<Void> connected;
    }

    /** From now on the caller is not elevated: it may connect to the SCM and query, nothing else. */
    synchronized void asStandardUser() {
        standardUser = true;
    }

    /** The service {@code name}, or null. */
    synchronized Service service(String name) {
        return services.get(name.toLowerCase(Locale.ROOT));
    }

    /** The statuses the service reported, in order. */
    synchronized List<Status> reported(String name) {
        return List.copyOf(service(name).reported);
    }

    /** The delays (ms) of the restarts scheduled by failure actions and not fired yet. */
    synchronized List<Integer> scheduledRestarts(String name) {
        return List.copyOf(service(name).scheduledRestarts);
    }

    /** How many SCM and service handles are open (status handles are not closed by their owners). */
    synchronized int openHandleCount() {
        return (int) handles.values().stream().filter(handle -> handle.access != -1).count();
    }

    /** Lets the oldest scheduled restart happen now, as the SCM does once its delay has passed. */
    void fireRestart(String name) {
        synchronized (this) {
            Service service = service(name);
            if (service.scheduledRestarts.isEmpty()) {
                throw new IllegalStateException("no restart scheduled for " + name);
            }
            service.scheduledRestarts.remove(0);
        }
        start(service(name));
    }

    /** Waits until the service's state is {@code state}. */
    void awaitState(String name, int state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (service(name).status.state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not reach state " + state + ": " + service(name).status);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the service's process has ended; its exit code. */
    int awaitProcessExit(String name) throws InterruptedException {
        return awaitProcessExit(service(name));
    }

    /** Waits until the service's process has ended (it may have been deleted since); its exit code. */
    int awaitProcessExit(Service service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            synchronized (this) {
                if (service.processExitCode != null) {
                    return service.processExitCode;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(service.definition.name() + "'s process did not end");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public synchronized long openSCManager(int access) {
        if (standardUser && (access & ~SC_MANAGER_CONNECT) != 0) {
            throw error(ERROR_ACCESS_DENIED, "Access is denied.");
        }
        return newHandle(null, access);
    }

    @Override
    public synchronized long createService(long manager, Definition definition) {
        Handle scm = handle(manager);
        if (scm.service != null || (scm.access & SC_MANAGER_CREATE_SERVICE) == 0) {
            throw error(ERROR_ACCESS_DENIED, "Access is denied.");
        }
        Service existing = service(definition.name());
        if (existing != null) {
            throw existing.markedForDelete
                    ? error(ERROR_SERVICE_MARKED_FOR_DELETE, "The specified service has been marked for deletion.")
                    : error(ERROR_SERVICE_EXISTS, "The specified service already exists.");
        }
        Service service = new Service();
        service.definition = definition;
        services.put(definition.name().toLowerCase(Locale.ROOT), service);
        return newHandle(service, SERVICE_ALL_ACCESS);
    }

    @Override
    public synchronized long openService(long manager, String name, int access) {
        handle(manager);
        Service service = service(name);
        if (service == null) {
            throw error(ERROR_SERVICE_DOES_NOT_EXIST, "The specified service does not exist as an installed service.");
        }
        if (standardUser && (access & ~SERVICE_QUERY_STATUS) != 0) {
            throw error(ERROR_ACCESS_DENIED, "Access is denied.");
        }
        return newHandle(service, access);
    }

    @Override
    public synchronized void changeDescription(long service, String description) {
        handle(service, SERVICE_ALL_ACCESS).service.description = description;
    }

    @Override
    public synchronized void changeFailureActions(long service, FailureActions actions) {
        handle(service, SERVICE_ALL_ACCESS).service.failureActions = actions;
    }

    @Override
    public void startService(long handle) {
        Service service;
        synchronized (this) {
            service = handle(handle, SERVICE_START).service;
            if (service.markedForDelete) {
                throw error(ERROR_SERVICE_MARKED_FOR_DELETE, "The specified service has been marked for deletion.");
            }
            if (service.status.state() != SERVICE_STOPPED) {
                throw error(ERROR_SERVICE_ALREADY_RUNNING, "An instance of the service is already running.");
            }
        }
        start(service);
    }

    /** Starts the service's process and waits for its dispatcher to connect. */
    private void start(Service service) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        synchronized (this) {
            service.connected = connected;
            service.processExitCode = null;
            service.status = new Status(SERVICE_START_PENDING, 0, NO_ERROR, 0, 0, 0, nextPid++);
        }
        Thread process = new Thread(() -> {
            processOf.set(service);
            int exit;
            try {
                exit = program.main(service.definition.binaryPath(), this);
            } catch (Exception | Error e) { // the process dies
                exit = ERROR_PROCESS_ABORTED;
            }
            processExited(service, exit);
        }, "service-process-" + service.definition.name());
        process.setDaemon(true);
        process.start();
        try {
            connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw error(ERROR_SERVICE_REQUEST_TIMEOUT, "The service did not respond to the start or control request in"
                    + " a timely fashion.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void processExited(Service service, int exit) {
        synchronized (this) {
            service.processExitCode = exit;
            if (service.connected != null) {
                service.connected.completeExceptionally(new IllegalStateException("ended before connecting"));
            }
            Status status = service.status;
            if (status.state() != SERVICE_STOPPED) {
                service.status = Status.of(SERVICE_STOPPED, 0, ERROR_PROCESS_ABORTED, 0, 0, 0);
                failed(service);
            } else if (status.win32ExitCode() != NO_ERROR && service.failureActions != null
                    && service.failureActions.onNonCrashFailures()) {
                failed(service);
            }
            removeIfDeleted(service);
        }
    }

    private void failed(Service service) {
        if (service.failureActions == null || service.failureActions.actions().isEmpty() || service.markedForDelete) {
            return;
        }
        service.failures++;
        List<Action> actions = service.failureActions.actions();
        Action action = actions.get(Math.min(service.failures, actions.size()) - 1);
        if (action.type() == SC_ACTION_RESTART) {
            service.scheduledRestarts.add(action.delayMillis());
        }
    }

    @Override
    public Status controlService(long handle, int control) {
        Service service;
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        synchronized (this) {
            service = handle(handle, control == SERVICE_CONTROL_INTERROGATE ? SERVICE_QUERY_STATUS : SERVICE_STOP).service;
            Status status = service.status;
            if (status.state() == SERVICE_STOPPED) {
                throw error(ERROR_SERVICE_NOT_ACTIVE, "The service has not been started.");
            }
            if (status.state() == SERVICE_START_PENDING || status.state() == SERVICE_STOP_PENDING) {
                throw error(ERROR_SERVICE_CANNOT_ACCEPT_CTRL, "The service cannot accept control messages at this time.");
            }
            int accept = control == SERVICE_CONTROL_STOP ? SERVICE_ACCEPT_STOP
                    : control == SERVICE_CONTROL_SHUTDOWN ? SERVICE_ACCEPT_SHUTDOWN : 0;
            if ((status.controlsAccepted() & accept) != accept) {
                throw error(ERROR_INVALID_SERVICE_CONTROL, "The requested control is not valid for this service.");
            }
            ControlHandler handler = service.handler;
            service.controls.add(() -> answer.complete(handler.control(control)));
        }
        try {
            int result = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (result == ERROR_CALL_NOT_IMPLEMENTED) {
                throw error(ERROR_INVALID_SERVICE_CONTROL, "The requested control is not valid for this service.");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw error(ERROR_SERVICE_REQUEST_TIMEOUT, "The service did not respond to the start or control request in"
                    + " a timely fashion.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return service.status;
    }

    @Override
    public synchronized Status queryServiceStatus(long handle) {
        return handle(handle, SERVICE_QUERY_STATUS).service.status;
    }

    @Override
    public synchronized void deleteService(long handle) {
        Service service = handle(handle, DELETE).service;
        if (service.markedForDelete) {
            throw error(ERROR_SERVICE_MARKED_FOR_DELETE, "The specified service has been marked for deletion.");
        }
        service.markedForDelete = true;
    }

    @Override
    public synchronized void closeServiceHandle(long value) {
        Handle closed = handles.remove(value);
        if (closed == null) {
            throw error(6, "The handle is invalid.");
        }
        if (closed.service != null) {
            removeIfDeleted(closed.service);
        }
    }

    private void removeIfDeleted(Service service) {
        if (service.markedForDelete && service.status.state() == SERVICE_STOPPED
                && handles.values().stream().noneMatch(h -> h.service == service)) {
            services.values().remove(service);
        }
    }

    @Override
    public void startServiceCtrlDispatcher(String name, Runnable serviceMain) {
        Service service = processOf.get();
        LinkedBlockingQueue<Runnable> controls = new LinkedBlockingQueue<>();
        synchronized (this) {
            if (service == null || service.connected == null || service.connected.isDone()) {
                throw error(ERROR_FAILED_SERVICE_CONTROLLER_CONNECT, "The service process could not connect to the"
                        + " service controller.");
            }
            service.controls = controls;
            service.connected.complete(null);
        }
        Thread main = new Thread(serviceMain, "ServiceMain-" + name);
        main.setDaemon(true);
        main.start();
        try {
            while (true) { // the control handler runs on the dispatcher's thread, as on Windows
                Runnable next = controls.take();
                if (next == STOPPED) {
                    return;
                }
                next.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized long registerServiceCtrlHandlerEx(String name, ControlHandler handler) {
        Service service = processOf.get();
        if (service == null || !service.definition.name().equalsIgnoreCase(name)) {
            throw error(ERROR_SERVICE_DOES_NOT_EXIST, "The specified service does not exist as an installed service.");
        }
        service.handler = handler;
        return newHandle(service, -1); // a status handle: not closed, like SERVICE_STATUS_HANDLE
    }

    @Override
    public synchronized void setServiceStatus(long statusHandle, Status status) {
        Handle handle = handles.get(statusHandle);
        if (handle == null || handle.access != -1) {
            throw error(6, "The handle is invalid.");
        }
        Service service = handle.service;
        service.reported.add(status);
        service.status = new Status(status.state(), status.controlsAccepted(), status.win32ExitCode(),
                status.serviceExitCode(), status.checkPoint(), status.waitHintMillis(),
                status.state() == SERVICE_STOPPED ? 0 : service.status.processId());
        if (status.state() == SERVICE_STOPPED) {
            handles.remove(statusHandle);
            service.controls.add(STOPPED);
        }
    }

    private long newHandle(Service service, int access) {
        long value = nextHandle++;
        handles.put(value, new Handle(service, access));
        return value;
    }

    private Handle handle(long value) {
        Handle handle = handles.get(value);
        if (handle == null || handle.access == -1) {
            throw error(6, "The handle is invalid.");
        }
        return handle;
    }

    private Handle handle(long value, int access) {
        Handle handle = handle(value);
        if (handle.service == null || (handle.access & access) != access) {
            throw error(ERROR_ACCESS_DENIED, "Access is denied.");
        }
        return handle;
    }

    private static ScmException error(int code, String message) {
        return new ScmException(code, message);
    }
}
