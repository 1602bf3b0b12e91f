/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.service.ServiceControlManager.ScmException;
import io.github.nativeshm.api.service.ServiceControlManager.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;

import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_CALL_NOT_IMPLEMENTED;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_FAILED_SERVICE_CONTROLLER_CONNECT;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_SERVICE_SPECIFIC_ERROR;
import static io.github.nativeshm.api.service.ServiceControlManager.NO_ERROR;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_ACCEPT_SHUTDOWN;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_ACCEPT_STOP;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_CONTROL_INTERROGATE;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_CONTROL_SHUTDOWN;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_CONTROL_STOP;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_RUNNING;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_START_PENDING;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_STOPPED;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_STOP_PENDING;

/**
 * {@code service run}: the app as a Windows service, started by the Service Control Manager. What
 * it reports when:
 * <ol>
 * <li>{@code START_PENDING}, its checkpoint raised every {@code tick} while the app starts;</li>
 * <li>{@code RUNNING}, accepting stop and shutdown; or, if the app cannot start, {@code STOPPED}
 *     with exit code {@link #EXIT_START_FAILED};</li>
 * <li>on stop or shutdown: {@code STOP_PENDING} at once, its checkpoint raised every {@code tick}
 *     while the app (and with it the crawler child) stops; then {@code STOPPED} with exit code 0,
 *     or {@link #EXIT_STOP_TIMEOUT} after {@code stopTimeout}.</li>
 * </ol>
 * A non-zero exit code counts as a failure for the SCM (the install sets
 * {@code FailureActionsOnNonCrashFailures}): it restarts the service as its failure actions say.
 * So does a process that dies without reporting {@code STOPPED}.
 */
public final class WindowsServiceRun {
    /** The app could not start (as for {@code app.jar} itself). */
    public static final int EXIT_START_FAILED = 1;
    /** The app did not stop within the timeout: the process is to end at once. */
    public static final int EXIT_STOP_TIMEOUT = 3;
    private static final Logger LOG = LoggerFactory.getLogger(WindowsServiceRun.class);
    private static final int ACCEPTED = SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN;

    private final ServiceControlManager scm;
    private final String name;
    private final Callable<? extends AutoCloseable> app;
    private final Duration tick;
    private final Duration stopTimeout;
    private long statusHandle;
    private int checkPoint;
    private int state;
    private AutoCloseable running;
    private int exitCode = EXIT_START_FAILED;

    /**
     * @param app         starts the app and returns what stops it
     * @param tick        how often a pending start or stop raises its checkpoint (the wait hint is twice this)
     * @param stopTimeout how long the app may take to stop
     */
    public WindowsServiceRun(ServiceControlManager scm, String name, Callable<? extends AutoCloseable> app, Duration tick,
                             Duration stopTimeout) {
        this.scm = scm;
        this.name = name;
        this.app = app;
        this.tick = tick;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Connects to the SCM and runs the service until it is stopped.
     *
     * @return the process's exit code: 0, {@link #EXIT_START_FAILED} or {@link #EXIT_STOP_TIMEOUT}
     * @throws IllegalStateException if this process was not started by the SCM
     */
    public int run() {
        try {
            scm.startServiceCtrlDispatcher(name, this::serviceMain);
        } catch (ScmException e) {
            if (e.code() == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
                throw new IllegalStateException("'service run' is what the Service Control Manager starts; start the"
                        + " service with: sc.exe start " + name);
            }
            throw e;
        }
        synchronized (this) {
            return exitCode;
        }
    }

    /** ServiceMain, on the dispatcher's thread for it. */
    private void serviceMain() {
        synchronized (this) {
            statusHandle = scm.registerServiceCtrlHandlerEx(name, this::control);
            report(SERVICE_START_PENDING, 0);
        }
        Thread ticker = new Thread(() -> tickWhile(SERVICE_START_PENDING), "service-start-checkpoints");
        ticker.setDaemon(true);
        ticker.start();
        AutoCloseable started;
        try {
            started = app.call();
        } catch (Exception | Error e) {
            LOG.error("the service cannot start the app: {}", e.toString());
            synchronized (this) {
                stopped(EXIT_START_FAILED);
            }
            return;
        }
        synchronized (this) {
            running = started;
            report(SERVICE_RUNNING, 0);
        }
    }

    /** While the state is {@code pending}: raises the checkpoint every tick. */
    private void tickWhile(int pending) {
        try {
            while (true) {
                Thread.sleep(tick.toMillis());
                synchronized (this) {
                    if (state != pending) {
                        return;
                    }
                    report(pending, 0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** HandlerEx, on the dispatcher's thread: returns at once, the stop goes on on its own thread. */
    private int control(int control) {
        switch (control) {
            case SERVICE_CONTROL_STOP, SERVICE_CONTROL_SHUTDOWN -> {
                synchronized (this) {
                    if (state != SERVICE_RUNNING) {
                        return NO_ERROR; // already stopping
                    }
                    report(SERVICE_STOP_PENDING, 0);
                }
                Thread stopper = new Thread(this::stop, "service-stop");
                stopper.start();
                return NO_ERROR;
            }
            case SERVICE_CONTROL_INTERROGATE -> {
                return NO_ERROR;
            }
            default -> {
                return ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
    }

    /** Stops the app, raising the stop's checkpoint meanwhile; reports stopped. */
    private void stop() {
        AutoCloseable app;
        synchronized (this) {
            app = running;
        }
        Thread closer = new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.warn("stopping the app failed: {}", e.toString());
            }
        }, "service-stop-app");
        closer.setDaemon(true); // a hung stop must not keep the process
        closer.start();
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        try {
            while (true) {
                closer.join(Math.max(1, Math.min(tick.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
                synchronized (this) {
                    if (!closer.isAlive()) {
                        stopped(0);
                        return;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        LOG.error("the app did not stop within {} ms: the service stops without it", stopTimeout.toMillis());
                        stopped(EXIT_STOP_TIMEOUT);
                        return;
                    }
                    report(SERVICE_STOP_PENDING, 0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                stopped(EXIT_STOP_TIMEOUT);
            }
        }
    }

    private void stopped(int exit) {
        exitCode = exit;
        report(SERVICE_STOPPED, exit);
    }

    /**
     * SetServiceStatus: a pending state raises the checkpoint (and gives a wait hint), any other
     * state has checkpoint 0; a non-zero exit is a service-specific error.
     */
    private void report(int newState, int exit) {
        boolean pending = newState == SERVICE_START_PENDING || newState == SERVICE_STOP_PENDING;
        checkPoint = !pending ? 0 : newState == state ? checkPoint + 1 : 1;
        state = newState;
        scm.setServiceStatus(statusHandle, Status.of(newState, newState == SERVICE_RUNNING ? ACCEPTED : 0,
                exit == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR, exit, checkPoint,
                pending ? (int) tick.toMillis() * 2 : 0));
    }
}
