/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.SharedMemoryProvider;
import io.github.nativeshm.platform.linux.LinuxSharedMemory;
import io.github.nativeshm.platform.windows.WindowsSharedMemory;

import com.sun.jna.Platform;

import java.util.function.Supplier;

/**
 * Where the public classes meet the platform bindings: the provider of named segments for the
 * running OS, and the translation of its failures into {@link SegmentException}s. The choice lives
 * here, above {@code platform} and its per-OS packages, so that dependencies point one way.
 */
final class NamedSegments {

    private NamedSegments() {
    }

    /** The provider for the running OS; {@code UNSUPPORTED} where there is none (file-backed segments still work). */
    static SharedMemoryProvider provider() {
        SharedMemoryProvider provider = ProviderHolder.PROVIDER;
        if (provider == null) {
            throw new SegmentException(SegmentException.Reason.UNSUPPORTED, "use", "*",
                    "named segments need Linux or Windows; this is " + System.getProperty("os.name")
                            + " (file-backed segments work everywhere)");
        }
        return provider;
    }

    /** Chosen on first use, so that file-backed segments work where no named-segment provider exists. */
    private static final class ProviderHolder {
        static final SharedMemoryProvider PROVIDER = Platform.isWindows() ? WindowsSharedMemory.withKernel32()
                : Platform.isLinux() ? new LinuxSharedMemory() : null;
    }

    /** Runs an OS operation, turning its {@link PlatformException} into the {@link SegmentException} callers see. */
    static <T> T os(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (PlatformException e) {
            throw translate(e);
        }
    }

    /**
     * The {@link SegmentException} for a platform failure: the reason of the same name, the same
     * operation, subject and detail (so the same message as the platform reports), and the
     * platform's exception as the cause.
     */
    static SegmentException translate(PlatformException e) {
        SegmentException translated = new SegmentException(SegmentException.Reason.valueOf(e.kind().name()),
                e.operation(), e.subject(), e.detail());
        translated.initCause(e);
        return translated;
    }
}
