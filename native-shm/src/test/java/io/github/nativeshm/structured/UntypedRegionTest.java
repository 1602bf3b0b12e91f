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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regions read through the layout descriptions the segment carries, without the record classes. */
@ExtendWith(TestSegments.class)
class UntypedRegionTest {
    public record Level(long price, int quantity, @Fixed(8) String venue) {
    }

    public record Book(@Fixed(12) String symbol, Level best, @Fixed(2) Level[] levels, @Fixed(3) short[] lots,
                       boolean open, float ratio, char flag) {
    }

    public record Event(long number, @Fixed(16) String text) {
    }

    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("book", Book.class)
            .array("levels", Level.class, 4)
            .ring("events", Event.class, 4)
            .raw("scratch", 16)
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
    void readsValuesAndArraySlotsAsMapsOfFields() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        StructuredSegment reader = track(StructuredSegment.open(name));
        UntypedRegion book = UntypedRegion.of(reader, "book");
        assertEquals(Layout.of(Book.class).canonical(), book.layout().canonical());
        assertNull(book.read(0), "never written");
        assertFalse(book.isOccupied(0));

        writer.value("book", Book.class).write(new Book("ACME \u20ac", new Level(1250, 7, "XNAS"),
                new Level[] {new Level(1249, 1, "A"), new Level(1248, 2, "B")}, new short[] {1, -2, 3}, true, 0.5f, 'x'));
        Map<String, Object> read = book.read(0);
        assertEquals(Map.of("symbol", "ACME \u20ac", "best", level(1250, 7, "XNAS"),
                "levels", List.of(level(1249, 1, "A"), level(1248, 2, "B")), "lots", List.of(1, -2, 3),
                "open", true, "ratio", 0.5, "flag", (int) 'x'), read);
        assertEquals(List.of("symbol", "best", "levels", "lots", "open", "ratio", "flag"), List.copyOf(read.keySet()));
        assertTrue(book.isOccupied(0));

        SharedArray<Level> levels = writer.array("levels", Level.class);
        levels.write(2, new Level(5, 6, "Z"));
        UntypedRegion untypedLevels = UntypedRegion.of(reader, "levels");
        assertEquals(level(5, 6, "Z"), untypedLevels.read(2));
        assertNull(untypedLevels.read(3));
        assertEquals(List.of(false, false, true, false), List.of(untypedLevels.isOccupied(0),
                untypedLevels.isOccupied(1), untypedLevels.isOccupied(2), untypedLevels.isOccupied(3)));
        assertThrows(IndexOutOfBoundsException.class, () -> untypedLevels.read(4));
        assertThrows(IllegalStateException.class, untypedLevels::writePosition);
    }

    @Test
    void aCursorFollowsTheRingAndReportsWhatItLost() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        UntypedRegion events = UntypedRegion.of(track(StructuredSegment.open(name)), "events");
        RingReader<Map<String, Object>> fromStart = events.readerAt(0);
        EventRing<Event> ring = writer.ring("events", Event.class);
        for (long number = 0; number < 6; number++) {
            ring.append(new Event(number, "event " + number));
        }
        assertEquals(6, events.writePosition());
        assertEquals(6, fromStart.available());

        List<String> seen = new ArrayList<>();
        RingHandler<Map<String, Object>> handler = new RingHandler<>() {
            @Override
            public void onRecord(long sequence, Map<String, Object> record) {
                seen.add(sequence + " " + record);
            }

            @Override
            public void onLoss(long firstLost, long count) {
                seen.add("lost " + firstLost + "+" + count);
            }
        };
        assertEquals(3, fromStart.poll(handler, 3));
        assertEquals(List.of("lost 0+2", "2 {number=2, text=event 2}", "3 {number=3, text=event 3}",
                "4 {number=4, text=event 4}"), seen, "a new reader resumes at the oldest record the ring holds");
        assertEquals(List.of(5L, 2L), List.of(fromStart.position(), fromStart.lost()));

        seen.clear();
        RingReader<Map<String, Object>> oldest = events.reader(EventRing.Start.OLDEST);
        RingReader<Map<String, Object>> newest = events.reader(EventRing.Start.NEWEST);
        ring.append(new Event(6, "event 6"));
        assertEquals(1, newest.poll(handler, 10));
        assertEquals(4, oldest.poll(handler, 10));
        assertEquals(List.of("6 {number=6, text=event 6}", "lost 2+1", "3 {number=3, text=event 3}",
                "4 {number=4, text=event 4}", "5 {number=5, text=event 5}", "6 {number=6, text=event 6}"), seen,
                "the oldest cursor started at 2, which the append overwrote before its first look");
        assertThrows(IllegalStateException.class, () -> events.read(0), "a ring has no slots to read by index");
    }

    @Test
    void aReaderWaitingForAChangeWakesWhenTheWriterWrites() throws Exception {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        UntypedRegion levels = UntypedRegion.of(track(StructuredSegment.open(name)), "levels");
        int seen = levels.changeCount();
        assertEquals(seen, levels.awaitChange(seen, Duration.ofMillis(20)), "nothing changed: timed out");
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(
                () -> levels.awaitChange(seen, Duration.ofSeconds(20)));
        Thread.sleep(100);
        writer.array("levels", Level.class).write(0, new Level(1, 1, "W"));
        assertEquals(seen + 1, waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void rawAndMissingRegionsAreRefused() {
        StructuredSegment reader = track(StructuredSegment.create(name, SPEC));
        SegmentException raw = assertThrows(SegmentException.class, () -> UntypedRegion.of(reader, "scratch"));
        assertEquals(Reason.NO_SUCH_REGION, raw.reason());
        assertTrue(raw.getMessage().endsWith("(region 'scratch' is RAW, which holds bytes, not structs)"), raw.getMessage());
        SegmentException missing = assertThrows(SegmentException.class, () -> UntypedRegion.of(reader, "nope"));
        assertEquals("cannot use segment '" + name + "': no such region (no region 'nope'; it has book, levels, events,"
                + " scratch)", missing.getMessage());
    }

    @Test
    void aDescriptionThatHashesRightButPlacesFieldsWronglyIsCorrupt() {
        track(StructuredSegment.create(name, SPEC));
        try (Segment segment = Segment.open(name)) {
            ByteBuffer buffer = segment.buffer();
            int entry = DirectoryDescriptor.entryOffset(HeaderDescriptor.LENGTH, 2); // events
            int at = (int) buffer.getLong(entry + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET);
            byte[] text = new byte[buffer.getInt(entry + DirectoryDescriptor.DESCRIPTION_LENGTH_OFFSET)];
            buffer.get(at, text);
            String forged = new String(text, StandardCharsets.UTF_8).replace("text@8", "text@9");
            buffer.put(at, forged.getBytes(StandardCharsets.UTF_8));
            buffer.putLong(entry + DirectoryDescriptor.FINGERPRINT_OFFSET, Layout.fingerprintOf(forged));
        }
        StructuredSegment reader = track(StructuredSegment.open(name));
        SegmentException corrupt = assertThrows(SegmentException.class, () -> UntypedRegion.of(reader, "events"));
        assertEquals(Reason.CORRUPT, corrupt.reason());
        assertTrue(corrupt.getMessage().startsWith("cannot read segment '" + name + "': the segment is corrupt (region"
                + " 'events': invalid layout description: member Event.text is at offset 9, but C places it at 8"),
                corrupt.getMessage());
    }

    private static Map<String, Object> level(long price, int quantity, String venue) {
        return Map.of("price", price, "quantity", quantity, "venue", venue);
    }
}
