/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Unique segment names for tests, and a check that a test class leaves none of them behind.
 * Use {@code @ExtendWith(TestSegments.class)} on every class that creates segments: after the
 * class it removes and reports any segment of this run still in {@code /dev/shm}.
 */
public final class TestSegments implements AfterAllCallback {
    /** Every name of this test JVM starts with this: "t" + pid in base 36 + "-". */
    public static final String PREFIX = "t" + Long.toString(ProcessHandle.current().pid(), 36) + "-";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Path SHM = Path.of("/dev/shm");

    /** A fresh name, unique within this machine for the life of this JVM. */
    public static String uniqueName() {
        return PREFIX + COUNTER.incrementAndGet();
    }

    /** Removes a segment a test created, if a peer has not removed it already. */
    public static void unlinkIfPresent(String name) {
        try {
            Segment.unlink(name);
        } catch (SegmentException e) {
            if (e.reason() != SegmentException.Reason.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (!Files.isDirectory(SHM)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(SHM)) {
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).collect(Collectors.toList());
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        if (!leftovers.isEmpty()) {
            fail(context.getDisplayName() + " left segments behind in /dev/shm: " + leftovers);
        }
    }
}
