/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.platform.ChangeSignals;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PollingSignals;
import io.github.nativeshm.platform.linux.FutexSignals;
import io.github.nativeshm.platform.windows.EventSignals;

import com.sun.jna.Platform;

/**
 * The {@link ChangeSignals} of the running system, whose failures are {@link SegmentException}s:
 * named events on Windows (one process-wide instance, which keeps one event handle per key),
 * futexes on Linux on x86-64 and AArch64, and polling ({@link PollingSignals}) anywhere else. The
 * choice lives here, above {@code platform} and its per-OS packages, so that dependencies point
 * one way.
 */
final class PlatformSignals implements ChangeSignals {
    private final ChangeSignals os;

    private PlatformSignals(ChangeSignals os) {
        this.os = os;
    }

    /** The process-wide instance for the running system. */
    static ChangeSignals forCurrentPlatform() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final PlatformSignals INSTANCE = new PlatformSignals(Platform.isWindows() ? EventSignals.withKernel32()
                : FutexSignals.isSupported() ? new FutexSignals() : new PollingSignals());
    }

    /** The implementation chosen for this system. */
    ChangeSignals os() {
        return os;
    }

    @Override
    public void await(long wordAddress, int expected, long timeoutNanos, String key) {
        try {
            os.await(wordAddress, expected, timeoutNanos, key);
        } catch (PlatformException e) {
            throw translate(e);
        }
    }

    @Override
    public void wakeAll(long wordAddress, String key) {
        try {
            os.wakeAll(wordAddress, key);
        } catch (PlatformException e) {
            throw translate(e);
        }
    }

    /** As {@code Segment} translates: the reason of the same name, the same operation, subject and detail. */
    private static SegmentException translate(PlatformException e) {
        SegmentException translated = new SegmentException(SegmentException.Reason.valueOf(e.kind().name()),
                e.operation(), e.subject(), e.detail());
        translated.initCause(e);
        return translated;
    }
}
