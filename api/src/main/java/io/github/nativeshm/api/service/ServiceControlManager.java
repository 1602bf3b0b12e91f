/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import java.util.List;

/**
 * The handful of Service Control Manager calls (Advapi32) the Windows service needs, one method a
 * call, with Java types: handles are numbers, a failing call throws {@link ScmException} with the
 * error {@code GetLastError} gave. {@link Advapi32Scm} forwards them to Windows; the tests run the
 * same install, run and stop logic against an in-memory stand-in.
 */
public interface ServiceControlManager {
    int SC_MANAGER_CONNECT = 0x0001;
    int SC_MANAGER_CREATE_SERVICE = 0x0002;
    int SERVICE_QUERY_STATUS = 0x0004;
    int SERVICE_START = 0x0010;
    int SERVICE_STOP = 0x0020;
    int DELETE = 0x10000;
    int SERVICE_ALL_ACCESS = 0xF01FF;

    int SERVICE_WIN32_OWN_PROCESS = 0x10;
    int SERVICE_AUTO_START = 2;

    int SERVICE_STOPPED = 1;
    int SERVICE_START_PENDING = 2;
    int SERVICE_STOP_PENDING = 3;
    int SERVICE_RUNNING = 4;

    int SERVICE_ACCEPT_STOP = 0x1;
    int SERVICE_ACCEPT_SHUTDOWN = 0x4;

    int SERVICE_CONTROL_STOP = 1;
    int SERVICE_CONTROL_INTERROGATE = 4;
    int SERVICE_CONTROL_SHUTDOWN = 5;

    int SC_ACTION_NONE = 0;
    int SC_ACTION_RESTART = 1;

    int NO_ERROR = 0;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_CALL_NOT_IMPLEMENTED = 120;
    int ERROR_INVALID_SERVICE_CONTROL = 1052;
    int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    int ERROR_SERVICE_ALREADY_RUNNING = 1056;
    int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    int ERROR_SERVICE_CANNOT_ACCEPT_CTRL = 1061;
    int ERROR_SERVICE_NOT_ACTIVE = 1062;
    int ERROR_FAILED_SERVICE_CONTROLLER_CONNECT = 1063;
    int ERROR_SERVICE_SPECIFIC_ERROR = 1066;
    int ERROR_PROCESS_ABORTED = 1067;
    int ERROR_SERVICE_MARKED_FOR_DELETE = 1072;
    int ERROR_SERVICE_EXISTS = 1073;

    /** A failed call: the Win32 error code and its system message. */
    final class ScmException extends RuntimeException {
        private final int code;

        public ScmException(int code, String message) {
            super(message + " (error " + code + ")");
            this.code = code;
        }

        /** The Win32 error code. */
        public int code() {
            return code;
        }
    }

    /**
     * What a service is to be: {@code CreateService}'s parameters (type
     * {@link #SERVICE_WIN32_OWN_PROCESS}, {@code SERVICE_ERROR_NORMAL}, no dependencies).
     *
     * @param account the account it runs as ({@code NT AUTHORITY\LocalService}); no password
     */
    record Definition(String name, String displayName, int startType, String binaryPath, String account) {
    }

    /** One {@code SC_ACTION}: what to do after a failure, and after how long. */
    record Action(int type, int delayMillis) {
    }

    /**
     * {@code SERVICE_FAILURE_ACTIONS} plus {@code SERVICE_FAILURE_ACTIONS_FLAG}.
     *
     * @param resetPeriodSeconds after this long without failure the count starts again
     * @param actions            the first, second, ... failure's action (the last repeats)
     * @param onNonCrashFailures whether a stop reported with a non-zero exit code counts as a failure
     */
    record FailureActions(int resetPeriodSeconds, List<Action> actions, boolean onNonCrashFailures) {
    }

    /**
     * {@code SERVICE_STATUS} ({@code SERVICE_STATUS_PROCESS} when queried: with the process id).
     *
     * @param state                   {@link #SERVICE_STOPPED}, {@link #SERVICE_RUNNING}, ...
     * @param win32ExitCode           {@link #NO_ERROR}, or {@link #ERROR_SERVICE_SPECIFIC_ERROR} with
     *                                {@code serviceExitCode}
     * @param checkPoint              raised during a long start or stop to show progress
     * @param waitHintMillis          how long until the next checkpoint or state, at most
     */
    record Status(int state, int controlsAccepted, int win32ExitCode, int serviceExitCode, int checkPoint,
                  int waitHintMillis, int processId) {
        /** A status to report (the process id is the SCM's to fill in). */
        public static Status of(int state, int controlsAccepted, int win32ExitCode, int serviceExitCode, int checkPoint,
                                int waitHintMillis) {
            return new Status(state, controlsAccepted, win32ExitCode, serviceExitCode, checkPoint, waitHintMillis, 0);
        }
    }

    /** {@code HandlerEx}: receives a control; returns {@link #NO_ERROR} or {@link #ERROR_CALL_NOT_IMPLEMENTED}. */
    interface ControlHandler {
        int control(int control);
    }

    /** {@code OpenSCManager(null, null, access)}. */
    long openSCManager(int access);

    /** {@code CreateService}: the new service's handle (all access). */
    long createService(long manager, Definition definition);

    /** {@code OpenService}. */
    long openService(long manager, String name, int access);

    /** {@code ChangeServiceConfig2(SERVICE_CONFIG_DESCRIPTION)}. */
    void changeDescription(long service, String description);

    /** {@code ChangeServiceConfig2} with {@code SERVICE_CONFIG_FAILURE_ACTIONS} and {@code ..._FLAG}. */
    void changeFailureActions(long service, FailureActions actions);

    /** {@code StartService} without arguments. */
    void startService(long service);

    /** {@code ControlService}: the status after the service's handler took the control. */
    Status controlService(long service, int control);

    /** {@code QueryServiceStatusEx(SC_STATUS_PROCESS_INFO)}. */
    Status queryServiceStatus(long service);

    /** {@code DeleteService}: marks it for deletion, done once it is stopped and every handle is closed. */
    void deleteService(long service);

    /** {@code CloseServiceHandle}. */
    void closeServiceHandle(long handle);

    /**
     * {@code StartServiceCtrlDispatcher} with one service: connects this process (started by the SCM)
     * to it, runs {@code serviceMain} on a new thread, delivers controls to the registered handler
     * on this one, and returns once the service reported {@link #SERVICE_STOPPED}.
     */
    void startServiceCtrlDispatcher(String name, Runnable serviceMain);

    /** {@code RegisterServiceCtrlHandlerEx}, from the service's main: the status handle. */
    long registerServiceCtrlHandlerEx(String name, ControlHandler handler);

    /** {@code SetServiceStatus} (type {@link #SERVICE_WIN32_OWN_PROCESS}). */
    void setServiceStatus(long statusHandle, Status status);
}
