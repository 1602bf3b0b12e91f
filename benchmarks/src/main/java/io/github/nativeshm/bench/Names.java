/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;

import java.util.concurrent.atomic.AtomicInteger;

/** Segment names unique to this process, and cleanup that never fails a benchmark. */
public final class Names {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Names() {
    }

    /** {@code nsb-<pid>-<tag><n>}: short enough for every platform's limit (tag: a few letters). */
    public static String unique(String tag) {
        return "nsb-" + ProcessHandle.current().pid() + "-" + tag + COUNTER.incrementAndGet();
    }

    /** Removes a named segment if it is still there. */
    public static void unlinkQuietly(String name) {
        try {
            Segment.unlink(name);
        } catch (SegmentException ignored) {
            // already gone, or never created
        }
    }
}
