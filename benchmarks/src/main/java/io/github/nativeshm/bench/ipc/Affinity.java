/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;

/**
 * Pins the calling thread (not the whole JVM, whose compiler and GC threads keep floating) to
 * one CPU, on Linux. The harnesses pin the parent's measuring thread to CPU 0 and the child's to
 * CPU 1: without it, the kernel tends to put a socket peer's two processes on the same CPU
 * (wake-affine scheduling) and the next busy-spinning transport then shares that CPU for a
 * while, which shows as millisecond stalls.
 *
 * <p>A process inherits the affinity of the thread that starts it, so child processes are
 * started {@link #unpinned} (else the whole child JVM would share the parent's one CPU).
 */
final class Affinity {
    /** The system property that tells a child process which CPU to pin its thread to. */
    static final String PROPERTY = "nsb.cpu";
    /** The CPUs this process may use, as the JVM started (before any pinning). */
    private static final int CPUS = Math.min(64, Runtime.getRuntime().availableProcessors());

    private Affinity() {
    }

    /** Pins the calling thread to {@code cpu} if this is Linux with that many CPUs; says whether it did. */
    static boolean pin(int cpu) {
        if (!Platform.isLinux() || cpu < 0 || cpu >= CPUS) {
            return false;
        }
        return setMask(1L << cpu);
    }

    /** Lets the calling thread use every CPU again; says whether it could. */
    static boolean unpin() {
        return Platform.isLinux() && setMask(CPUS == 64 ? -1L : (1L << CPUS) - 1);
    }

    /** Runs {@code action} with the calling thread free to use every CPU, then restores {@code cpu} (if >= 0). */
    static <T> T unpinned(int cpu, IoAction<T> action) throws IOException {
        if (cpu >= 0) {
            unpin();
        }
        try {
            return action.run();
        } finally {
            if (cpu >= 0) {
                pin(cpu);
            }
        }
    }

    /** Something that may throw an {@code IOException}. */
    interface IoAction<T> {
        T run() throws IOException;
    }

    private static boolean setMask(long mask) {
        try {
            LibC.sched_setaffinity(0, Long.BYTES, new long[] {mask});
            return true;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            System.err.println("could not set the CPU affinity to 0x" + Long.toHexString(mask) + ": " + e);
            return false;
        }
    }

    /** Pins as the {@value #PROPERTY} system property says, if it is set. */
    static void pinFromProperty() {
        String cpu = System.getProperty(PROPERTY);
        if (cpu != null) {
            pin(Integer.parseInt(cpu));
        }
    }

    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int sched_setaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;
    }
}
