/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;

import java.util.Set;

/**
 * The Kernel32 functions behind named segments on Windows, with Kernel32's own signatures. The
 * real implementation forwards to jna-platform; tests substitute a stand-in so that the Windows
 * logic runs on Linux too.
 */
@SuppressWarnings("checkstyle:MethodName") // Win32 names, so that the calls read like the Windows docs
interface FileMappingApi {

    HANDLE CreateFileMapping(HANDLE file, SECURITY_ATTRIBUTES attributes, int protection,
                             int maximumSizeHigh, int maximumSizeLow, String name);

    HANDLE OpenFileMapping(int desiredAccess, boolean inheritHandle, String name);

    Pointer MapViewOfFile(HANDLE mapping, int desiredAccess, int offsetHigh, int offsetLow, int bytesToMap);

    boolean UnmapViewOfFile(Pointer baseAddress);

    boolean CloseHandle(HANDLE handle);

    HANDLE GetCurrentProcess();

    SIZE_T VirtualQueryEx(HANDLE process, Pointer address, MEMORY_BASIC_INFORMATION buffer, SIZE_T length);

    /**
     * The owner of a kernel object as a string SID ("S-1-5-21-..."): {@code GetSecurityInfo(handle,
     * SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION)}, then {@code ConvertSidToStringSid}.
     *
     * @throws LastErrorException carrying the Win32 error if the owner cannot be read
     */
    String GetSecurityInfoOwner(HANDLE handle);

    /**
     * The string SIDs this process's objects belong to: its token's user ({@code TokenUser}) and
     * the owner it gives new objects ({@code TokenOwner}; the Administrators group when elevated).
     */
    Set<String> GetTokenUserAndOwner();

    /** The account ("DOMAIN\\name") of a string SID ({@code LookupAccountSid}), or null if none is known. */
    String LookupAccountSid(String sid);

    /** The calling thread's last error, as set by the previous call of this interface. */
    int GetLastError();

    /** The system's message text for an error code. */
    String FormatMessage(int errorCode);
}
