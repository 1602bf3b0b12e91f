/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.structured.StressChild.Heavy;
import io.github.nativeshm.structured.StressTest.Child;
import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static io.github.nativeshm.structured.StressChild.CRASH_SLOTS;
import static io.github.nativeshm.structured.StressChild.MARKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A writer process killed with SIGKILL in the middle of writing 8 KB structs. After each kill,
 * readers (one that stays attached across all rounds, one fresh) read every slot with a timeout:
 * each read must end promptly with a checksum-correct record of that writer, or with
 * {@code WRITER_DEAD} exactly for the slots the dead writer left odd, never with a torn record.
 * Then a restarted writer attaches: the odd slots read as empty, every other slot is unchanged,
 * nothing throws, and what it writes next is what readers see.
 *
 * <p>Most rounds kill at a random moment ({@code -Dnshm.crash.rounds}, default 6). A writer that
 * spends nearly all its time inside slots is usually caught in one, but not always; so a last round
 * makes it certain without pretending: it stops the writer (SIGSTOP), looks at the slot sequences,
 * and either kills it (SIGKILL) while a slot is odd or lets it run on (SIGCONT) and tries again.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class WriterCrashTest {
    private static final int RANDOM_ROUNDS = Integer.getInteger("nshm.crash.rounds", 6);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** The key of the value region in slot maps; array slots are 0 .. CRASH_SLOTS - 1. */
    private static final int VALUE = -1;

    /** What one read of one slot ended with. */
    private record Seen(String outcome, Heavy record, long nanos) {
        static final String VALID = "valid";
        static final String EMPTY = "empty";
        static final String DEAD = "WRITER_DEAD";

        @Override
        public String toString() {
            return outcome.equals(VALID) ? "round " + record.round() + " variant " + record.variant() : outcome;
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesNoTornRecordAndARestartedWriterRecovers() throws Exception {
        String name = TestSegments.uniqueName();
        ExecutorService readers = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "crash-reader");
            thread.setDaemon(true);
            return thread;
        });
        List<Child> children = new ArrayList<>();
        StructuredSegment attached = null;
        int roundsWithOddSlots = 0;
        long repairedValue = 0;
        long repairedArray = 0;
        long slowestDeadRead = 0;
        try {
            for (int round = 1; round <= RANDOM_ROUNDS + 1; round++) {
                boolean forced = round == RANDOM_ROUNDS + 1;
                Child writer = Child.start("crash writer " + round,
                        ChildJvm.command(StressChild.class, "crash-writer", name, Integer.toString(round)));
                children.add(writer);
                writer.awaitLine("ready", Duration.ofSeconds(60));
                if (attached == null) {
                    attached = StructuredSegment.open(name);
                }
                String how;
                InFlight inFlight = null;
                if (forced) {
                    int stops = stopInsideASlot(writer.process(), attached);
                    how = "stopped inside a slot after " + stops + " stop(s), then killed";
                } else {
                    inFlight = new InFlight(attached, readers);
                    long delay = ThreadLocalRandom.current().nextLong(10, 300);
                    Thread.sleep(delay);
                    how = "killed at random after " + delay + " ms";
                }
                writer.process().destroyForcibly(); // SIGKILL
                assertTrue(writer.process().waitFor(30, TimeUnit.SECONDS), "the killed writer is gone");
                if (inFlight != null) {
                    how += "; " + inFlight.finish();
                }

                // The writer is dead: its memory is exactly what it left.
                TreeSet<Integer> odd = oddSlots(attached);
                if (!odd.isEmpty()) {
                    roundsWithOddSlots++;
                }
                try (StructuredSegment fresh = StructuredSegment.open(name)) {
                    Map<Integer, Seen> byAttached = readAll(readers, attached, "after the kill");
                    Map<Integer, Seen> byFresh = readAll(readers, fresh, "after the kill");
                    for (Map<Integer, Seen> seen : List.of(byAttached, byFresh)) {
                        for (Map.Entry<Integer, Seen> slot : seen.entrySet()) {
                            int index = slot.getKey();
                            Seen read = slot.getValue();
                            if (odd.contains(index)) {
                                assertEquals(Seen.DEAD, read.outcome(), "round " + round + ": slot " + index
                                        + " was left odd by the dead writer; a read must say WRITER_DEAD");
                                slowestDeadRead = Math.max(slowestDeadRead, read.nanos());
                            } else {
                                assertEquals(Seen.VALID, read.outcome(), "round " + round + ": slot " + index);
                                assertEquals(round, read.record().round(), "round " + round + ": slot " + index
                                        + " holds a record the killed writer wrote");
                            }
                        }
                    }

                    Child recovering = Child.start("recovering writer " + round,
                            ChildJvm.command(StressChild.class, "recover", name, Integer.toString(round)));
                    children.add(recovering);
                    Map<String, String> repairs = Child.parse(recovering.awaitLine("attached", Duration.ofSeconds(60)));
                    repairedValue += odd.contains(VALUE) ? 1 : 0;
                    repairedArray += odd.stream().filter(index -> index != VALUE).count();
                    assertEquals(repairedValue, Long.parseLong(repairs.get("big")), "repairs counted in the value's header");
                    assertEquals(repairedArray, Long.parseLong(repairs.get("heavies")), "repairs counted in the array's header");

                    Map<Integer, Seen> repaired = readAll(readers, fresh, "after the restart");
                    for (Map.Entry<Integer, Seen> slot : repaired.entrySet()) {
                        int index = slot.getKey();
                        if (odd.contains(index)) {
                            assertEquals(Seen.EMPTY, slot.getValue().outcome(), "round " + round + ": slot " + index
                                    + " was left odd; after the restart it is empty");
                        } else {
                            assertEquals(byFresh.get(index).toString(), slot.getValue().toString(), "round " + round
                                    + ": slot " + index + " was complete; the restart keeps it");
                        }
                    }
                    assertTrue(oddSlots(attached).isEmpty(), "no slot is odd after the restart");

                    recovering.send("write");
                    recovering.awaitLine("written", Duration.ofSeconds(30));
                    recovering.awaitSuccess(Duration.ofSeconds(30));
                    for (StructuredSegment reader : List.of(attached, fresh)) {
                        for (Map.Entry<Integer, Seen> slot : readAll(readers, reader, "after new writes").entrySet()) {
                            Seen read = slot.getValue();
                            assertEquals(Seen.VALID, read.outcome(), "round " + round + ": slot " + slot.getKey());
                            assertEquals(round, read.record().round(), "the restarted writer's record is visible");
                            assertEquals(MARKER, read.record().variant(), "the restarted writer's record is visible");
                        }
                    }
                }
                System.out.printf("writer crash round %d (%s): odd slots %s; reads: %s%n", round, how,
                        odd.isEmpty() ? "none" : odd.toString().replace("-1", "value"), summarize(odd));
                if (forced) {
                    assertFalse(odd.isEmpty(), "the forced round killed the writer inside a slot");
                }
            }
            System.out.printf("writer crash: %d random kills, %d left an odd slot; forced round left one too;"
                            + " %d value and %d array slots repaired; slowest WRITER_DEAD read %.1f ms%n",
                    RANDOM_ROUNDS, roundsWithOddSlots - 1, repairedValue, repairedArray, slowestDeadRead / 1e6);
            assertTrue(roundsWithOddSlots >= 1, "at least one kill left a slot odd");
        } finally {
            readers.shutdownNow();
            if (attached != null) {
                attached.close();
            }
            for (Child child : children) {
                child.close();
            }
            TestSegments.unlinkIfPresent(name);
        }
    }

    /**
     * A reader that reads every slot over and over while the writer writes and dies: each read
     * returns a good record or, once the writer is dead, may say WRITER_DEAD; none hangs.
     */
    private static final class InFlight {
        private volatile boolean stop;
        private final Future<String> result;

        InFlight(StructuredSegment segment, ExecutorService readers) {
            SharedValue<Heavy> value = segment.value("big", Heavy.class);
            SharedArray<Heavy> heavies = segment.array("heavies", Heavy.class);
            long retriesBefore = value.retries() + heavies.retries();
            result = readers.submit(() -> {
                long reads = 0;
                long dead = 0;
                long slowest = 0;
                while (!stop) {
                    for (int slot = VALUE; slot < CRASH_SLOTS; slot++) {
                        long start = System.nanoTime();
                        try {
                            Heavy record = slot == VALUE ? value.read() : heavies.read(slot);
                            String problem = record == null ? "empty slot " + slot : record.problem(slot);
                            if (problem != null) {
                                throw new AssertionError("a reader accepted a bad record while the writer wrote: " + problem);
                            }
                        } catch (SegmentException e) {
                            if (e.reason() != Reason.WRITER_DEAD) {
                                throw e;
                            }
                            dead++;
                        }
                        reads++;
                        slowest = Math.max(slowest, System.nanoTime() - start);
                    }
                }
                return String.format(Locale.ROOT,
                        "in-flight reader: %d reads, %d retries, %d WRITER_DEAD, slowest %.1f ms",
                        reads, value.retries() + heavies.retries() - retriesBefore, dead, slowest / 1e6);
            });
        }

        String finish() throws InterruptedException, ExecutionException {
            stop = true;
            try {
                return result.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new AssertionError("a read in flight when the writer died did not end within " + READ_TIMEOUT);
            }
        }
    }

    private static String summarize(TreeSet<Integer> odd) {
        int slots = CRASH_SLOTS + 1;
        return odd.size() + " WRITER_DEAD and " + (slots - odd.size()) + " valid per reader; after the restart "
                + odd.size() + " empty, " + (slots - odd.size()) + " unchanged; new writes visible";
    }

    /** Reads the value and every array slot with {@code segment}, on another thread, each read bounded in time. */
    private static Map<Integer, Seen> readAll(ExecutorService readers, StructuredSegment segment, String when)
            throws InterruptedException, ExecutionException {
        SharedValue<Heavy> value = segment.value("big", Heavy.class);
        SharedArray<Heavy> heavies = segment.array("heavies", Heavy.class);
        Map<Integer, Seen> seen = new TreeMap<>();
        for (int index = VALUE; index < CRASH_SLOTS; index++) {
            int slot = index;
            Future<Seen> read = readers.submit(() -> {
                long start = System.nanoTime();
                try {
                    Heavy record = slot == VALUE ? value.read() : heavies.read(slot);
                    long nanos = System.nanoTime() - start;
                    if (record == null) {
                        return new Seen(Seen.EMPTY, null, nanos);
                    }
                    String problem = record.problem(slot);
                    if (problem != null) {
                        throw new AssertionError("a torn record was returned " + when + ": " + problem);
                    }
                    return new Seen(Seen.VALID, record, nanos);
                } catch (SegmentException e) {
                    if (e.reason() != Reason.WRITER_DEAD) {
                        throw e;
                    }
                    return new Seen(Seen.DEAD, null, System.nanoTime() - start);
                }
            });
            try {
                seen.put(slot, read.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                read.cancel(true);
                fail("reading slot " + slot + " " + when + " did not finish within " + READ_TIMEOUT);
            }
        }
        return seen;
    }

    /** The slots (VALUE for the value) whose sequence is odd: a write began and did not end. */
    private static TreeSet<Integer> oddSlots(StructuredSegment segment) {
        ByteBuffer buffer = segment.segment().buffer();
        TreeSet<Integer> odd = new TreeSet<>();
        for (RegionInfo region : segment.regions()) {
            for (int index = 0; index < region.capacity(); index++) {
                int slot = (int) (region.offset() + RegionDescriptor.HEADER_LENGTH
                        + index * RegionDescriptor.slotStride(region.elementSize()));
                long sequence = (long) SegmentAccess.LONG.getVolatile(buffer, slot + RegionDescriptor.SLOT_SEQUENCE_OFFSET);
                if ((sequence & 1) != 0) {
                    odd.add(region.kind() == RegionKind.VALUE ? VALUE : index);
                }
            }
        }
        return odd;
    }

    /**
     * Stops the writer (SIGSTOP) until it is caught with a slot odd, letting it run on (SIGCONT)
     * between tries; it stays stopped on return, so a kill now leaves that slot odd.
     *
     * @return how many stops it took
     */
    private static int stopInsideASlot(Process writer, StructuredSegment segment) throws IOException, InterruptedException {
        for (int stops = 1; stops <= 500; stops++) {
            signal("STOP", writer.pid());
            awaitStopped(writer.pid());
            if (!oddSlots(segment).isEmpty()) {
                return stops;
            }
            signal("CONT", writer.pid());
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5));
        }
        throw new AssertionError("500 stops never caught the writer inside a slot");
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }

    /** Waits until every thread of {@code pid} is stopped, so that none can still be writing. */
    private static void awaitStopped(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            boolean allStopped;
            try (Stream<Path> threads = Files.list(tasks)) {
                allStopped = threads.allMatch(WriterCrashTest::isStopped);
            }
            if (allStopped) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " did not stop within 10 s");
            }
            Thread.sleep(1);
        }
    }

    private static boolean isStopped(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException e) {
            return true; // the thread exited: it writes nothing more
        }
    }
}
