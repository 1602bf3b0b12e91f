/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;
import io.github.nativeshm.api.service.ServiceControlManager.Action;
import io.github.nativeshm.api.service.ServiceControlManager.Definition;
import io.github.nativeshm.api.service.ServiceControlManager.FailureActions;
import io.github.nativeshm.api.service.ServiceControlManager.ScmException;
import io.github.nativeshm.api.service.ServiceControlManager.Status;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.github.nativeshm.api.service.ServiceControlManager.DELETE;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_ACCESS_DENIED;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_SERVICE_DOES_NOT_EXIST;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_SERVICE_EXISTS;
import static io.github.nativeshm.api.service.ServiceControlManager.ERROR_SERVICE_MARKED_FOR_DELETE;
import static io.github.nativeshm.api.service.ServiceControlManager.SC_ACTION_RESTART;
import static io.github.nativeshm.api.service.ServiceControlManager.SC_MANAGER_CONNECT;
import static io.github.nativeshm.api.service.ServiceControlManager.SC_MANAGER_CREATE_SERVICE;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_AUTO_START;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_CONTROL_STOP;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_QUERY_STATUS;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_RUNNING;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_STOP;
import static io.github.nativeshm.api.service.ServiceControlManager.SERVICE_STOPPED;

/**
 * {@code service install|uninstall|status} on Windows, through a {@link ServiceControlManager}:
 * the service {@value #NAME} runs {@code java -jar app.jar service run} as {@value #ACCOUNT}, starts
 * with Windows, and is restarted by the SCM after a failure.
 */
final class WindowsService {
    static final String NAME = "native-shm";
    static final String DISPLAY_NAME = "native-shm api and crawler";
    static final String DESCRIPTION = "Crawls the configured sources into shared memory and serves them over HTTP"
            + " (java -jar app.jar service run).";
    /**
     * The least-privileged built-in service account: it may create folders under
     * {@code %ProgramData%} (and owns what it creates there), which is all the app writes.
     */
    static final String ACCOUNT = "NT AUTHORITY\\LocalService";
    /** Restart after 10 s, three times; a day without failure starts the count again. */
    static final FailureActions FAILURE_ACTIONS = new FailureActions((int) Duration.ofDays(1).toSeconds(),
            List.of(new Action(SC_ACTION_RESTART, 10_000), new Action(SC_ACTION_RESTART, 10_000),
                    new Action(SC_ACTION_RESTART, 10_000)), true);
    private static final Duration POLL = Duration.ofMillis(250);

    private final ServiceControlManager scm;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration stopWait;

    /** @param stopWait how long uninstall waits for a running service to stop */
    WindowsService(ServiceControlManager scm, PrintStream out, PrintStream err, Duration stopWait) {
        this.scm = scm;
        this.out = out;
        this.err = err;
        this.stopWait = stopWait;
    }

    /** The service's command line: {@code "java.exe" -jar "app.jar" service run --config-dir "..." --data-dir "..."}. */
    static Definition definition(Path java, Path jar, AppDirectories dirs) {
        return new Definition(NAME, DISPLAY_NAME, SERVICE_AUTO_START, '"' + java.toString() + "\" -jar \"" + jar
                + "\" service run --config-dir \"" + dirs.config() + "\" --data-dir \"" + dirs.data() + '"', ACCOUNT);
    }

    /**
     * Creates the configuration folder and the service with its description and failure actions;
     * starts it if {@code start}.
     *
     * @return 0 done, 1 failed (said on stderr)
     */
    int install(Definition definition, AppDirectories dirs, boolean start) throws IOException {
        // the data folder is left to the service, which then owns it (LocalService may not write an admin's folder)
        Files.createDirectories(dirs.config());
        long manager;
        try {
            manager = scm.openSCManager(SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE);
        } catch (ScmException e) {
            return failed(e, "cannot open the Service Control Manager");
        }
        try {
            long service = scm.createService(manager, definition);
            try {
                scm.changeDescription(service, DESCRIPTION);
                scm.changeFailureActions(service, FAILURE_ACTIONS);
                out.println("installed the service " + NAME + ": " + definition.binaryPath());
                out.println("configuration: " + dirs.config() + " (app.yml); data: " + dirs.data());
                if (start) {
                    scm.startService(service);
                    out.println("started " + NAME + "; sc.exe query " + NAME + " shows its state");
                } else {
                    out.println("start it with: sc.exe start " + NAME + " (it starts with Windows from now on)");
                }
                return 0;
            } finally {
                scm.closeServiceHandle(service);
            }
        } catch (ScmException e) {
            return failed(e, e.code() == ERROR_SERVICE_EXISTS ? "the service " + NAME + " is already installed"
                    + " (app.jar service uninstall removes it)" : "cannot install the service " + NAME);
        } finally {
            scm.closeServiceHandle(manager);
        }
    }

    /**
     * Stops the service if it runs (waiting for it), deletes it; keeps the configuration and data.
     *
     * @return 0 done, 1 failed
     */
    int uninstall(AppDirectories dirs) throws InterruptedException {
        long manager;
        try {
            manager = scm.openSCManager(SC_MANAGER_CONNECT);
        } catch (ScmException e) {
            return failed(e, "cannot open the Service Control Manager");
        }
        try {
            long service = scm.openService(manager, NAME, SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE);
            try {
                if (scm.queryServiceStatus(service).state() != SERVICE_STOPPED) {
                    out.println("stopping " + NAME);
                    try {
                        scm.controlService(service, SERVICE_CONTROL_STOP);
                    } catch (ScmException e) { // starting or stopping already: wait for it below
                        out.println("stop: " + e.getMessage());
                    }
                    if (!waitForStop(service)) {
                        out.println(NAME + " did not stop within " + stopWait.toSeconds() + " s; Windows removes it once"
                                + " it has stopped");
                    }
                }
                scm.deleteService(service);
            } finally {
                scm.closeServiceHandle(service);
            }
            out.println("removed the service " + NAME + "; kept the configuration in " + dirs.config()
                    + " and the data in " + dirs.data());
            return 0;
        } catch (ScmException e) {
            return failed(e, e.code() == ERROR_SERVICE_DOES_NOT_EXIST ? "the service " + NAME + " is not installed"
                    : e.code() == ERROR_SERVICE_MARKED_FOR_DELETE ? "the service " + NAME + " is already being removed"
                    : "cannot remove the service " + NAME);
        } finally {
            scm.closeServiceHandle(manager);
        }
    }

    private boolean waitForStop(long service) throws InterruptedException {
        long deadline = System.nanoTime() + stopWait.toNanos();
        while (scm.queryServiceStatus(service).state() != SERVICE_STOPPED) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * Prints the service's state.
     *
     * @return 0 running, 3 not running, 4 not installed, 1 cannot tell (as {@code systemctl status})
     */
    int status() {
        long manager;
        try {
            manager = scm.openSCManager(SC_MANAGER_CONNECT);
        } catch (ScmException e) {
            return failed(e, "cannot open the Service Control Manager");
        }
        try {
            long service = scm.openService(manager, NAME, SERVICE_QUERY_STATUS);
            try {
                Status status = scm.queryServiceStatus(service);
                out.println(NAME + ": " + describe(status));
                return status.state() == SERVICE_RUNNING ? 0 : 3;
            } finally {
                scm.closeServiceHandle(service);
            }
        } catch (ScmException e) {
            if (e.code() == ERROR_SERVICE_DOES_NOT_EXIST) {
                out.println(NAME + ": not installed (app.jar service install)");
                return 4;
            }
            return failed(e, "cannot query the service " + NAME);
        } finally {
            scm.closeServiceHandle(manager);
        }
    }

    /** The state as {@code sc.exe query} names it, with the process or the exit code. */
    static String describe(Status status) {
        return switch (status.state()) {
            case SERVICE_STOPPED -> "STOPPED" + (status.win32ExitCode() == 0 ? "" : " (exit code "
                    + status.win32ExitCode() + ", service exit code " + status.serviceExitCode() + ")");
            case ServiceControlManager.SERVICE_START_PENDING -> "START_PENDING";
            case ServiceControlManager.SERVICE_STOP_PENDING -> "STOP_PENDING";
            case SERVICE_RUNNING -> "RUNNING (pid " + status.processId() + ")";
            default -> "state " + status.state();
        };
    }

    private int failed(ScmException e, String what) {
        err.println("app: " + what + ": " + e.getMessage() + (e.code() == ERROR_ACCESS_DENIED
                ? "; run it from an administrator's prompt" : ""));
        return 1;
    }
}
