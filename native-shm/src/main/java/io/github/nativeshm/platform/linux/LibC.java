/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libc calls the Linux provider needs, bound by JNA direct mapping. jna-platform lacks
 * {@code lseek} and {@code posix_fallocate}, and direct mapping is the cheapest binding anyway.
 * Constants are Linux's generic values (the same on x86-64 and AArch64).
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int SEEK_END = 2;

    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int EFBIG = 27;
    static final int ENOSPC = 28;
    static final int ENOMEM = 12;
    static final int EPERM = 1;
    static final int ENAMETOOLONG = 36;
    static final int EMFILE = 24;

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    static native int ftruncate(int fd, long length) throws LastErrorException;

    /** Returns 0 or an error number (it does not set errno). */
    static native int posix_fallocate(int fd, long offset, long length);

    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(Pointer address, long length) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native String strerror(int errno);

    static native int geteuid();

    /** Returns 0 or an error number; {@code result} is null if there is no such user. */
    static native int getpwuid_r(int uid, Pointer passwd, Pointer buffer, long bufferLength, PointerByReference result);

    /**
     * shm_open and shm_unlink live in librt before glibc 2.34 and in libc after; librt still
     * exists (and forwards to libc) on new systems, so binding to it works on both.
     */
    static final class LibRt {
        static {
            Native.register(LibRt.class, NativeLibrary.getInstance("rt"));
        }

        private LibRt() {
        }

        static native int shm_open(String name, int flags, int mode) throws LastErrorException;

        static native int shm_unlink(String name) throws LastErrorException;
    }
}
