/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The fields of {@code struct stat} the provider reads, from {@code fstat(2)}. Called through
 * {@code syscall}, because glibc before 2.33 exports no {@code fstat} symbol; the kernel's
 * {@code struct stat} differs between the two architectures, hence the offsets per architecture.
 *
 * @param device the device the file lives on
 * @param inode  the file's inode number: with {@code device}, which file it is
 * @param uid    the owner's user id
 * @param size   the size in bytes
 */
record FileStatus(long device, long inode, int uid, long size) {
    private static final boolean X86_64 = "x86-64".equals(Platform.ARCH);
    /** {@code SYS_fstat}: 5 on x86-64, 80 in the generic table AArch64 uses. */
    private static final long SYS_FSTAT = X86_64 ? 5 : 80;
    /** {@code struct stat}: 144 bytes on x86-64, 128 on AArch64. */
    private static final int LENGTH = 144;
    private static final int DEVICE_OFFSET = 0;
    private static final int INODE_OFFSET = 8;
    private static final int UID_OFFSET = X86_64 ? 28 : 24;
    private static final int SIZE_OFFSET = 48;

    /** The status of the open file {@code fd}. */
    static FileStatus of(int fd) {
        try (Memory stat = new Memory(LENGTH)) {
            if (LinuxSyscalls.syscall(SYS_FSTAT, fd, Pointer.nativeValue(stat), 0, null, null, 0) == -1) {
                throw new LastErrorException(Native.getLastError());
            }
            return new FileStatus(stat.getLong(DEVICE_OFFSET), stat.getLong(INODE_OFFSET), stat.getInt(UID_OFFSET),
                    stat.getLong(SIZE_OFFSET));
        }
    }
}
