/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.structured.FuzzedSegments.Event;
import io.github.nativeshm.structured.FuzzedSegments.Point;
import io.github.nativeshm.structured.FuzzedSegments.Quote;
import io.github.nativeshm.testing.Closeables;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A segment truncated underneath the processes that map it (any stray {@code truncate}): every
 * access through values, arrays, rings, readers, untyped regions and the header turns the JDK's
 * report of the fault into {@code FAULT} naming the segment, the region and the damage, over and
 * over while the JIT compiles the paths, and never lets an {@link InternalError} reach the thread.
 * {@link StructuredSegment#damage()} tells truncation, removal and replacement.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "truncating a segment needs its /dev/shm file")
@ExtendWith(TestSegments.class)
class FaultTest {
    /**
     * Rounds of every access: by default enough for C2 to compile the paths (tiered compilation
     * takes a method to C2 after about 5,000 calls with loops), about 50 s in CI;
     * {@code -Dnshm.fault.rounds=20000} for a longer run by hand.
     */
    private static final int ROUNDS = Integer.getInteger("nshm.fault.rounds", 6_000);
    /** A raw region first, so that with the first page kept the header is intact and every typed region is not. */
    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .raw("scratch", 8192)
            .value("quote", Quote.class)
            .array("book", Quote.class, 4)
            .ring("events", Event.class, 8)
            .build();

    /** A handler that takes records and losses without a word: the poll is what is tested. */
    private static final RingHandler<Event> IGNORE = new RingHandler<>() {
        @Override
        public void onRecord(long sequence, Event record) {
        }

        @Override
        public void onLoss(long firstLost, long count) {
        }
    };

    @RegisterExtension
    final Closeables closeables = new Closeables();
    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    @ParameterizedTest
    @ValueSource(ints = {0, 4096})
    void everyAccessToATruncatedSegmentIsAFaultNeverAnInternalError(int truncatedTo) throws Exception {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        FuzzedSegments.fill(writer);
        StructuredSegment reader = closeables.track(StructuredSegment.open(name));
        Map<String, Runnable> accesses = accesses(writer, reader, truncatedTo == 0);
        long mapped = writer.segment().size();

        truncate(truncatedTo);

        assertEquals(Optional.of("truncated to " + truncatedTo + " bytes (mapped " + mapped + ")"), writer.damage());
        assertEquals(writer.damage(), reader.damage());
        // On a thread of its own, so that the test checks that thread survives, and so that each
        // exception's stack trace is short (the faults are many).
        Map<String, Integer> faults = new TreeMap<>();
        FutureTask<Void> rounds = new FutureTask<>(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Runnable> access : accesses.entrySet()) {
                    fault(access.getKey(), access.getValue(), round, truncatedTo, mapped);
                    faults.merge(access.getKey(), 1, Integer::sum);
                }
            }
            return null;
        });
        Thread thread = new Thread(rounds, "faulting-" + truncatedTo);
        thread.start();
        rounds.get(10, TimeUnit.MINUTES);
        for (String access : accesses.keySet()) {
            assertEquals(ROUNDS, faults.get(access), access);
        }
        writer.close(); // gives up the writer role in a header that is gone: no error either
        reader.close();
    }

    @Test
    void damageTellsRemovalAndReplacementAndIsEmptyWhileIntact() {
        StructuredSegment first = closeables.track(StructuredSegment.create(name, SPEC));
        StructuredSegment reader = closeables.track(StructuredSegment.open(name));
        assertEquals(Optional.empty(), first.damage());
        assertEquals(Optional.empty(), reader.damage());

        TestSegments.unlinkIfPresent(name);
        assertEquals(Optional.of("removed (its name no longer exists)"), first.damage());
        assertEquals(Optional.of("removed (its name no longer exists)"), reader.damage());

        StructuredSegment second = closeables.track(StructuredSegment.create(name, SPEC));
        assertEquals(Optional.of("replaced (its name now refers to another segment)"), first.damage());
        assertEquals(Optional.of("replaced (its name now refers to another segment)"), reader.damage());
        assertEquals(Optional.empty(), second.damage());
        first.value("quote", Quote.class).write(new Quote(1, "OLD", 1, 1, true));
        assertEquals(new Quote(1, "OLD", 1, 1, true), reader.value("quote", Quote.class).read(),
                "a removed or replaced segment is still whole memory: only truncation faults");
    }

    /** Every public access: reads by a reader, writes by the writer, the header by both; with a name for messages. */
    private static Map<String, Runnable> accesses(StructuredSegment writer, StructuredSegment reader, boolean headerGone) {
        Map<String, Runnable> accesses = new LinkedHashMap<>();
        SharedValue<Quote> readQuote = reader.value("quote", Quote.class);
        SharedArray<Quote> readBook = reader.array("book", Quote.class);
        EventRing<Event> readEvents = reader.ring("events", Event.class);
        UntypedRegion untyped = UntypedRegion.of(reader, "book");
        RingReader<Event> cursor = readEvents.readerAt(0);
        accesses.put("value read", readQuote::read);
        accesses.put("value read in place", () -> readQuote.read((buffer, offset) -> buffer.getLong(offset)));
        accesses.put("value changeCount", readQuote::changeCount);
        accesses.put("value awaitChange", () -> readQuote.awaitChange(0, Duration.ofMillis(1)));
        accesses.put("array read", () -> readBook.read(2));
        accesses.put("array version", () -> readBook.version(3));
        accesses.put("ring writePosition", readEvents::writePosition);
        accesses.put("ring new reader", () -> readEvents.reader(EventRing.Start.OLDEST));
        accesses.put("ring poll", () -> cursor.poll(IGNORE, 100));
        accesses.put("ring available", cursor::available);
        accesses.put("ring await", () -> cursor.await(Duration.ofMillis(1)));
        accesses.put("untyped read", () -> untyped.read(0));
        accesses.put("untyped isOccupied", () -> untyped.isOccupied(1));

        SharedValue<Quote> quote = writer.value("quote", Quote.class);
        SharedArray<Quote> book = writer.array("book", Quote.class);
        EventRing<Event> events = writer.ring("events", Event.class);
        accesses.put("value read by the writer", quote::read);
        accesses.put("value write", () -> quote.write(new Quote(7, "W", 7, 7, true)));
        accesses.put("value write in place", () -> quote.write((buffer, offset) -> buffer.putLong(offset, 7)));
        accesses.put("value clear", quote::clear);
        accesses.put("array write", () -> book.write(1, new Quote(8, "A", 8, 8, false)));
        accesses.put("array clear", () -> book.clear(1));
        accesses.put("ring append", () -> events.append(new Event(9, (short) 1, "e", new int[3], new Point(1, 2))));
        accesses.put("ring append in place", () -> events.append((buffer, offset) -> buffer.putLong(offset, 9)));
        accesses.put("ring append quietly", () -> events.appendQuietly((buffer, offset) -> buffer.putLong(offset, 9)));
        accesses.put("ring signal", events::signal);
        accesses.put("repairStuckSlots", writer::repairStuckSlots);
        if (headerGone) {
            for (StructuredSegment segment : new StructuredSegment[] {writer, reader}) {
                String who = segment.isWriter() ? "writer's " : "reader's ";
                accesses.put(who + "header", segment::header);
                accesses.put(who + "isRetired", segment::isRetired);
                accesses.put(who + "isWriterAlive", segment::isWriterAlive);
            }
            accesses.put("heartbeat", writer::heartbeat);
        }
        return accesses;
    }

    /** Runs one access on memory that is gone: it must throw FAULT (checked in detail in round 0), nothing else. */
    private void fault(String name, Runnable access, int round, int truncatedTo, long mapped) {
        try {
            access.run();
            fail(name + " succeeded on memory that is gone (round " + round + ")");
        } catch (SegmentException e) {
            if (e.reason() != Reason.FAULT) {
                throw new AssertionError(name + ": expected FAULT, got " + e, e);
            }
            if (round == 0) {
                assertFault(e, name, truncatedTo, mapped);
            }
        } catch (InternalError e) {
            throw new AssertionError(name + " let the JDK's InternalError through (round " + round + ")", e);
        }
        // An error left pending by a compiled access would surface at the next entry into the VM,
        // such as this allocation, outside the library: the InternalError would end the thread.
        assertTrue(String.valueOf(round).length() > 0);
    }

    private void assertFault(SegmentException e, String access, int truncatedTo, long mapped) {
        String damage = "truncated to " + truncatedTo + " bytes (mapped " + mapped + ")";
        assertTrue(e.getMessage().contains("segment '" + name + "': the memory behind the mapping is gone"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": " + damage + ")"), access + ": " + e.getMessage());
        String where = access.startsWith("value") ? "region 'quote'" : access.startsWith("array")
                || access.startsWith("untyped") ? "region 'book'" : access.startsWith("ring") ? "region 'events'"
                : access.startsWith("repair") ? "its slots" : "its header";
        assertTrue(e.getMessage().contains("(" + where), access + ": " + e.getMessage());
        assertTrue(e.getCause() instanceof InternalError, "the JDK's report is kept as the cause");
    }

    private void truncate(long size) throws IOException {
        try (FileChannel file = FileChannel.open(Path.of("/dev/shm", name), StandardOpenOption.WRITE)) {
            file.truncate(size);
        }
    }
}
