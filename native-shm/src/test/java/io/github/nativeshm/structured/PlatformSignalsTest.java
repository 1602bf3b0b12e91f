/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.linux.FutexSignals;
import io.github.nativeshm.platform.windows.EventSignals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which implementation each system gets, and how its failures reach the caller. */
class PlatformSignalsTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64|aarch64")
    void linuxGetsFutexes() {
        assertInstanceOf(FutexSignals.class, ((PlatformSignals) PlatformSignals.forCurrentPlatform()).os());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsGetsOneProcessWideSetOfNamedEvents() {
        assertInstanceOf(EventSignals.class, ((PlatformSignals) PlatformSignals.forCurrentPlatform()).os());
        assertSame(PlatformSignals.forCurrentPlatform(), PlatformSignals.forCurrentPlatform());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64|aarch64")
    void aKernelRefusalIsASegmentExceptionWithTheMessageItAlwaysHad() {
        // Page 0 is never mapped, so the kernel cannot read a word there.
        SegmentException wait = assertThrows(SegmentException.class,
                () -> PlatformSignals.forCurrentPlatform().await(8, 0, 1_000_000_000L, "futex-test"));
        assertEquals(Reason.OS_ERROR, wait.reason());
        assertEquals("cannot wait on segment 'futex-test': the operating system refused "
                + "(futex FUTEX_WAIT at 0x8: EFAULT, Bad address)", wait.getMessage());
        assertInstanceOf(PlatformException.class, wait.getCause(), "the platform's report is kept as the cause");
        SegmentException wake = assertThrows(SegmentException.class,
                () -> PlatformSignals.forCurrentPlatform().wakeAll(8, "futex-test"));
        assertEquals("cannot wake waiters of segment 'futex-test': the operating system refused "
                + "(futex FUTEX_WAKE at 0x8: EFAULT, Bad address)", wake.getMessage());
    }
}
