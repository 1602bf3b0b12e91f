/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The name of the segment one test works on, and its removal after the test:
 * {@code @RegisterExtension final TestSegment testSegment = new TestSegment("damage");} then
 * {@code StructuredSegment.create(testSegment.name(), SPEC)}.
 * JUnit makes a test instance, and so a fresh name, for every test (unless the class asks for one
 * instance per class). After each test, after its {@code @AfterEach} methods, the segment is
 * unlinked if it is still there; a test that never created it, or removed it itself, is fine,
 * and any other failure to unlink fails the test (see {@link TestSegments#unlinkIfPresent}).
 */
public final class TestSegment implements AfterEachCallback {
    private final String name;

    /**
     * A name from {@link TestSegments#uniqueName()}: what the core module's tests use, so that
     * {@code @ExtendWith(TestSegments.class)} finds it if it is left behind.
     */
    public TestSegment() {
        this.name = TestSegments.uniqueName();
    }

    /**
     * A readable name for tests of the modules built on the library: {@code prefix}, this JVM's
     * pid and the low digits of {@link System#nanoTime()}, as in {@code damage-4711-28319}.
     *
     * @param prefix what the name starts with, which tells whose segment it is in {@code /dev/shm}
     */
    public TestSegment(String prefix) {
        this.name = prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    }

    /** The segment's name, the same for the whole test. */
    public String name() {
        return name;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestSegments.unlinkIfPresent(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
