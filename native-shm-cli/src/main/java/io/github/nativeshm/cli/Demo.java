/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code shm demo}: this process creates a segment and starts a child JVM that opens it by name.
 * The child publishes messages, the parent acknowledges each one through the same memory, then
 * the two play ping-pong to show the round-trip time.
 *
 * <pre>
 *   offset 0   long  published   last message number the child wrote (release/acquire)
 *   offset 8   long  acknowledged last number the parent read
 *   offset 16  int   length of the message text
 *   offset 24  long  finished: 1 once the child sends its last ping-pong number
 *   offset 32  byte[MAX_TEXT] UTF-8 message text
 * </pre>
 */
final class Demo {
    private static final int PUBLISHED = 0;
    private static final int ACKNOWLEDGED = 8;
    private static final int LENGTH = 16;
    private static final int FINISHED = 24;
    private static final int TEXT = 32;
    private static final int MAX_TEXT = 200;
    private static final int SIZE = TEXT + MAX_TEXT;
    private static final int MESSAGES = 5;
    private static final int MAX_ROUND_TRIPS = 200_000;
    /** The ping-pong stops after this long even on a busy machine, where each trip can take a context switch. */
    private static final long PING_PONG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Demo() {
    }

    /** The parent side, run by {@code shm demo}. */
    static void run(PrintStream out, List<String> operands) throws Exception {
        String name = "shm-demo-" + ProcessHandle.current().pid();
        try (Segment segment = Segment.create(name, SIZE)) {
            out.printf("parent %d: created segment '%s' (%d bytes); starting a child process%n",
                    ProcessHandle.current().pid(), name, segment.size());
            Process child = new ProcessBuilder(childCommand(name)).inheritIO().start();
            try {
                ByteBuffer memory = segment.buffer();
                for (long number = 1; number <= MESSAGES; number++) {
                    awaitValue(memory, PUBLISHED, number, child);
                    byte[] text = new byte[memory.getInt(LENGTH)];
                    memory.get(TEXT, text);
                    out.printf("parent %d: read message %d: \"%s\"%n", ProcessHandle.current().pid(), number,
                            new String(text, StandardCharsets.UTF_8));
                    LONGS.setRelease(memory, ACKNOWLEDGED, number);
                }
                for (long number = MESSAGES + 1; ; number++) {
                    awaitValue(memory, PUBLISHED, number, child);
                    LONGS.setRelease(memory, ACKNOWLEDGED, number);
                    if ((long) LONGS.getAcquire(memory, FINISHED) != 0) {
                        break;
                    }
                }
                if (!child.waitFor(30, TimeUnit.SECONDS) || child.exitValue() != 0) {
                    throw new IllegalStateException("the child process failed");
                }
                out.println("parent: done; removing the segment");
            } finally {
                child.destroyForcibly();
                segment.unlink();
            }
        }
    }

    private static List<String> childCommand(String segmentName) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // JNA, without the JDK's warning
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Demo.class.getName(), segmentName));
        return command;
    }

    /** The child side: opens the parent's segment by name. */
    public static void main(String[] args) {
        long pid = ProcessHandle.current().pid();
        try (Segment segment = Segment.open(args[0])) {
            ByteBuffer memory = segment.buffer();
            System.out.printf("child  %d: opened segment '%s' (%d bytes)%n", pid, segment.name(), segment.size());
            for (long number = 1; number <= MESSAGES; number++) {
                byte[] text = ("hello #" + number + " from process " + pid).getBytes(StandardCharsets.UTF_8);
                memory.putInt(LENGTH, text.length);
                memory.put(TEXT, text);
                LONGS.setRelease(memory, PUBLISHED, number);
                awaitValue(memory, ACKNOWLEDGED, number, null);
            }
            long start = System.nanoTime();
            long trips = 0;
            for (long number = MESSAGES + 1; ; number++) {
                boolean last = trips + 1 == MAX_ROUND_TRIPS || System.nanoTime() - start > PING_PONG_NANOS;
                if (last) {
                    LONGS.setRelease(memory, FINISHED, 1L); // seen by the parent with this last number
                }
                LONGS.setRelease(memory, PUBLISHED, number);
                awaitValue(memory, ACKNOWLEDGED, number, null);
                trips++;
                if (last) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("child  %d: %,d round trips through shared memory, %.0f ns each on average%n",
                    pid, trips, (double) elapsed / trips);
        }
    }

    /** Spins until the long at {@code offset} reaches {@code expected}; gives up after a timeout. */
    private static void awaitValue(ByteBuffer memory, int offset, long expected, Process peer) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        for (int spins = 0; (long) LONGS.getAcquire(memory, offset) != expected; spins++) {
            Thread.onSpinWait();
            if ((spins & 0xffff) == 0 && (System.nanoTime() > deadline || (peer != null && !peer.isAlive()))) {
                throw new IllegalStateException("the other process stopped answering (waiting for "
                        + expected + " at offset " + offset + ")");
            }
        }
    }
}
