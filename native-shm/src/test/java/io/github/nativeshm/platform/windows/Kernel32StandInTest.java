/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in behaves as documented for Kernel32; otherwise tests built on it prove nothing. */
class Kernel32StandInTest {
    private static final int PAGE_READWRITE = 0x04;
    private static final int FILE_MAP_WRITE = 0x0002;
    private static final int FILE_MAP_READ = 0x0004;

    private final Kernel32StandIn kernel32 = new Kernel32StandIn();

    private HANDLE create(String name, long size) {
        return kernel32.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, PAGE_READWRITE,
                (int) (size >>> 32), (int) size, name);
    }

    private long regionSize(Pointer view) {
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        SIZE_T written = kernel32.VirtualQueryEx(kernel32.GetCurrentProcess(), view, info, new SIZE_T(info.size()));
        assertEquals(info.size(), written.longValue());
        return info.regionSize.longValue();
    }

    @Test
    void viewsThroughDifferentHandlesShareZeroedMemory() {
        HANDLE creator = create("Local\\a", 100);
        assertEquals(0, kernel32.GetLastError());
        HANDLE opener = kernel32.OpenFileMapping(FILE_MAP_READ | FILE_MAP_WRITE, false, "Local\\a");
        assertNotEquals(creator, opener);

        Pointer first = kernel32.MapViewOfFile(creator, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, 0);
        Pointer second = kernel32.MapViewOfFile(opener, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, 0);
        assertEquals(0, first.getLong(0));
        assertEquals(0, first.getByte(4095));
        first.setInt(12, 99);
        assertEquals(99, second.getInt(12));
        assertEquals(4096, regionSize(second));
        assertEquals(2, kernel32.openHandleCount());
        assertEquals(2, kernel32.liveViewCount());
    }

    @Test
    void createOfAnExistingNameReturnsANewHandleToTheOldSection() {
        HANDLE first = create("Local\\a", 100);
        kernel32.failNext("OpenFileMapping", 5); // leaves a non-zero last error behind
        assertNull(kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a"));

        HANDLE second = create("Local\\a", 5 * 4096);

        assertNotNull(second);
        assertNotEquals(first, second);
        assertEquals(183, kernel32.GetLastError());
        assertEquals(4096, regionSize(kernel32.MapViewOfFile(second, FILE_MAP_READ, 0, 0, 0)), "the old size");
        assertNotNull(create("Local\\b", 100));
        assertEquals(0, kernel32.GetLastError(), "a new section sets ERROR_SUCCESS");
    }

    @Test
    void refusals() {
        assertNull(create("Local\\a", 0));
        assertEquals(87, kernel32.GetLastError());
        assertNull(kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a"));
        assertEquals(2, kernel32.GetLastError());

        kernel32.setCommitLimit(8192);
        assertNull(create("Local\\a", 8193));
        assertEquals(1455, kernel32.GetLastError());
        assertNotNull(create("Local\\a", 8192));

        kernel32.denyGlobalCreation(true);
        assertNull(create("Global\\g", 1));
        assertEquals(5, kernel32.GetLastError());
    }

    @Test
    void aReadOnlyHandleCannotMapForWriting() {
        create("Local\\a", 100);
        HANDLE reader = kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a");

        assertNull(kernel32.MapViewOfFile(reader, FILE_MAP_WRITE, 0, 0, 0));
        assertEquals(5, kernel32.GetLastError());
        assertNotNull(kernel32.MapViewOfFile(reader, FILE_MAP_READ, 0, 0, 0));
        assertNull(kernel32.MapViewOfFile(new HANDLE(new Pointer(0x7777)), FILE_MAP_READ, 0, 0, 0));
        assertEquals(6, kernel32.GetLastError());
    }

    @Test
    void theNameGoesWithTheLastHandleAndTheMemoryWithTheLastView() {
        HANDLE handle = create("Local\\a", 100);
        Pointer view = kernel32.MapViewOfFile(handle, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, 0);
        view.setInt(8, 42);

        assertTrue(kernel32.CloseHandle(handle));
        assertFalse(kernel32.CloseHandle(handle), "double close");
        assertEquals(6, kernel32.GetLastError());
        assertFalse(kernel32.sectionExists("Local\\a"), "the name went with the last handle");
        assertNull(kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a"));
        assertEquals(2, kernel32.GetLastError());
        assertEquals(42, view.getInt(8), "the view keeps the memory");
        assertEquals(4096, regionSize(view));
        assertEquals(1, kernel32.liveViewCount());

        assertTrue(kernel32.UnmapViewOfFile(view));
        assertEquals(0, kernel32.liveViewCount());
        assertFalse(kernel32.UnmapViewOfFile(view));
        assertEquals(487, kernel32.GetLastError());
        MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
        assertEquals(info.size(), kernel32.VirtualQueryEx(kernel32.GetCurrentProcess(), view, info,
                new SIZE_T(info.size())).longValue(), "an unmapped address is free memory, not an error");
        assertEquals(0x10000, info.state.intValue(), "MEM_FREE");
    }

    @Test
    void theLastErrorIsPerThreadAndInjectedFailuresHappenOnce() throws InterruptedException {
        kernel32.failNext("OpenFileMapping", 5);
        AtomicInteger otherThreadError = new AtomicInteger();
        Thread other = new Thread(() -> {
            kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a");
            otherThreadError.set(kernel32.GetLastError());
        });
        other.start();
        other.join();

        assertEquals(5, otherThreadError.get());
        assertEquals(0, kernel32.GetLastError());
        assertNull(kernel32.OpenFileMapping(FILE_MAP_READ, false, "Local\\a"));
        assertEquals(2, kernel32.GetLastError(), "the injected failure was used up");
    }

    @Test
    void messagesAreTheWindowsTexts() {
        assertEquals("The system cannot find the file specified.", kernel32.FormatMessage(2));
        assertEquals("Access is denied.", kernel32.FormatMessage(5));
        assertEquals("Cannot create a file when that file already exists.", kernel32.FormatMessage(183));
        assertEquals("The paging file is too small for this operation to complete.", kernel32.FormatMessage(1455));
    }
}
