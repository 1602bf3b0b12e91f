/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static io.github.nativeshm.structured.HeaderDescriptor.*;

/**
 * Who writes a segment: a process id plus the process's start time, so that a pid the OS
 * reused for another process is not mistaken for a live writer.
 */
final class WriterIdentity {
    /** Start times from /proc or the OS are to the millisecond or coarser; allow that much skew. */
    private static final long START_TOLERANCE_MILLIS = 1_000;

    static final WriterIdentity CURRENT = new WriterIdentity(ProcessHandle.current().pid(),
            startMillis(ProcessHandle.current()));

    private final long pid;
    private final long startMillis;

    private WriterIdentity(long pid, long startMillis) {
        this.pid = pid;
        this.startMillis = startMillis;
    }

    /** Records this process as the segment's writer, with a fresh heartbeat. */
    void claim(ByteBuffer buffer, int generation) {
        buffer.putLong(WRITER_START_OFFSET, startMillis);
        buffer.putInt(WRITER_GENERATION_OFFSET, generation);
        heartbeat(buffer);
        SegmentAccess.LONG.setRelease(buffer, WRITER_PID_OFFSET, pid); // last: a reader never pairs it with an old start
    }

    /**
     * Takes over from the writer {@code previousPid} atomically, so that of two processes
     * restarting at once only one becomes the writer.
     *
     * @return false if another process changed the writer first
     */
    boolean takeOver(ByteBuffer buffer, long previousPid) {
        return SegmentAccess.compareAndSetLong(buffer, WRITER_PID_OFFSET, previousPid, pid);
    }

    static void heartbeat(ByteBuffer buffer) {
        SegmentAccess.LONG.setOpaque(buffer, WRITER_HEARTBEAT_OFFSET, System.currentTimeMillis());
    }

    boolean isCurrentProcess(long otherPid) {
        return otherPid == pid;
    }

    /** Whether the writer recorded in the header is a running process (the same one, not a reuse of its pid). */
    static boolean isAlive(ByteBuffer buffer) {
        long pid = (long) SegmentAccess.LONG.getAcquire(buffer, WRITER_PID_OFFSET);
        long recordedStart = (long) SegmentAccess.LONG.getOpaque(buffer, WRITER_START_OFFSET);
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() || isZombie(pid)) {
            return false;
        }
        long start = startMillis(process.get());
        return start == 0 || recordedStart == 0 || Math.abs(start - recordedStart) <= START_TOLERANCE_MILLIS;
    }

    /** ProcessHandle calls a zombie (exited, not yet reaped) alive; on Linux /proc says otherwise. */
    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            int afterName = text.lastIndexOf(')');
            char state = afterName >= 0 && afterName + 2 < text.length() ? text.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | UncheckedIOException e) {
            return false; // not Linux, or the process is gone: ProcessHandle already answered
        }
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
