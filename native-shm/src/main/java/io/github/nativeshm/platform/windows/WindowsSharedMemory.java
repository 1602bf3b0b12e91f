/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import io.github.nativeshm.platform.MappedObject;
import io.github.nativeshm.platform.Mapping;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;
import io.github.nativeshm.platform.SharedMemoryProvider;
import io.github.nativeshm.platform.SharedName;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Named file mappings backed by the paging file: {@code CreateFileMapping(INVALID_HANDLE_VALUE)} to
 * create (with {@code ERROR_ALREADY_EXISTS} checked right after the call), {@code OpenFileMapping}
 * to attach, {@code MapViewOfFile} for the whole section. Windows reports a section's size only
 * rounded up to a page ({@code VirtualQueryEx}), so a segment opened by name has that size.
 *
 * <p>A mapping lives while any handle or view of it is open, in any process; there is no unlink.
 * Security: the default DACL (creator, SYSTEM and administrators). A section's owner is the owner
 * SID of its security descriptor; it is this process's when it is the token's user or the owner
 * the token gives new objects. Sections cannot be truncated, so {@link MappedObject#damage} is
 * always empty here.
 */
public final class WindowsSharedMemory implements SharedMemoryProvider {
    static final int PAGE_READWRITE = 0x04;
    static final int FILE_MAP_WRITE = 0x0002;
    static final int FILE_MAP_READ = 0x0004;

    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    static final int ERROR_DISK_FULL = 112;
    static final int ERROR_ALREADY_EXISTS = 183;
    static final int ERROR_PRIVILEGE_NOT_HELD = 1314;
    static final int ERROR_COMMITMENT_LIMIT = 1455;

    private final FileMappingApi api;
    /** The SIDs whose sections are this process's, read once (a token's user and owner do not change). */
    private volatile Set<String> currentSids;

    WindowsSharedMemory(FileMappingApi api) {
        this.api = api;
    }

    /** The provider over the real Kernel32. */
    public static WindowsSharedMemory withKernel32() {
        return new WindowsSharedMemory(new Kernel32Calls());
    }

    @Override
    public Mapping create(SharedName name, long size) {
        HANDLE mapping = api.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, PAGE_READWRITE,
                (int) (size >>> 32), (int) size, kernelName(name));
        int error = api.GetLastError();
        if (mapping == null) {
            throw failure("create", name, "CreateFileMapping", error);
        }
        if (error == ERROR_ALREADY_EXISTS) {
            // The call handed us the existing mapping (with its old size): give it back.
            api.CloseHandle(mapping);
            throw failure("create", name, "CreateFileMapping", error);
        }
        return map(mapping, FILE_MAP_READ | FILE_MAP_WRITE, size, true, name, "create");
    }

    @Override
    public Mapping open(SharedName name, boolean readOnly) {
        String operation = readOnly ? "open read-only" : "open";
        int access = readOnly ? FILE_MAP_READ : FILE_MAP_READ | FILE_MAP_WRITE;
        HANDLE mapping = api.OpenFileMapping(access, false, kernelName(name));
        if (mapping == null) {
            throw failure(operation, name, "OpenFileMapping", api.GetLastError());
        }
        return map(mapping, access, 0, false, name, operation);
    }

    /** Does nothing: a Windows mapping has no name to remove and dies with its last handle or view. */
    @Override
    public void unlink(SharedName name) {
    }

    @Override
    public List<Entry> list() {
        throw new PlatformException(Kind.UNSUPPORTED, "list", "*",
                "Windows has no documented call that enumerates named file mappings");
    }

    /**
     * Maps the whole section and takes ownership of {@code mapping}: on failure every handle and
     * view taken here is released before the exception leaves.
     *
     * @param knownSize the size the caller created, or 0 to ask the system (page-rounded)
     */
    private Mapping map(HANDLE mapping, int access, long knownSize, boolean created, SharedName name,
                        String operation) {
        Pointer view = api.MapViewOfFile(mapping, access, 0, 0, 0);
        if (view == null) {
            int error = api.GetLastError();
            api.CloseHandle(mapping);
            throw failure(operation, name, "MapViewOfFile", error);
        }
        try {
            long size = knownSize > 0 ? knownSize : regionSize(view, name, operation);
            if (size > Mapping.MAX_SIZE) {
                throw new PlatformException(Kind.INVALID_SIZE, operation, name.toString(),
                        "its size " + size + " is over the " + Mapping.MAX_SIZE + "-byte limit of one mapping");
            }
            return Mapping.ofNative(view, size, (access & FILE_MAP_WRITE) == 0, created,
                    () -> api.UnmapViewOfFile(view), () -> api.CloseHandle(mapping), new Section(mapping));
        } catch (RuntimeException e) {
            api.UnmapViewOfFile(view);
            api.CloseHandle(mapping);
            throw e;
        }
    }

    /**
     * A section as its mapping sees it. Its owner is the owner SID of its security descriptor,
     * compared with the SIDs this process's objects get ({@link FileMappingApi#GetTokenUserAndOwner}).
     * Damage never applies: a paging-file-backed section cannot shrink, and the handle the segment
     * holds keeps its name referring to it.
     */
    private final class Section implements MappedObject {
        private final HANDLE handle;

        Section(HANDLE handle) {
            this.handle = handle;
        }

        @Override
        public Owner owner() {
            String sid;
            try {
                sid = api.GetSecurityInfoOwner(handle);
            } catch (LastErrorException e) {
                return new Owner("an owner that cannot be read (GetSecurityInfo: error " + e.getErrorCode() + ", "
                        + api.FormatMessage(e.getErrorCode()) + ")", false);
            }
            String account = api.LookupAccountSid(sid);
            return new Owner(sid + (account == null ? "" : " (" + account + ")"), currentSids().contains(sid));
        }

        @Override
        public Optional<String> damage(long mappedSize) {
            return Optional.empty();
        }
    }

    private Set<String> currentSids() {
        Set<String> sids = currentSids;
        if (sids == null) {
            sids = api.GetTokenUserAndOwner();
            currentSids = sids;
        }
        return sids;
    }

    private long regionSize(Pointer view, SharedName name, String operation) {
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        SIZE_T written = api.VirtualQueryEx(api.GetCurrentProcess(), view, info, new SIZE_T(info.size()));
        if (written.longValue() == 0) {
            throw failure(operation, name, "VirtualQueryEx", api.GetLastError());
        }
        return info.regionSize.longValue();
    }

    private static String kernelName(SharedName name) {
        return (name.global() ? "Global\\" : "Local\\") + name.portable();
    }

    private PlatformException failure(String operation, SharedName name, String call, int error) {
        Kind kind = switch (error) {
            case ERROR_ALREADY_EXISTS -> Kind.EXISTS;
            case ERROR_FILE_NOT_FOUND -> Kind.NOT_FOUND;
            case ERROR_ACCESS_DENIED, ERROR_PRIVILEGE_NOT_HELD -> Kind.PERMISSION_DENIED;
            case ERROR_NOT_ENOUGH_MEMORY, ERROR_COMMITMENT_LIMIT, ERROR_DISK_FULL -> Kind.NO_SPACE;
            default -> Kind.OS_ERROR;
        };
        return new PlatformException(kind, operation, name.toString(),
                call + ": error " + error + ", " + api.FormatMessage(error));
    }
}
