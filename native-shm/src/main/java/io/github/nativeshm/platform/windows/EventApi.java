/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;

/**
 * The Kernel32 event functions behind {@link EventSignals}, with Kernel32's own signatures. The real
 * implementation forwards to jna-platform; tests substitute a stand-in so that the Windows logic
 * runs on Linux too.
 */
@SuppressWarnings("checkstyle:MethodName") // Win32 names, so that the calls read like the Windows docs
interface EventApi {

    /** Creates the named event, or opens it (setting {@code ERROR_ALREADY_EXISTS}) if it exists. */
    HANDLE CreateEvent(SECURITY_ATTRIBUTES attributes, boolean manualReset, boolean initialState, String name);

    boolean SetEvent(HANDLE event);

    boolean ResetEvent(HANDLE event);

    /** {@code WAIT_OBJECT_0} (0), {@code WAIT_TIMEOUT} (258) or {@code WAIT_FAILED} (-1). */
    int WaitForSingleObject(HANDLE handle, int milliseconds);

    /** The calling thread's last error, as set by the previous call of this interface. */
    int GetLastError();

    /** The system's message text for an error code. */
    String FormatMessage(int errorCode);
}
