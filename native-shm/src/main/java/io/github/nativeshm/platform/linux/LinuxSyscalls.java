/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * libc's {@code syscall}, for the futex calls glibc does not wrap (and {@code fstat}, which old glibc
 * does not export), bound by JNA direct mapping like
 * {@link LibC}. After a {@code -1} return, {@code Native.getLastError()} holds errno: JNA saves it
 * after every direct call, so the expected outcomes of a wait (EAGAIN, ETIMEDOUT) cost no exception.
 */
final class LinuxSyscalls {
    static final int FUTEX_WAIT = 0;
    static final int FUTEX_WAKE = 1;

    static {
        Native.register(LinuxSyscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxSyscalls() {
    }

    /**
     * {@code long syscall(long number, ...)} with a fixed prototype for the six futex arguments.
     * The C function is variadic, but on x86-64 and AArch64 Linux variadic integer and pointer
     * arguments travel exactly like fixed ones, so a fixed prototype calls it correctly there. Every
     * integer is passed as a full {@code long} because glibc reads each one with
     * {@code va_arg(ap, long)}; the kernel truncates to the futex's own types. Calls with fewer
     * arguments pass zeros for the rest.
     */
    static native long syscall(long number, long uaddr, long op, long val, Pointer timeout, Pointer uaddr2,
                               long val3);
}
