/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes what a test opened, newest first, after each test:
 * {@code @RegisterExtension final Closeables closeables = new Closeables();} then
 * {@code closeables.track(StructuredSegment.open(name))}.
 */
public final class Closeables implements AfterEachCallback {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Remembers {@code closeable} to close after the test, and returns it. */
    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
