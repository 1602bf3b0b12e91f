/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.structured.FuzzedSegments.Quote;
import io.github.nativeshm.testing.Closeables;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.github.nativeshm.structured.FuzzedSegments.BOOK;
import static io.github.nativeshm.structured.FuzzedSegments.QUOTE;
import static io.github.nativeshm.structured.FuzzedSegments.SPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer owns its slots: a slot left odd by a foreign write (here through a separate
 * read-write mapping, as another process would) is repaired by the live writer, counted and
 * logged once, instead of timing out its own writes and every read forever.
 */
@ExtendWith(TestSegments.class)
class WriterRepairTest {
    @RegisterExtension
    final Closeables closeables = new Closeables();
    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();
    private final List<String> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(StructuredSegment.class.getName());
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage().contains("segment '" + name + "'")) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private StructuredSegment writer;
    private StructuredSegment reader;

    @BeforeEach
    void createAndAttach() {
        logger.addHandler(collector);
        writer = closeables.track(StructuredSegment.create(name, SPEC));
        FuzzedSegments.fill(writer);
        reader = closeables.track(StructuredSegment.open(name));
    }

    @AfterEach
    void removeTheHandler() {
        logger.removeHandler(collector);
    }

    @Test
    void slotsOddAtTwoSuccessiveChecksAreRepairedCountedAndLoggedOnce() {
        long value = flipOdd(QUOTE, 0);
        long element = flipOdd(BOOK, 2);

        assertEquals(0, writer.repairStuckSlots(), "odd once may be a write in progress");
        assertEquals(2, writer.repairStuckSlots(), "odd with the same sequence twice is corruption");
        assertEquals(0, writer.repairStuckSlots(), "nothing left to repair");
        assertEquals(1, repairs(QUOTE));
        assertEquals(1, repairs(BOOK));
        assertEquals(List.of(
                "WARNING segment '" + name + "': emptied slot 0 of region 'quote', left mid-write with sequence " + value
                        + ": it stayed odd across two checks by its writer (corruption, not a write in progress)",
                "WARNING segment '" + name + "': emptied slot 2 of region 'book', left mid-write with sequence " + element
                        + ": it stayed odd across two checks by its writer (corruption, not a write in progress)"),
                logged);

        assertNull(reader.value("quote", Quote.class).read(), "the corrupt value is emptied, never returned");
        assertNull(reader.array("book", Quote.class).read(2));
        writer.value("quote", Quote.class).write(new Quote(2, "NEW", 2, 2, true));
        writer.array("book", Quote.class).write(2, new Quote(3, "ASK", 3, 3, false));
        assertEquals(new Quote(2, "NEW", 2, 2, true), reader.value("quote", Quote.class).read());
        assertEquals(new Quote(3, "ASK", 3, 3, false), reader.array("book", Quote.class).read(2));

        flipOdd(QUOTE, 0);
        writer.repairStuckSlots();
        assertEquals(1, writer.repairStuckSlots());
        assertEquals(2, repairs(QUOTE), "every repair is counted");
        assertEquals(2, logged.size(), "but each slot is logged once");
    }

    @Test
    void aSlotWhoseSequenceMovesBetweenChecksIsAWriteInProgress() {
        long first = flipOdd(BOOK, 1);
        assertEquals(0, writer.repairStuckSlots());
        setSequence(BOOK, 1, first + 2); // odd again, but another write: the slot is in use
        assertEquals(0, writer.repairStuckSlots());
        assertEquals(1, writer.repairStuckSlots(), "then it stayed");
    }

    @Test
    void theWriterReadingItsOwnStuckSlotRepairsItInsteadOfTimingOut() {
        flipOdd(BOOK, 0);
        long start = System.nanoTime();
        assertNull(writer.array("book", Quote.class).read(0), "emptied after the stall timeout");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 900, "repaired only after the stall timeout, not at once: " + millis + " ms");
        assertEquals(1, repairs(BOOK));
        assertTrue(logged.get(0).endsWith("it stayed odd for over 1000 ms while its writer read it"), logged.toString());
        assertNull(reader.array("book", Quote.class).read(0));
    }

    @Test
    void onlyTheWriterRepairs() {
        SegmentException e = assertThrows(SegmentException.class, reader::repairStuckSlots);
        assertEquals(Reason.NOT_WRITER, e.reason());
        assertEquals("cannot repair segment '" + name + "': this process is not its writer (only its writer may repair)",
                e.getMessage());
    }

    /** Makes a slot's sequence odd through a mapping of its own, as a foreign process would; returns it. */
    private long flipOdd(int region, int index) {
        try (Segment raw = Segment.open(name)) {
            long sequence = raw.getLong(slot(region, index)) | 1;
            raw.putLong(slot(region, index), sequence);
            return sequence;
        }
    }

    private void setSequence(int region, int index, long sequence) {
        try (Segment raw = Segment.open(name)) {
            raw.putLong(slot(region, index), sequence);
        }
    }

    private long repairs(int region) {
        return reader.segment().getLong(reader.regions().get(region).offset() + RegionDescriptor.REPAIRS_OFFSET);
    }

    private int slot(int region, int index) {
        RegionInfo info = reader.regions().get(region);
        return (int) (info.offset() + RegionDescriptor.HEADER_LENGTH + index * RegionDescriptor.slotStride(info.elementSize()))
                + RegionDescriptor.SLOT_SEQUENCE_OFFSET;
    }
}
