/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory stand-in for the Kernel32 calls behind {@link FileMappingApi}, so that the Windows
 * code path runs on any OS. It models paging-file-backed named sections as documented for Win32:
 *
 * <ul>
 *   <li>A section is real native memory (JNA {@link Memory}, page-rounded, zero-filled), so a view
 *       pointer can back a direct buffer. Its name is freed with its last handle, even while views
 *       of it remain (then {@code OpenFileMapping} fails with {@code ERROR_FILE_NOT_FOUND} and a
 *       {@code CreateFileMapping} of the name makes a new section); its memory is released when its
 *       last handle <em>and</em> last view are gone. There is no other way to remove it. (Checked
 *       under Wine by {@link Kernel32ScenariosTest}; reported the same for Windows 10.)</li>
 *   <li>{@code CreateFileMapping} of a taken name returns a new handle to the existing section (with
 *       its old size) and sets {@code ERROR_ALREADY_EXISTS}; a new section sets {@code ERROR_SUCCESS}.
 *       Size 0 is {@code ERROR_INVALID_PARAMETER}; more than the remaining commit limit
 *       ({@link #setCommitLimit}) is {@code ERROR_COMMITMENT_LIMIT}. With
 *       {@link #denyGlobalCreation} a new {@code Global\} section is {@code ERROR_ACCESS_DENIED}, as
 *       without {@code SeCreateGlobalPrivilege}.</li>
 *   <li>Names resolve as {@link KernelNamespace} says: {@code Global\} and {@code Local\} are
 *       separate namespaces, as in an interactive session (in session 0 they coincide; not
 *       modelled), a plain name is {@code Local\}, another backslash is {@code ERROR_PATH_NOT_FOUND}.
 *       A name an event holds (given a shared namespace) is {@code ERROR_INVALID_HANDLE}.</li>
 *   <li>Handles remember their access ({@code FILE_MAP_READ}, {@code FILE_MAP_WRITE}); a view needs
 *       the rights it asks for ({@code ERROR_ACCESS_DENIED}). {@link #denyWrite} makes a section grant
 *       read only, like another user's read-only DACL. Handle values are never reused, so a double
 *       close is reported ({@code ERROR_INVALID_HANDLE}) rather than closing someone else's handle.</li>
 *   <li>{@code VirtualQueryEx} reports the size rounded up to a 4096-byte page, as Windows does, and
 *       {@code PAGE_READONLY} while a section has read-only views only; any other address is free
 *       memory ({@code MEM_FREE}), as an unmapped address is on Windows.</li>
 *   <li>The last error is per thread; a failing call sets it, a succeeding one leaves it unchanged
 *       (except {@code CreateFileMapping}, which always sets it).</li>
 * </ul>
 *
 * <p>Differences from Windows: every view of a section has the same address (the section's memory),
 * so views are counted per section, and unmapping an address releases one of its views (a writable
 * one first); views are not write-protected (read-only is enforced by the Java
 * buffer, {@code VirtualQueryEx} reports it); only whole-section views
 * ({@code MapViewOfFile(h, access, 0, 0, 0)}) are modelled. The commit limit is that of a small
 * machine (256 MiB by default); Wine charges no commit at all (see docs/platforms.md).
 *
 * <p>Users: each section's owner is the token owner of the process that created it; {@link #runAs}
 * switches the calling process's token user and owner (at first the user {@link #ALICE}), and
 * {@code GetSecurityInfo}, {@code GetTokenInformation} and {@code LookupAccountSid} answer from
 * that model.
 *
 * <p>For tests: {@link #failNext} injects a failure into the next call of a function;
 * {@link #openHandleCount}, {@link #liveViewCount} and {@link #sectionExists} observe the state.
 * Thread-safe: every call that touches sections holds this object's lock.
 */
final class Kernel32StandIn implements FileMappingApi {
    static final int PAGE_SIZE = 4096;

    static final int ERROR_SUCCESS = 0;
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_PATH_NOT_FOUND = 3;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_INVALID_HANDLE = 6;
    static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    static final int ERROR_BAD_LENGTH = 24;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_DISK_FULL = 112;
    static final int ERROR_ALREADY_EXISTS = 183;
    static final int ERROR_INVALID_ADDRESS = 487;
    static final int ERROR_PRIVILEGE_NOT_HELD = 1314;
    static final int ERROR_COMMITMENT_LIMIT = 1455;

    private static final int PAGE_READONLY = 0x02;
    private static final int PAGE_READWRITE = 0x04;
    private static final int FILE_MAP_WRITE = 0x0002;
    private static final int FILE_MAP_READ = 0x0004;
    private static final int MEM_COMMIT = 0x1000;
    private static final int MEM_FREE = 0x10000;
    private static final int MEM_MAPPED = 0x40000;
    private static final long CURRENT_PROCESS = -1;
    private static final long INVALID_HANDLE_VALUE = -1;

    /** The real (English) system message texts of the codes this stand-in produces or tests inject. */
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(ERROR_SUCCESS, "The operation completed successfully."),
            Map.entry(ERROR_FILE_NOT_FOUND, "The system cannot find the file specified."),
            Map.entry(ERROR_PATH_NOT_FOUND, "The system cannot find the path specified."),
            Map.entry(ERROR_ACCESS_DENIED, "Access is denied."),
            Map.entry(ERROR_INVALID_HANDLE, "The handle is invalid."),
            Map.entry(ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command."),
            Map.entry(ERROR_BAD_LENGTH, "The program issued a command but the command length is incorrect."),
            Map.entry(ERROR_INVALID_PARAMETER, "The parameter is incorrect."),
            Map.entry(ERROR_DISK_FULL, "There is not enough space on the disk."),
            Map.entry(ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists."),
            Map.entry(ERROR_INVALID_ADDRESS, "Attempt to access invalid address."),
            Map.entry(ERROR_PRIVILEGE_NOT_HELD, "A required privilege is not held by the client."),
            Map.entry(ERROR_COMMITMENT_LIMIT, "The paging file is too small for this operation to complete."));

    private static final Set<String> FUNCTIONS = Set.of("CreateFileMapping", "OpenFileMapping",
            "MapViewOfFile", "UnmapViewOfFile", "CloseHandle", "VirtualQueryEx", "GetSecurityInfo");

    /** Users of the modelled machine, by SID: the default user, another one, and the Administrators group. */
    static final String ALICE = "S-1-5-21-1004336348-1177238915-682003330-1001";
    static final String BOB = "S-1-5-21-1004336348-1177238915-682003330-1002";
    static final String ADMINISTRATORS = "S-1-5-32-544";
    private static final Map<String, String> ACCOUNTS = Map.of(ALICE, "HOST\\alice", BOB, "HOST\\bob",
            ADMINISTRATORS, "BUILTIN\\Administrators");

    /** A paging-file-backed section. */
    private static final class Section {
        final String name;
        final long size;
        final Memory memory;
        final boolean writeDenied;
        /** The owner SID its security descriptor holds: the creator's token owner. */
        final String owner;
        int handles;
        int views;
        /** Views mapped without {@code FILE_MAP_WRITE}, so far as {@code VirtualQueryEx} can tell. */
        int readOnlyViews;

        Section(String name, long size, Memory memory, boolean writeDenied, String owner) {
            this.name = name;
            this.size = size;
            this.memory = memory;
            this.writeDenied = writeDenied;
            this.owner = owner;
        }

        long address() {
            return Pointer.nativeValue(memory);
        }

        long committed() {
            return roundToPage(size);
        }
    }

    private record Handle(Section section, int access) {
    }

    private final KernelNamespace namespace;
    private final Map<String, Section> named = new HashMap<>();
    private final Map<Long, Handle> handles = new HashMap<>();
    private final Map<Long, Section> viewed = new HashMap<>();
    private final Map<String, Deque<Integer>> injected = new HashMap<>();
    private final Set<String> writeDeniedNames = new HashSet<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> ERROR_SUCCESS);
    private long nextHandle = 0x104;
    private long committed;
    private long commitLimit = 256L << 20;
    private boolean globalCreationDenied;
    private String tokenUser = ALICE;
    private String tokenOwner = ALICE;

    /** A stand-in with a namespace of its own. */
    Kernel32StandIn() {
        this(new KernelNamespace());
    }

    /** A stand-in whose names share {@code namespace} with events (see {@link EventApiStandIn}). */
    Kernel32StandIn(KernelNamespace namespace) {
        this.namespace = namespace;
    }

    // ---- configuration and introspection for tests ----------------------------------------------

    /** Total bytes (page-rounded) all live sections may commit; the default is 256 MiB. */
    synchronized void setCommitLimit(long bytes) {
        commitLimit = bytes;
    }

    /**
     * Makes later calls those of a process whose token has user {@code user} and gives new objects
     * the owner {@code owner} (the user itself, or {@link #ADMINISTRATORS} when elevated).
     */
    synchronized void runAs(String user, String owner) {
        tokenUser = user;
        tokenOwner = owner;
    }

    /** Refuses creation of new {@code Global\} sections with {@code ERROR_ACCESS_DENIED}. */
    synchronized void denyGlobalCreation(boolean denied) {
        globalCreationDenied = denied;
    }

    /** Sections created under {@code kernelName} from now on grant read access only. */
    synchronized void denyWrite(String kernelName) {
        writeDeniedNames.add(kernelName);
    }

    /** Makes the next call of {@code function} (from any thread) fail with {@code error}. */
    synchronized void failNext(String function, int error) {
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException("no such function in the stand-in: " + function);
        }
        injected.computeIfAbsent(function, f -> new ArrayDeque<>()).add(error);
    }

    /** Handles of every section, from every caller, not yet closed. */
    synchronized int openHandleCount() {
        return handles.size();
    }

    /** Views of every section not yet unmapped. */
    synchronized int liveViewCount() {
        return viewed.values().stream().mapToInt(section -> section.views).sum();
    }

    /** Whether a section named {@code kernelName} (for example {@code Local\jobs}) exists. */
    synchronized boolean sectionExists(String kernelName) {
        return named.containsKey(kernelName);
    }

    /** Sets the calling thread's last error, as Kernel32's {@code SetLastError}. */
    void SetLastError(int error) {
        lastError.set(error);
    }

    // ---- FileMappingApi --------------------------------------------------------------------------

    @Override
    public synchronized HANDLE CreateFileMapping(HANDLE file, SECURITY_ATTRIBUTES attributes, int protection,
                                                 int maximumSizeHigh, int maximumSizeLow, String name) {
        if (injectedFailure("CreateFileMapping")) {
            return null;
        }
        if (file == null || Pointer.nativeValue(file.getPointer()) != INVALID_HANDLE_VALUE) {
            throw new UnsupportedOperationException("the stand-in models paging-file-backed sections only");
        }
        if (protection != PAGE_READWRITE) {
            throw new UnsupportedOperationException("the stand-in models PAGE_READWRITE sections only");
        }
        long size = (Integer.toUnsignedLong(maximumSizeHigh) << 32) | Integer.toUnsignedLong(maximumSizeLow);
        if (size == 0) {
            return fail(ERROR_INVALID_PARAMETER);
        }
        if (name != null) {
            name = KernelNamespace.resolve(name);
            if (name == null) {
                return fail(ERROR_PATH_NOT_FOUND);
            }
            if (isOtherType(name)) {
                return fail(ERROR_INVALID_HANDLE);
            }
            Section existing = named.get(name);
            if (existing != null) {
                HANDLE handle = newHandle(existing, FILE_MAP_READ | FILE_MAP_WRITE);
                lastError.set(ERROR_ALREADY_EXISTS);
                return handle;
            }
            if (globalCreationDenied && name.startsWith("Global\\")) {
                return fail(ERROR_ACCESS_DENIED);
            }
        }
        long available = commitLimit - committed;
        if (Long.compareUnsigned(size, available) > 0 || roundToPage(size) > available) {
            return fail(ERROR_COMMITMENT_LIMIT);
        }
        Memory memory;
        try {
            memory = new Memory(roundToPage(size));
        } catch (OutOfMemoryError e) {
            return fail(ERROR_NOT_ENOUGH_MEMORY);
        }
        memory.clear(); // paging-file-backed sections start zeroed
        Section section = new Section(name, size, memory, name != null && writeDeniedNames.contains(name),
                tokenOwner);
        committed += section.committed();
        if (name != null) {
            named.put(name, section);
            namespace.claim(name, "Section");
        }
        HANDLE handle = newHandle(section, FILE_MAP_READ | FILE_MAP_WRITE);
        lastError.set(ERROR_SUCCESS);
        return handle;
    }

    @Override
    public synchronized HANDLE OpenFileMapping(int desiredAccess, boolean inheritHandle, String name) {
        if (injectedFailure("OpenFileMapping")) {
            return null;
        }
        if (name == null) {
            return fail(ERROR_INVALID_PARAMETER);
        }
        name = KernelNamespace.resolve(name);
        if (name == null) {
            return fail(ERROR_PATH_NOT_FOUND);
        }
        if (isOtherType(name)) {
            return fail(ERROR_INVALID_HANDLE);
        }
        Section section = named.get(name);
        if (section == null) {
            return fail(ERROR_FILE_NOT_FOUND);
        }
        int access = desiredAccess & (FILE_MAP_READ | FILE_MAP_WRITE);
        if (section.writeDenied && (access & FILE_MAP_WRITE) != 0) {
            return fail(ERROR_ACCESS_DENIED);
        }
        return newHandle(section, access);
    }

    @Override
    public synchronized Pointer MapViewOfFile(HANDLE mapping, int desiredAccess, int offsetHigh, int offsetLow,
                                              int bytesToMap) {
        if (injectedFailure("MapViewOfFile")) {
            return null;
        }
        if (offsetHigh != 0 || offsetLow != 0 || bytesToMap != 0) {
            throw new UnsupportedOperationException("the stand-in maps whole sections only");
        }
        Handle handle = handles.get(handleValue(mapping));
        if (handle == null) {
            return fail(ERROR_INVALID_HANDLE);
        }
        int needed = desiredAccess & (FILE_MAP_READ | FILE_MAP_WRITE);
        if (needed == 0 || (handle.access() & needed) != needed) {
            return fail(ERROR_ACCESS_DENIED);
        }
        Section section = handle.section();
        section.views++;
        if ((needed & FILE_MAP_WRITE) == 0) {
            section.readOnlyViews++;
        }
        viewed.put(section.address(), section);
        return new Pointer(section.address());
    }

    @Override
    public synchronized boolean UnmapViewOfFile(Pointer baseAddress) {
        if (injectedFailure("UnmapViewOfFile")) {
            return false;
        }
        Section section = baseAddress == null ? null : viewed.get(Pointer.nativeValue(baseAddress));
        if (section == null) {
            return failed(ERROR_INVALID_ADDRESS);
        }
        section.views--;
        section.readOnlyViews = Math.min(section.readOnlyViews, section.views);
        if (section.views == 0) {
            viewed.remove(section.address());
        }
        destroyIfUnused(section);
        return true;
    }

    @Override
    public synchronized boolean CloseHandle(HANDLE handle) {
        if (injectedFailure("CloseHandle")) {
            return false;
        }
        long value = handleValue(handle);
        if (value == CURRENT_PROCESS) {
            return true; // closing the pseudo-handle is allowed and does nothing
        }
        Handle closed = handles.remove(value);
        if (closed == null) {
            return failed(ERROR_INVALID_HANDLE);
        }
        Section section = closed.section();
        section.handles--;
        if (section.handles == 0 && section.name != null && named.get(section.name) == section) {
            named.remove(section.name); // the name goes with the last handle, whatever views remain
            namespace.release(section.name);
        }
        destroyIfUnused(section);
        return true;
    }

    @Override
    public HANDLE GetCurrentProcess() {
        return new HANDLE(Pointer.createConstant(CURRENT_PROCESS));
    }

    @Override
    public synchronized SIZE_T VirtualQueryEx(HANDLE process, Pointer address, MEMORY_BASIC_INFORMATION buffer,
                                              SIZE_T length) {
        if (injectedFailure("VirtualQueryEx")) {
            return new SIZE_T(0);
        }
        if (handleValue(process) != CURRENT_PROCESS) {
            throw new UnsupportedOperationException("the stand-in knows the current process only");
        }
        if (length.longValue() < buffer.size()) {
            lastError.set(ERROR_BAD_LENGTH);
            return new SIZE_T(0);
        }
        long at = address == null ? 0 : Pointer.nativeValue(address);
        for (Section section : viewed.values()) {
            long base = section.address();
            long end = base + section.committed();
            if (at >= base && at < end) {
                long page = base + (at - base) / PAGE_SIZE * PAGE_SIZE;
                buffer.baseAddress = new Pointer(page);
                buffer.allocationBase = new Pointer(base);
                buffer.allocationProtect = new DWORD(PAGE_READWRITE);
                buffer.regionSize = new SIZE_T(end - page);
                buffer.state = new DWORD(MEM_COMMIT);
                buffer.protect = new DWORD(section.readOnlyViews == section.views ? PAGE_READONLY : PAGE_READWRITE);
                buffer.type = new DWORD(MEM_MAPPED);
                buffer.write();
                return new SIZE_T(buffer.size());
            }
        }
        // Not in a view: free memory, as an unmapped address is (the stand-in knows no other kind).
        buffer.baseAddress = new Pointer(at / PAGE_SIZE * PAGE_SIZE);
        buffer.allocationBase = null;
        buffer.allocationProtect = new DWORD(0);
        buffer.regionSize = new SIZE_T(PAGE_SIZE);
        buffer.state = new DWORD(MEM_FREE);
        buffer.protect = new DWORD(0x01); // PAGE_NOACCESS
        buffer.type = new DWORD(0);
        buffer.write();
        return new SIZE_T(buffer.size());
    }

    /** Like GetSecurityInfo, it reports its failure by its result (here the exception), not the last error. */
    @Override
    public synchronized String GetSecurityInfoOwner(HANDLE handle) {
        Deque<Integer> errors = injected.get("GetSecurityInfo");
        if (errors != null && !errors.isEmpty()) {
            throw new LastErrorException(errors.remove());
        }
        Handle open = handles.get(handleValue(handle));
        if (open == null) {
            throw new LastErrorException(ERROR_INVALID_HANDLE);
        }
        return open.section().owner;
    }

    @Override
    public synchronized Set<String> GetTokenUserAndOwner() {
        return Set.copyOf(List.of(tokenUser, tokenOwner)); // one element when they are the same
    }

    @Override
    public String LookupAccountSid(String sid) {
        return ACCOUNTS.get(sid);
    }

    @Override
    public int GetLastError() {
        return lastError.get();
    }

    /** The real system text; a code the stand-in does not know is a test mistake, not a Windows answer. */
    @Override
    public String FormatMessage(int errorCode) {
        String message = MESSAGES.get(errorCode);
        if (message == null) {
            throw new IllegalArgumentException("Kernel32StandIn has no message text for error " + errorCode
                    + "; add the real Windows text to MESSAGES");
        }
        return message;
    }

    // ---- internals -------------------------------------------------------------------------------

    static long roundToPage(long size) {
        return (size + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
    }

    /** Whether {@code fullName} is held by an object that is not a section (an event). */
    private boolean isOtherType(String fullName) {
        String type = namespace.typeOf(fullName);
        return type != null && !type.equals("Section");
    }

    private static long handleValue(HANDLE handle) {
        return handle == null || handle.getPointer() == null ? 0 : Pointer.nativeValue(handle.getPointer());
    }

    private HANDLE newHandle(Section section, int access) {
        long value = nextHandle;
        nextHandle += 4;
        handles.put(value, new Handle(section, access));
        section.handles++;
        return new HANDLE(new Pointer(value));
    }

    private boolean injectedFailure(String function) {
        Deque<Integer> errors = injected.get(function);
        if (errors == null || errors.isEmpty()) {
            return false;
        }
        lastError.set(errors.remove());
        return true;
    }

    /** Sets the last error and returns null, the failure value of the pointer-returning calls. */
    private <T> T fail(int error) {
        lastError.set(error);
        return null;
    }

    /** Sets the last error and returns false, the failure value of the boolean calls. */
    private boolean failed(int error) {
        lastError.set(error);
        return false;
    }

    private void destroyIfUnused(Section section) {
        if (section.handles > 0 || section.views > 0) {
            return;
        }
        committed -= section.committed();
        section.memory.close();
    }
}
