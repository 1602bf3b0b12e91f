/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import io.github.nativeshm.platform.MappedObject.Owner;
import io.github.nativeshm.platform.Mapping;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;
import io.github.nativeshm.platform.SharedName;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Windows provider's logic — error mapping, handle and view bookkeeping, sizes, namespaces,
 * lifetime — run on any OS against {@link Kernel32StandIn}, which models the Win32 calls.
 */
class WindowsSharedMemoryTest {
    private static final long GC_WAIT_MILLIS = 5_000;

    private final Kernel32StandIn kernel32 = new Kernel32StandIn();
    private final WindowsSharedMemory windows = new WindowsSharedMemory(kernel32);

    // ---- owner and damage -------------------------------------------------------------------------

    @Test
    void aSectionBelongsToTheUserWhoseProcessCreatedIt() {
        Mapping created = windows.create(name("owned"), 64);
        assertEquals(new Owner(Kernel32StandIn.ALICE + " (HOST\\alice)", true), created.object().owner());
        assertEquals(new Owner(Kernel32StandIn.ALICE + " (HOST\\alice)", true),
                windows.open(name("owned"), true).object().owner());

        kernel32.runAs(Kernel32StandIn.BOB, Kernel32StandIn.BOB);
        Mapping openedByBob = new WindowsSharedMemory(kernel32).open(name("owned"), false);
        assertEquals(new Owner(Kernel32StandIn.ALICE + " (HOST\\alice)", false), openedByBob.object().owner(),
                "another user's section, named by its owner SID and account");
        assertEquals(Optional.empty(), openedByBob.object().damage(64), "a section cannot be truncated");
    }

    @Test
    void anElevatedProcessOwnsTheSectionsItsTokenGivesToAdministrators() {
        kernel32.runAs(Kernel32StandIn.ALICE, Kernel32StandIn.ADMINISTRATORS);
        WindowsSharedMemory elevated = new WindowsSharedMemory(kernel32);
        Mapping created = elevated.create(name("elevated"), 64);
        assertEquals(new Owner(Kernel32StandIn.ADMINISTRATORS + " (BUILTIN\\Administrators)", true),
                created.object().owner());

        kernel32.runAs(Kernel32StandIn.ALICE, Kernel32StandIn.ALICE);
        assertFalse(new WindowsSharedMemory(kernel32).open(name("elevated"), false).object().owner()
                .isCurrentUser(), "not elevated, Alice's token owns nothing of the Administrators'");
    }

    @Test
    void anOwnerThatCannotBeReadIsNotTheCurrentUser() {
        Mapping created = windows.create(name("unreadable"), 64);
        kernel32.failNext("GetSecurityInfo", Kernel32StandIn.ERROR_ACCESS_DENIED);
        assertEquals(new Owner("an owner that cannot be read (GetSecurityInfo: error 5, Access is denied.)", false),
                created.object().owner());
    }

    // ---- create and open ------------------------------------------------------------------------

    @Test
    void createdSegmentIsZeroedAndSharedWithAnOpener() {
        Mapping creator = windows.create(name("prices"), 100);
        Mapping opener = windows.open(name("prices"), false);

        assertTrue(creator.created());
        assertFalse(opener.created());
        assertTrue(kernel32.sectionExists("Local\\prices"), "a plain name lives in Local\\");
        assertEquals(2, kernel32.openHandleCount());
        assertEquals(2, kernel32.liveViewCount());
        ByteBuffer written = creator.buffer();
        ByteBuffer read = opener.buffer();
        for (int i = 0; i < 100; i++) {
            assertEquals(0, written.get(i), "byte " + i + " of a new segment");
        }
        written.putLong(8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, read.getLong(8));
        read.put(99, (byte) 7);
        assertEquals(7, written.get(99));

        creator.detach();
        opener.detach();
        assertEquals(0, kernel32.openHandleCount());
    }

    @Test
    void openReadOnlyGivesAReadOnlyBufferOverTheSameBytes() {
        Mapping creator = windows.create(name("quotes"), 64);
        creator.buffer().putInt(4, 1234);

        Mapping reader = windows.open(name("quotes"), true);

        ByteBuffer buffer = reader.buffer();
        assertTrue(buffer.isReadOnly());
        assertEquals(1234, buffer.getInt(4));
        assertThrows(ReadOnlyBufferException.class, () -> buffer.putInt(4, 1));
        assertFalse(creator.buffer().isReadOnly());
    }

    @Test
    void openReadOnlyAsksOnlyForReadAccess() {
        // A section whose DACL grants this caller read access only, like another user's.
        kernel32.denyWrite("Local\\locked");
        windows.create(name("locked"), 64);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.open(name("locked"), false));
        assertFailure(e, Kind.PERMISSION_DENIED, "open", "locked", "OpenFileMapping", 5, "Access is denied.");

        Mapping reader = windows.open(name("locked"), true);
        assertTrue(reader.buffer().isReadOnly());
        assertEquals(2, kernel32.openHandleCount());
    }

    @Test
    void createOfAnExistingNameFailsWithExistsAndClosesTheExtraHandle() {
        Mapping first = windows.create(name("jobs"), 100);
        first.buffer().put(0, (byte) 9);
        assertEquals(1, kernel32.openHandleCount());

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("jobs"), 3 * 4096));

        assertFailure(e, Kind.EXISTS, "create", "jobs", "CreateFileMapping", 183,
                "Cannot create a file when that file already exists.");
        assertEquals(1, kernel32.openHandleCount(), "the handle to the existing section was closed");
        assertEquals(1, kernel32.liveViewCount());
        assertEquals(9, first.buffer().get(0));
        assertEquals(4096, windows.open(name("jobs"), true).buffer().capacity(),
                "the existing section keeps its own size");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void openOfAMissingNameIsNotFound(boolean readOnly) {
        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.open(name("missing"), readOnly));

        assertFailure(e, Kind.NOT_FOUND, readOnly ? "open read-only" : "open", "missing", "OpenFileMapping", 2,
                "The system cannot find the file specified.");
        assertEquals(0, kernel32.openHandleCount());
    }

    @ParameterizedTest
    @CsvSource({"1, 4096", "100, 4096", "4096, 4096", "4097, 8192", "20000, 20480"})
    void openingReportsThePageRoundedSizeWhileTheCreatorHasTheExactSize(long size, int openedSize) {
        Mapping creator = windows.create(name("sized"), size);
        Mapping opener = windows.open(name("sized"), false);

        assertEquals(size, creator.buffer().capacity());
        assertEquals(openedSize, opener.buffer().capacity());
        opener.buffer().put(openedSize - 1, (byte) 1); // the whole rounded view is usable memory
    }

    // ---- namespaces -----------------------------------------------------------------------------

    @Test
    void globalAndLocalAreDifferentNamespaces() {
        Mapping global = windows.create(name("Global\\feed"), 100);

        assertTrue(kernel32.sectionExists("Global\\feed"));
        assertFalse(kernel32.sectionExists("Local\\feed"));
        for (String name : List.of("feed", "Local\\feed")) {
            PlatformException e = assertThrows(PlatformException.class, () -> windows.open(name(name), true));
            assertFailure(e, Kind.NOT_FOUND, "open read-only", name, "OpenFileMapping", 2,
                    "The system cannot find the file specified.");
        }
        global.buffer().put(0, (byte) 1);
        assertEquals(1, windows.open(name("Global\\feed"), true).buffer().get(0));

        Mapping local = windows.create(name("Local\\feed"), 100);
        assertTrue(local.created(), "Local\\feed is free although Global\\feed exists");
        assertEquals(0, local.buffer().get(0), "a different section");
        local.buffer().put(1, (byte) 2);
        assertEquals(2, windows.open(name("feed"), true).buffer().get(1), "a plain name is Local\\");
    }

    @Test
    void creatingInGlobalWithoutThePrivilegeIsPermissionDenied() {
        kernel32.denyGlobalCreation(true);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("Global\\feed"), 100));

        assertFailure(e, Kind.PERMISSION_DENIED, "create", "Global\\feed", "CreateFileMapping", 5,
                "Access is denied.");
        assertEquals(0, kernel32.openHandleCount());
        assertTrue(windows.create(name("feed"), 100).created(), "Local\\ needs no privilege");
    }

    // ---- out of memory --------------------------------------------------------------------------

    @Test
    void exceedingTheCommitLimitIsNoSpaceAndLeavesNoHandle() {
        kernel32.setCommitLimit(1 << 20);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("big"), 2 << 20));

        assertFailure(e, Kind.NO_SPACE, "create", "big", "CreateFileMapping", 1455,
                "The paging file is too small for this operation to complete.");
        assertEquals(0, kernel32.openHandleCount());
        assertEquals(0, kernel32.liveViewCount());
        assertFalse(kernel32.sectionExists("Local\\big"));
    }

    @Test
    void aSizeOverFourGibibytesReachesTheKernelWhole() {
        // Segment rejects this size before the provider, but the DWORD split must still be right:
        // with the high word lost, the request would be 4096 bytes and succeed.
        kernel32.setCommitLimit(1 << 20);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("huge"), (1L << 32) + 4096));

        assertFailure(e, Kind.NO_SPACE, "create", "huge", "CreateFileMapping", 1455,
                "The paging file is too small for this operation to complete.");
        assertEquals(0, kernel32.openHandleCount());
    }

    @ParameterizedTest
    @CsvSource({
            "8, Not enough memory resources are available to process this command.",
            "112, There is not enough space on the disk.",
            "1455, The paging file is too small for this operation to complete."})
    void outOfMemoryErrorsAreNoSpace(int error, String message) {
        kernel32.failNext("CreateFileMapping", error);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("big"), 4096));

        assertFailure(e, Kind.NO_SPACE, "create", "big", "CreateFileMapping", error, message);
        assertEquals(0, kernel32.openHandleCount());
    }

    @Test
    void anUnclassifiedErrorIsOsError() {
        kernel32.failNext("OpenFileMapping", 6);

        PlatformException e = assertThrows(PlatformException.class, () -> windows.open(name("odd"), false));

        assertFailure(e, Kind.OS_ERROR, "open", "odd", "OpenFileMapping", 6, "The handle is invalid.");
    }

    // ---- failures mid-way release everything ----------------------------------------------------

    @Test
    void mapViewFailingAfterCreateClosesTheHandleAndTheSectionDies() {
        kernel32.failNext("MapViewOfFile", 8);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.create(name("half"), 100));

        assertFailure(e, Kind.NO_SPACE, "create", "half", "MapViewOfFile", 8,
                "Not enough memory resources are available to process this command.");
        assertEquals(0, kernel32.openHandleCount());
        assertEquals(0, kernel32.liveViewCount());
        assertFalse(kernel32.sectionExists("Local\\half"), "nothing holds the section any more");
        assertTrue(windows.create(name("half"), 100).created());
    }

    @Test
    void mapViewFailingAfterOpenClosesTheHandle() {
        HANDLE otherProcess = createInAnotherProcess("Local\\shared", 100);
        kernel32.failNext("MapViewOfFile", 5);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.open(name("shared"), true));

        assertFailure(e, Kind.PERMISSION_DENIED, "open read-only", "shared", "MapViewOfFile", 5,
                "Access is denied.");
        assertEquals(1, kernel32.openHandleCount(), "only the other process's handle is left");
        assertEquals(0, kernel32.liveViewCount());
        assertTrue(kernel32.CloseHandle(otherProcess));
        assertEquals(0, kernel32.openHandleCount());
        assertFalse(kernel32.sectionExists("Local\\shared"));
    }

    @Test
    void virtualQueryFailingAfterOpenUnmapsTheViewAndClosesTheHandle() {
        HANDLE otherProcess = createInAnotherProcess("Local\\shared", 100);
        kernel32.failNext("VirtualQueryEx", 87);

        PlatformException e = assertThrows(PlatformException.class,
                () -> windows.open(name("shared"), false));

        assertFailure(e, Kind.OS_ERROR, "open", "shared", "VirtualQueryEx", 87, "The parameter is incorrect.");
        assertEquals(0, kernel32.liveViewCount(), "the view was unmapped");
        assertTrue(kernel32.CloseHandle(otherProcess));
        assertEquals(0, kernel32.openHandleCount(), "the opener's handle was closed");
        assertFalse(kernel32.sectionExists("Local\\shared"), "nothing holds the section any more");
    }

    // ---- lifetime -------------------------------------------------------------------------------

    @Test
    void aDetachedMappingKeepsItsMemoryWhileTheBufferIsReachableButNotItsName() throws InterruptedException {
        Mapping mapping = windows.create(name("kept"), 100);
        ByteBuffer buffer = mapping.buffer();
        mapping.detach();
        mapping = null;

        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertEquals(0, kernel32.openHandleCount(), "detach closed the handle");
        assertEquals(1, kernel32.liveViewCount(), "the view lives while the buffer is reachable");
        buffer.putInt(0, 77);
        assertEquals(77, buffer.getInt(0));
        // As on Windows (and Wine, see Kernel32ScenariosTest): the name went with the last handle.
        PlatformException e = assertThrows(PlatformException.class, () -> windows.open(name("kept"), true));
        assertEquals(Kind.NOT_FOUND, e.kind());
        Mapping again = windows.create(name("kept"), 100);
        assertTrue(again.created(), "the name is free again: a new section");
        assertEquals(0, again.buffer().getInt(0));
        Reference.reachabilityFence(buffer);
    }

    @Test
    void theMemoryIsReleasedWhenTheLastBufferBecomesUnreachable() throws InterruptedException {
        createWriteAndDetach("brief", 42);
        assertEquals(0, kernel32.openHandleCount());
        assertFalse(kernel32.sectionExists("Local\\brief"), "the name went with the last handle");
        PlatformException e = assertThrows(PlatformException.class, () -> windows.open(name("brief"), true));
        assertEquals(Kind.NOT_FOUND, e.kind());

        long deadline = System.currentTimeMillis() + GC_WAIT_MILLIS;
        while (kernel32.liveViewCount() > 0 && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertEquals(0, kernel32.liveViewCount(), "the cleaner unmapped every view");
    }

    /** Keeps no reference to the mapping or its buffer. */
    private void createWriteAndDetach(String name, int value) {
        Mapping mapping = windows.create(name(name), 100);
        mapping.buffer().putInt(0, value);
        mapping.detach();
    }

    // ---- concurrency ----------------------------------------------------------------------------

    @Test
    void racingCreatorsGetExactlyOneWinner() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Mapping>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Mapping> createOrOpen = () -> {
                    start.await();
                    try {
                        return windows.create(name("race"), 100);
                    } catch (PlatformException e) {
                        assertEquals(Kind.EXISTS, e.kind(), e::getMessage);
                        return windows.open(name("race"), false);
                    }
                };
                results.add(pool.submit(createOrOpen));
            }
            start.countDown();
            List<Mapping> mappings = new ArrayList<>();
            for (Future<Mapping> result : results) {
                mappings.add(result.get());
            }

            assertEquals(1, mappings.stream().filter(Mapping::created).count());
            assertEquals(threads, kernel32.openHandleCount());
            mappings.get(0).buffer().put(50, (byte) 3);
            for (Mapping mapping : mappings) {
                assertEquals(3, mapping.buffer().get(50));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- unlink and list ------------------------------------------------------------------------

    @Test
    void unlinkIsANoOp() {
        Mapping creator = windows.create(name("stays"), 100);
        creator.buffer().put(0, (byte) 5);

        windows.unlink(name("stays"));
        windows.unlink(name("never-created"));

        assertTrue(kernel32.sectionExists("Local\\stays"));
        assertEquals(5, windows.open(name("stays"), true).buffer().get(0));
        assertThrows(PlatformException.class, () -> windows.create(name("stays"), 100),
                "the name is still taken");
    }

    @Test
    void listIsUnsupported() {
        PlatformException e = assertThrows(PlatformException.class, windows::list);

        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertEquals("list", e.operation());
        assertTrue(e.getMessage().contains("cannot list"), e.getMessage());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** What another process's {@code CreateFileMapping} would leave: one handle, no view here. */
    private HANDLE createInAnotherProcess(String kernelName, int size) {
        HANDLE handle = kernel32.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, 0x04, 0, size, kernelName);
        assertNotNull(handle);
        assertEquals(0, kernel32.GetLastError());
        return handle;
    }

    /** A name as {@code SegmentName} hands it over: the prefix chooses the namespace. */
    private static SharedName name(String given) {
        boolean global = given.startsWith("Global\\");
        boolean local = given.startsWith("Local\\");
        return new SharedName(given, global ? given.substring(7) : local ? given.substring(6) : given, global);
    }

    private static void assertFailure(PlatformException e, Kind kind, String operation, String segment,
                                      String call, int error, String systemMessage) {
        String message = e.getMessage();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(kind, e.kind(), message));
        checks.add(() -> assertEquals(operation, e.operation(), message));
        checks.add(() -> assertEquals(segment, e.subject(), message));
        for (String part : List.of("cannot " + operation + " '" + segment + "'", call + ":",
                "error " + error + ",", systemMessage)) {
            checks.add(() -> assertTrue(message.contains(part), () -> "'" + part + "' is missing from: " + message));
        }
        assertAll(checks);
    }
}
