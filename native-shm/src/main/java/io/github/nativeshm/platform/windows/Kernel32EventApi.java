package io.github.nativeshm.platform.windows;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;

/** {@link EventApi} over the real Kernel32. Nothing but forwarding belongs here. */
final class Kernel32EventApi implements EventApi {
    private final Kernel32 kernel32 = Kernel32.INSTANCE;

    @Override
    public HANDLE CreateEvent(SECURITY_ATTRIBUTES attributes, boolean manualReset, boolean initialState,
                              String name) {
        return kernel32.CreateEvent(attributes, manualReset, initialState, name);
    }

    @Override
    public boolean SetEvent(HANDLE event) {
        return kernel32.SetEvent(event);
    }

    @Override
    public boolean ResetEvent(HANDLE event) {
        return kernel32.ResetEvent(event);
    }

    @Override
    public int WaitForSingleObject(HANDLE handle, int milliseconds) {
        return kernel32.WaitForSingleObject(handle, milliseconds);
    }

    @Override
    public int GetLastError() {
        // JNA saves the error right after each call; Kernel32.GetLastError() could see a later one.
        return Native.getLastError();
    }

    @Override
    public String FormatMessage(int errorCode) {
        try {
            return Kernel32Util.formatMessage(errorCode).trim();
        } catch (LastErrorException e) {
            return "no message text (FormatMessage failed with error " + e.getErrorCode() + ")";
        }
    }
}
