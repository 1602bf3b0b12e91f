/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.platform.win32.Winsvc.HandlerEx;
import com.sun.jna.platform.win32.Winsvc.SC_ACTION;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_DESCRIPTION;
import com.sun.jna.platform.win32.Winsvc.SERVICE_FAILURE_ACTIONS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_FAILURE_ACTIONS_FLAG;
import com.sun.jna.platform.win32.Winsvc.SERVICE_MAIN_FUNCTION;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS_PROCESS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_TABLE_ENTRY;
import com.sun.jna.ptr.IntByReference;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link ServiceControlManager} over the real Advapi32 (jna-platform). Nothing but forwarding and
 * the conversions each call needs belongs here; a failed call throws with {@code GetLastError}.
 */
final class Advapi32Scm implements ServiceControlManager {
    private static final int SERVICE_ERROR_NORMAL = 1;
    private final Advapi32 advapi32 = Advapi32.INSTANCE;
    /** The callbacks Windows holds while the dispatcher runs: referenced here so that they are not collected. */
    private final List<Object> callbacks = new ArrayList<>();

    @Override
    public long openSCManager(int access) {
        return value(check(advapi32.OpenSCManager(null, null, access)));
    }

    @Override
    public long createService(long manager, Definition definition) {
        return value(check(advapi32.CreateService(handle(manager), definition.name(), definition.displayName(),
                SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS, definition.startType(), SERVICE_ERROR_NORMAL,
                definition.binaryPath(), null, null, null, definition.account(), null)));
    }

    @Override
    public long openService(long manager, String name, int access) {
        return value(check(advapi32.OpenService(handle(manager), name, access)));
    }

    @Override
    public void changeDescription(long service, String description) {
        SERVICE_DESCRIPTION info = new SERVICE_DESCRIPTION();
        info.lpDescription = description;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_DESCRIPTION, info));
    }

    @Override
    public void changeFailureActions(long service, FailureActions actions) {
        SERVICE_FAILURE_ACTIONS info = new SERVICE_FAILURE_ACTIONS();
        info.dwResetPeriod = actions.resetPeriodSeconds();
        info.cActions = actions.actions().size();
        SC_ACTION.ByReference first = new SC_ACTION.ByReference();
        SC_ACTION[] array = (SC_ACTION[]) first.toArray(actions.actions().size());
        for (int i = 0; i < array.length; i++) {
            array[i].type = actions.actions().get(i).type();
            array[i].delay = actions.actions().get(i).delayMillis();
            array[i].write();
        }
        info.lpsaActions = first;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, info));
        SERVICE_FAILURE_ACTIONS_FLAG flag = new SERVICE_FAILURE_ACTIONS_FLAG();
        flag.fFailureActionsOnNonCrashFailures = actions.onNonCrashFailures() ? 1 : 0;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, flag));
    }

    @Override
    public void startService(long service) {
        check(advapi32.StartService(handle(service), 0, null));
    }

    @Override
    public Status controlService(long service, int control) {
        SERVICE_STATUS status = new SERVICE_STATUS();
        check(advapi32.ControlService(handle(service), control, status));
        return new Status(status.dwCurrentState, status.dwControlsAccepted, status.dwWin32ExitCode,
                status.dwServiceSpecificExitCode, status.dwCheckPoint, status.dwWaitHint, 0);
    }

    @Override
    public Status queryServiceStatus(long service) {
        SERVICE_STATUS_PROCESS status = new SERVICE_STATUS_PROCESS();
        check(advapi32.QueryServiceStatusEx(handle(service), Winsvc.SC_STATUS_TYPE.SC_STATUS_PROCESS_INFO, status,
                status.size(), new IntByReference()));
        return new Status(status.dwCurrentState, status.dwControlsAccepted, status.dwWin32ExitCode,
                status.dwServiceSpecificExitCode, status.dwCheckPoint, status.dwWaitHint, status.dwProcessId);
    }

    @Override
    public void deleteService(long service) {
        check(advapi32.DeleteService(handle(service)));
    }

    @Override
    public void closeServiceHandle(long handle) {
        check(advapi32.CloseServiceHandle(handle(handle)));
    }

    @Override
    public void startServiceCtrlDispatcher(String name, Runnable serviceMain) {
        SERVICE_MAIN_FUNCTION main = (argc, argv) -> serviceMain.run();
        SERVICE_TABLE_ENTRY entry = new SERVICE_TABLE_ENTRY();
        SERVICE_TABLE_ENTRY[] table = (SERVICE_TABLE_ENTRY[]) entry.toArray(2); // ends with an all-null entry
        table[0].lpServiceName = name;
        table[0].lpServiceProc = main;
        table[0].write();
        synchronized (callbacks) {
            callbacks.add(main);
        }
        check(advapi32.StartServiceCtrlDispatcher(table));
    }

    @Override
    public long registerServiceCtrlHandlerEx(String name, ControlHandler handler) {
        HandlerEx callback = (control, eventType, eventData, context) -> handler.control(control);
        synchronized (callbacks) {
            callbacks.add(callback);
        }
        SERVICE_STATUS_HANDLE status = advapi32.RegisterServiceCtrlHandlerEx(name, callback, null);
        if (status == null) {
            throw lastError();
        }
        return Pointer.nativeValue(status.getPointer());
    }

    @Override
    public void setServiceStatus(long statusHandle, Status status) {
        SERVICE_STATUS reported = new SERVICE_STATUS();
        reported.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
        reported.dwCurrentState = status.state();
        reported.dwControlsAccepted = status.controlsAccepted();
        reported.dwWin32ExitCode = status.win32ExitCode();
        reported.dwServiceSpecificExitCode = status.serviceExitCode();
        reported.dwCheckPoint = status.checkPoint();
        reported.dwWaitHint = status.waitHintMillis();
        check(advapi32.SetServiceStatus(new SERVICE_STATUS_HANDLE(new Pointer(statusHandle)), reported));
    }

    private static SC_HANDLE handle(long value) {
        SC_HANDLE handle = new SC_HANDLE();
        handle.setPointer(new Pointer(value));
        return handle;
    }

    private static long value(SC_HANDLE handle) {
        return Pointer.nativeValue(handle.getPointer());
    }

    private static SC_HANDLE check(SC_HANDLE handle) {
        if (handle == null) {
            throw lastError();
        }
        return handle;
    }

    private static void check(boolean succeeded) {
        if (!succeeded) {
            throw lastError();
        }
    }

    private static ScmException lastError() {
        int code = Native.getLastError(); // JNA keeps it per thread from the failed call
        return new ScmException(code, Kernel32Util.formatMessageFromLastErrorCode(code).strip());
    }
}
