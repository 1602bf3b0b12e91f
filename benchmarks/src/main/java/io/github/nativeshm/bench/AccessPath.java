/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench;

/**
 * Which access path of native-shm's multi-release jar this JVM loaded: the FFM
 * {@code MemorySegment} twin of its primitive accessors (JDK 22+, {@code META-INF/versions/22}) or
 * the {@code ByteBuffer} class of JDK 17. A benchmark given {@code -Dbench.accessPath=...} checks
 * it in its setup, so that a report cannot name a path the fork did not run.
 */
public final class AccessPath {
    public static final String MEMORY_SEGMENT = "MemorySegment";
    public static final String BYTE_BUFFER = "ByteBuffer";
    /** The system property naming the path a fork must have loaded. */
    public static final String EXPECTED = "bench.accessPath";

    private AccessPath() {
    }

    /** {@link #MEMORY_SEGMENT} or {@link #BYTE_BUFFER}, from where the accessors' class came from. */
    public static String current() {
        // The class is package-private; where its class file came from is not.
        String loaded;
        try {
            loaded = String.valueOf(Class.forName("io.github.nativeshm.layout.NativeBytes")
                    .getResource("NativeBytes.class"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("native-shm's NativeBytes is not on the class path", e);
        }
        return loaded.contains("/META-INF/versions/") ? MEMORY_SEGMENT : BYTE_BUFFER;
    }

    /** Throws if {@code -Dbench.accessPath} names another path than the one loaded. */
    public static void check() {
        String expected = System.getProperty(EXPECTED);
        String current = current();
        if (expected != null && !expected.equals(current)) {
            throw new IllegalStateException("this JVM (JDK " + Runtime.version() + ") loaded native-shm's " + current
                    + " path, not the " + expected + " path asked for");
        }
    }
}
