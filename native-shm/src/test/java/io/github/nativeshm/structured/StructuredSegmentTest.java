/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Fixed;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.testing.Closeables;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structured segments in one process: regions, layouts, roles, rings, re-attach and repair. */
@ExtendWith(TestSegments.class)
class StructuredSegmentTest {
    public record Quote(long id, @Fixed(16) String symbol, double price, int volume) {
    }

    public record Event(long number, int kind, @Fixed(24) String text) {
    }

    /** Same shape as Event but another field name: a different layout. */
    public record OtherEvent(long number, int type, @Fixed(24) String text) {
    }

    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("quote", Quote.class)
            .array("book", Quote.class, 10)
            .ring("events", Event.class, 8)
            .raw("scratch", 100)
            .build();

    @RegisterExtension
    final Closeables closeables = new Closeables();
    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    private <T extends AutoCloseable> T track(T closeable) {
        return closeables.track(closeable);
    }

    @Test
    void aReaderSeesWhatTheWriterWrote() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        StructuredSegment reader = track(StructuredSegment.open(name));

        assertNull(reader.value("quote", Quote.class).read(), "never written");
        writer.value("quote", Quote.class).write(new Quote(1, "ACME", 12.5, 300));
        assertEquals(new Quote(1, "ACME", 12.5, 300), reader.value("quote", Quote.class).read());

        SharedArray<Quote> book = writer.array("book", Quote.class);
        book.write(9, new Quote(9, "ZZZ", -1, 0));
        SharedArray<Quote> readBook = reader.array("book", Quote.class);
        assertEquals(10, readBook.capacity());
        assertEquals(new Quote(9, "ZZZ", -1, 0), readBook.read(9));
        assertNull(readBook.read(0));
        book.clear(9);
        assertNull(readBook.read(9), "cleared");
        assertThrows(IndexOutOfBoundsException.class, () -> readBook.read(10));

        writer.raw("scratch").putLong(92, 77);
        assertEquals(77, reader.raw("scratch").getLong(92));
        assertEquals(100, reader.raw("scratch").capacity());

        assertEquals(writer.epoch(), reader.epoch());
        assertEquals(List.of("quote", "book", "events", "scratch"),
                reader.regions().stream().map(RegionInfo::name).toList());
    }

    @Test
    void flyweightReadsOneFieldInPlace() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        writer.value("quote", Quote.class).write(new Quote(5, "XYZ", 99.25, 1));
        SharedValue<Quote> quote = track(StructuredSegment.open(name)).value("quote", Quote.class);
        var price = quote.layout().field("price");
        assertEquals(99.25, quote.read((buffer, offset) -> price.getDouble(buffer, offset)));
    }

    @Test
    void onlyTheWriterWrites() {
        track(StructuredSegment.create(name, SPEC));
        StructuredSegment reader = track(StructuredSegment.open(name));
        SegmentException e = assertThrows(SegmentException.class,
                () -> reader.value("quote", Quote.class).write(new Quote(1, "A", 1, 1)));
        assertEquals(Reason.NOT_WRITER, e.reason(), "a reader mapped read-write is still not the writer");
        assertTrue(e.getMessage().contains("this process is not its writer (region 'quote' is written only by the "
                + "process that created or attached"), e.getMessage());
        assertEquals(Reason.NOT_WRITER, assertThrows(SegmentException.class,
                () -> reader.ring("events", Event.class).append(new Event(1, 1, "x"))).reason());
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> reader.raw("scratch").put(0, (byte) 1));
    }

    @Test
    void aRegionOpenedWithAnotherLayoutNamesBothLayouts() {
        track(StructuredSegment.create(name, SPEC));
        StructuredSegment reader = track(StructuredSegment.open(name));
        SegmentException e = assertThrows(SegmentException.class, () -> reader.ring("events", OtherEvent.class));
        assertEquals(Reason.LAYOUT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("region 'events' holds " + Layout.of(Event.class).describe()), e.getMessage());
        assertTrue(e.getMessage().contains("not " + Layout.of(OtherEvent.class).describe()), e.getMessage());

        SegmentException missing = assertThrows(SegmentException.class, () -> reader.value("nope", Quote.class));
        assertEquals(Reason.NO_SUCH_REGION, missing.reason());
        assertTrue(missing.getMessage().contains("no region 'nope'; it has quote, book, events, scratch"),
                missing.getMessage());
        SegmentException wrongKind = assertThrows(SegmentException.class, () -> reader.array("quote", Quote.class));
        assertTrue(wrongKind.getMessage().contains("region 'quote' is VALUE, not ARRAY"), wrongKind.getMessage());
    }

    @Test
    void ringReadersFollowFromOldestOrNewestAndLearnWhatTheyLost() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        EventRing<Event> ring = writer.ring("events", Event.class);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, ring.append(new Event(i, 1, "e" + i)));
        }
        EventRing<Event> readRing = track(StructuredSegment.open(name)).ring("events", Event.class);
        RingReader<Event> fromOldest = readRing.reader(EventRing.Start.OLDEST);
        RingReader<Event> fromNewest = readRing.reader(EventRing.Start.NEWEST);
        Recorder first = new Recorder();
        assertEquals(5, fromOldest.poll(first, 100));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), first.numbers);
        assertEquals(0, fromNewest.poll(new Recorder(), 100));

        for (int i = 5; i < 25; i++) {
            ring.append(new Event(i, 2, "e" + i));
        }
        Recorder lapped = new Recorder();
        assertEquals(4, fromOldest.poll(lapped, 100), "lapped, it resumes half a ring behind the writer");
        assertEquals(List.of("lost 5..20"), lapped.losses,
                "12 records were overwritten and 4 skipped for the margin: reported, not skipped silently");
        assertEquals(List.of(21L, 22L, 23L, 24L), lapped.numbers);
        assertEquals(16, fromOldest.lost());

        RingReader<Event> resumed = readRing.readerAt(23);
        Recorder tail = new Recorder();
        assertEquals(2, resumed.poll(tail, 100));
        assertEquals(List.of(23L, 24L), tail.numbers);
        assertTrue(tail.losses.isEmpty());
    }

    @Test
    void aReaderWaitingForAChangeWakesWhenTheWriterWrites() throws Exception {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        SharedValue<Quote> readQuote = track(StructuredSegment.open(name)).value("quote", Quote.class);
        int seen = readQuote.changeCount();
        assertEquals(seen, readQuote.awaitChange(seen, Duration.ofMillis(20)), "nothing changed: timed out");

        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> readQuote.awaitChange(seen, Duration.ofSeconds(20)));
        Thread.sleep(100);
        writer.value("quote", Quote.class).write(new Quote(2, "B", 2, 2));
        assertEquals(seen + 1, waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRestartedWriterAttachesKeepsTheDataAndContinuesTheRing() {
        try (StructuredSegment first = StructuredSegment.create(name, SPEC)) {
            first.value("quote", Quote.class).write(new Quote(3, "C", 3, 3));
            first.ring("events", Event.class).append(new Event(0, 0, "before"));
        }
        StructuredSegment second = track(StructuredSegment.attachWriter(name, SPEC));
        assertEquals(new Quote(3, "C", 3, 3), second.value("quote", Quote.class).read());
        assertEquals(1, second.ring("events", Event.class).append(new Event(1, 0, "after")));
        assertEquals(2, second.header().writerGeneration());
        assertEquals(ProcessHandle.current().pid(), second.header().writerPid());
    }

    @Test
    void attachingWithOtherRegionsNamesTheDifference() {
        track(StructuredSegment.create(name, SPEC));
        SegmentSpec bigger = SegmentSpec.builder().value("quote", Quote.class).array("book", Quote.class, 20)
                .ring("events", Event.class, 8).raw("scratch", 100).build();
        SegmentException e = assertThrows(SegmentException.class, () -> StructuredSegment.attachWriter(name, bigger));
        assertEquals(Reason.LAYOUT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("region 1: segment has ARRAY 'book' of 10 x Quote"), e.getMessage());
        assertTrue(e.getMessage().contains("expected ARRAY 'book' of 20 x Quote"), e.getMessage());
    }

    @Test
    void createOrAttachReplacesASegmentWithOtherRegionsAndRetiresTheOldOne() {
        StructuredSegment original = track(StructuredSegment.create(name, SPEC));
        StructuredSegment oldReader = track(StructuredSegment.open(name));
        StructuredSegment same = track(StructuredSegment.createOrAttach(name, SPEC));
        assertEquals(original.epoch(), same.epoch(), "same regions: attached, not re-created");
        assertFalse(oldReader.isRetired());

        SegmentSpec changed = SegmentSpec.builder().value("quote", Quote.class).build();
        StructuredSegment replaced = track(StructuredSegment.createOrAttach(name, changed));
        assertNotEquals(original.epoch(), replaced.epoch(), "a new epoch");
        assertTrue(oldReader.isRetired(), "readers of the old segment learn that it was replaced");
        StructuredSegment newReader = track(StructuredSegment.open(name));
        assertEquals(replaced.epoch(), newReader.epoch());
        assertEquals(List.of("quote"), newReader.regions().stream().map(RegionInfo::name).toList());
    }

    @Test
    void aSlotLeftHalfWrittenByADeadWriterIsReportedThenRepaired() throws Exception {
        try (StructuredSegment writer = StructuredSegment.create(name, SPEC)) {
            writer.value("quote", Quote.class).write(new Quote(4, "D", 4, 4));
        }
        long deadPid = deadProcessId();
        try (Segment raw = Segment.open(name)) {
            ByteBuffer bytes = raw.buffer();
            bytes.putLong(HeaderDescriptor.WRITER_PID_OFFSET, deadPid);
            int slot = (int) track(StructuredSegment.open(name)).regions().get(0).offset() + RegionDescriptor.HEADER_LENGTH;
            bytes.putLong(slot + RegionDescriptor.SLOT_SEQUENCE_OFFSET, bytes.getLong(slot) + 1); // odd: mid-write
        }
        StructuredSegment reader = track(StructuredSegment.open(name));
        assertFalse(reader.isWriterAlive());
        SegmentException e = assertThrows(SegmentException.class, () -> reader.value("quote", Quote.class).read());
        assertEquals(Reason.WRITER_DEAD, e.reason());
        assertTrue(e.getMessage().contains("its writer (pid " + deadPid + ") died while writing a slot"), e.getMessage());

        StructuredSegment newWriter = track(StructuredSegment.attachWriter(name, SPEC));
        assertNull(reader.value("quote", Quote.class).read(), "the half-written value is emptied, never returned torn");
        newWriter.value("quote", Quote.class).write(new Quote(5, "E", 5, 5));
        assertEquals(new Quote(5, "E", 5, 5), reader.value("quote", Quote.class).read());
        assertEquals(1, reader.segment().buffer().getLong((int) reader.regions().get(0).offset()
                + RegionDescriptor.REPAIRS_OFFSET), "the repair is counted in the region header");
    }

    @Test
    void aSegmentStillBeingFormattedIsNotReady() {
        try (Segment raw = Segment.create(name, 4096)) {
            raw.putBytes(0, HeaderDescriptor.MAGIC, 0, 4);
            SegmentException e = assertThrows(SegmentException.class, () -> StructuredSegment.open(name));
            assertEquals(Reason.NOT_READY, e.reason());
        }
    }

    @Test
    void aPlainSegmentIsNotMistakenForAStructuredOne() {
        try (Segment raw = Segment.create(name, 4096)) {
            raw.putBytes(0, "JUNK".getBytes(), 0, 4);
            SegmentException e = assertThrows(SegmentException.class, () -> StructuredSegment.open(name));
            assertEquals(Reason.CORRUPT, e.reason());
            assertTrue(e.getMessage().contains("magic is 0x4a554e4b, expected 0x4e53484d ('NSHM')"), e.getMessage());
        }
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static final class Recorder implements RingHandler<Event> {
        final List<Long> numbers = new ArrayList<>();
        final List<String> losses = new ArrayList<>();

        @Override
        public void onRecord(long sequence, Event record) {
            assertEquals(sequence, record.number());
            numbers.add(sequence);
        }

        @Override
        public void onLoss(long firstLost, long count) {
            losses.add("lost " + firstLost + ".." + (firstLost + count - 1));
        }
    }
}
