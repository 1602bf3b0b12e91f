/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import io.github.nativeshm.platform.ChangeSignals;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.util.Map;

import static io.github.nativeshm.platform.linux.LinuxSyscalls.FUTEX_WAIT;
import static io.github.nativeshm.platform.linux.LinuxSyscalls.FUTEX_WAKE;
import static io.github.nativeshm.platform.linux.LinuxSyscalls.syscall;

/**
 * {@link ChangeSignals} by Linux futexes on the word itself, for Linux on x86-64 and AArch64.
 *
 * <p>{@code FUTEX_WAIT} and {@code FUTEX_WAKE} are used without {@code FUTEX_PRIVATE_FLAG}, so the
 * kernel finds sleepers by the shared page and offset rather than by this process's address: a
 * waker in one process reaches sleepers in every process that maps the word {@code MAP_SHARED}. No
 * wake-up is lost because the kernel compares the word with {@code expected} and queues the sleeper
 * atomically with respect to {@code FUTEX_WAKE}. The key is not used. Stateless and thread-safe;
 * like any native wait, {@link #await} ignores {@link Thread#interrupt()}.
 */
public final class FutexSignals implements ChangeSignals {
    /** {@code SYS_futex}: 202 on x86-64, 98 in the generic table AArch64 uses; -1 elsewhere. */
    private static final long SYS_FUTEX = switch (Platform.ARCH) {
        case "x86-64" -> 202;
        case "aarch64" -> 98;
        default -> -1;
    };

    private static final int EPERM = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EFAULT = 14;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;
    private static final int ETIMEDOUT = 110;
    /** The failures futex can report; EAGAIN, EINTR and ETIMEDOUT are normal returns, not failures. */
    private static final Map<Integer, String> ERRNO_NAMES = Map.of(EPERM, "EPERM", EACCES, "EACCES",
            EFAULT, "EFAULT", EINVAL, "EINVAL", ENOSYS, "ENOSYS");

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** One {@code struct timespec {long tv_sec; long tv_nsec;}} per thread: no allocation per wait. */
    private static final ThreadLocal<Memory> TIMESPEC = ThreadLocal.withInitial(() -> new Memory(2 * Long.BYTES));

    /**
     * @throws UnsupportedOperationException if this is not Linux on x86-64 or AArch64
     */
    public FutexSignals() {
        if (!isSupported()) {
            throw new UnsupportedOperationException("futex signals need Linux on x86-64 or aarch64; this is "
                    + System.getProperty("os.name") + " on " + Platform.ARCH);
        }
    }

    /** Whether this machine is one {@code FutexSignals} knows the futex system call number of. */
    public static boolean isSupported() {
        return Platform.isLinux() && SYS_FUTEX >= 0;
    }

    /**
     * @throws IllegalArgumentException if the address is not 4-byte aligned
     * @throws PlatformException        {@code OS_ERROR} naming the errno if the kernel refuses the
     *                                  wait (for example {@code EFAULT} for an unmapped address)
     */
    @Override
    public void await(long wordAddress, int expected, long timeoutNanos, String key) {
        checkAligned(wordAddress);
        if (timeoutNanos <= 0) {
            return;
        }
        Memory timeout = TIMESPEC.get();
        timeout.setLong(0, timeoutNanos / NANOS_PER_SECOND);
        timeout.setLong(Long.BYTES, timeoutNanos % NANOS_PER_SECOND);
        if (syscall(SYS_FUTEX, wordAddress, FUTEX_WAIT, expected, timeout, null, 0) == -1) {
            int errno = Native.getLastError();
            // The word already differed, a signal arrived, or the time is up: all normal returns.
            if (errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT) {
                throw failure("wait on", key, "FUTEX_WAIT", wordAddress, errno);
            }
        }
    }

    /**
     * @throws IllegalArgumentException if the address is not 4-byte aligned
     * @throws PlatformException        {@code OS_ERROR} naming the errno if the kernel refuses
     */
    @Override
    public void wakeAll(long wordAddress, String key) {
        checkAligned(wordAddress);
        if (syscall(SYS_FUTEX, wordAddress, FUTEX_WAKE, Integer.MAX_VALUE, null, null, 0) == -1) {
            throw failure("wake waiters of", key, "FUTEX_WAKE", wordAddress, Native.getLastError());
        }
    }

    /** The kernel would say EINVAL; this says what is wrong. */
    private static void checkAligned(long wordAddress) {
        if ((wordAddress & (Integer.BYTES - 1)) != 0) {
            throw new IllegalArgumentException("a futex word must be 4-byte aligned, wordAddress=0x"
                    + Long.toHexString(wordAddress));
        }
    }

    private static PlatformException failure(String operation, String key, String call, long wordAddress, int errno) {
        return new PlatformException(Kind.OS_ERROR, operation, key, "futex " + call + " at 0x"
                + Long.toHexString(wordAddress) + ": " + ERRNO_NAMES.getOrDefault(errno, "errno " + errno)
                + ", " + LibC.strerror(errno));
    }
}
