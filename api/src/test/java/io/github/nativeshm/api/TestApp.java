/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the api tests share: unique segment names, and waiting for the crawler child. */
public final class TestApp {
    public static final String TOKEN = "test-token-0123456789abcdef";

    private TestApp() {
    }

    /** A segment name no other test (or test run) uses, with room for the command segment. */
    public static String uniqueSegment(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The app's state as {@code GET /api/status} says it: ok, starting, config-invalid, ... */
    public static String state(Http http) {
        return http.get("/api/status").json().get("state").asText();
    }
}
