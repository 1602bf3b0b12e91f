/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.platform.win32.WinNT.PSID;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;

import java.util.List;
import java.util.Set;

/**
 * {@link FileMappingApi} and {@link EventApi} over the real Kernel32 and Advapi32. Nothing but
 * forwarding (and the freeing and conversions each call needs) belongs here.
 */
final class Kernel32Calls implements FileMappingApi, EventApi {
    private final Kernel32 kernel32 = Kernel32.INSTANCE;

    @Override
    public HANDLE CreateFileMapping(HANDLE file, SECURITY_ATTRIBUTES attributes, int protection,
                                    int maximumSizeHigh, int maximumSizeLow, String name) {
        return kernel32.CreateFileMapping(file, attributes, protection, maximumSizeHigh, maximumSizeLow, name);
    }

    @Override
    public HANDLE OpenFileMapping(int desiredAccess, boolean inheritHandle, String name) {
        return kernel32.OpenFileMapping(desiredAccess, inheritHandle, name);
    }

    @Override
    public Pointer MapViewOfFile(HANDLE mapping, int desiredAccess, int offsetHigh, int offsetLow, int bytesToMap) {
        return kernel32.MapViewOfFile(mapping, desiredAccess, offsetHigh, offsetLow, bytesToMap);
    }

    @Override
    public boolean UnmapViewOfFile(Pointer baseAddress) {
        return kernel32.UnmapViewOfFile(baseAddress);
    }

    @Override
    public boolean CloseHandle(HANDLE handle) {
        return kernel32.CloseHandle(handle);
    }

    @Override
    public HANDLE GetCurrentProcess() {
        return kernel32.GetCurrentProcess();
    }

    @Override
    public SIZE_T VirtualQueryEx(HANDLE process, Pointer address, MEMORY_BASIC_INFORMATION buffer, SIZE_T length) {
        return kernel32.VirtualQueryEx(process, address, buffer, length);
    }

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
    public String GetSecurityInfoOwner(HANDLE handle) {
        PointerByReference owner = new PointerByReference();
        PointerByReference descriptor = new PointerByReference();
        int error = Advapi32.INSTANCE.GetSecurityInfo(handle, AccCtrl.SE_OBJECT_TYPE.SE_KERNEL_OBJECT,
                WinNT.OWNER_SECURITY_INFORMATION, owner, null, null, null, descriptor);
        if (error != 0) {
            throw new LastErrorException(error);
        }
        try {
            return Advapi32Util.convertSidToStringSid(new PSID(owner.getValue()));
        } finally {
            kernel32.LocalFree(descriptor.getValue());
        }
    }

    @Override
    public Set<String> GetTokenUserAndOwner() {
        HANDLEByReference token = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(kernel32.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw new LastErrorException(Native.getLastError());
        }
        try {
            IntByReference length = new IntByReference();
            int tokenOwner = WinNT.TOKEN_INFORMATION_CLASS.TokenOwner;
            Advapi32.INSTANCE.GetTokenInformation(token.getValue(), tokenOwner, null, 0, length); // asks the size
            WinNT.TOKEN_OWNER owner = new WinNT.TOKEN_OWNER(length.getValue());
            if (!Advapi32.INSTANCE.GetTokenInformation(token.getValue(), tokenOwner, owner, length.getValue(), length)) {
                throw new LastErrorException(Native.getLastError());
            }
            return Set.copyOf(List.of(Advapi32Util.getTokenAccount(token.getValue()).sidString,
                    Advapi32Util.convertSidToStringSid(owner.Owner))); // one element when they are the same
        } finally {
            kernel32.CloseHandle(token.getValue());
        }
    }

    @Override
    public String LookupAccountSid(String sid) {
        try {
            return Advapi32Util.getAccountBySid(sid).fqn;
        } catch (Win32Exception e) {
            return null;
        }
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
