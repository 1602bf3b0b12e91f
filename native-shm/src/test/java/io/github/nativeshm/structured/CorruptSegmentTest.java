/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.structured.FuzzedSegments.Event;
import io.github.nativeshm.structured.FuzzedSegments.Quote;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static io.github.nativeshm.structured.DirectoryDescriptor.*;
import static io.github.nativeshm.structured.FuzzedSegments.BOOK;
import static io.github.nativeshm.structured.FuzzedSegments.EVENTS;
import static io.github.nativeshm.structured.FuzzedSegments.QUOTE;
import static io.github.nativeshm.structured.FuzzedSegments.SCRATCH;
import static io.github.nativeshm.structured.FuzzedSegments.SPEC;
import static io.github.nativeshm.structured.HeaderDescriptor.*;
import static io.github.nativeshm.structured.RegionDescriptor.SLOT_HEADER_LENGTH;
import static io.github.nativeshm.structured.RegionDescriptor.SLOT_SEQUENCE_OFFSET;
import static io.github.nativeshm.structured.RegionDescriptor.WRITE_POSITION_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Segments whose bytes were damaged after a valid create: every broken header field, directory
 * entry and layout description makes {@link StructuredSegment#open} fail with the exact reason and a
 * message naming the field and its value; damaged region content (ring positions, slot sequences,
 * struct bytes) makes reads fail the same way, time out, or return replacement characters, and
 * never crash, hang or throw anything else.
 */
@ExtendWith(TestSegments.class)
class CorruptSegmentTest {
    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The valid segment's regions and logical size, as created. */
    private List<RegionInfo> regions;
    private long size;

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    // ---- header ---------------------------------------------------------------------------------

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows reports a mapping's size rounded up to a page")
    @ParameterizedTest
    @ValueSource(ints = {1, 64, 127})
    void aSegmentSmallerThanTheHeaderIsCorrupt(int bytes) {
        track(Segment.create(name, bytes));
        assertOpenFails(Reason.CORRUPT, "it has " + bytes + " bytes, fewer than the 128-byte header");
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows reports a mapping's size rounded up to a page")
    @Test
    void aValidImageCutShortSaysItsSizeIsPastTheMapping() {
        createValid();
        byte[] image = image();
        TestSegments.unlinkIfPresent(name);
        int cut = image.length / 2;
        Segment truncated = track(Segment.create(name, cut));
        truncated.putBytes(0, image, 0, cut);
        assertOpenFails(Reason.CORRUPT, "segment size " + size + " is outside 128.." + cut + " (the mapped length)");
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows reports a mapping's size rounded up to a page")
    @ParameterizedTest
    @ValueSource(longs = {1, 4096, Long.MAX_VALUE})
    void aHeaderSizeBeyondTheMappingIsCorrupt(long excess) {
        createValid();
        long claimed = excess == Long.MAX_VALUE ? Long.MAX_VALUE : size + excess;
        corrupt(raw -> raw.putLong(SEGMENT_SIZE_OFFSET, claimed));
        assertOpenFails(Reason.CORRUPT, "segment size " + claimed + " is outside 128.." + size + " (the mapped length)");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 127, -1, Long.MIN_VALUE})
    void aHeaderSizeBelowTheHeaderIsCorrupt(long claimed) {
        createValid();
        corrupt(raw -> raw.putLong(SEGMENT_SIZE_OFFSET, claimed));
        assertOpenFails(Reason.CORRUPT, "segment size " + claimed + " is outside 128.." + size);
    }

    @Test
    void aHeaderSizeThatCutsTheDirectoryIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(SEGMENT_SIZE_OFFSET, 200));
        assertOpenFails(Reason.CORRUPT, "the directory of 4 regions ends at 640, past the segment size 200");
    }

    @Test
    void aWrongMagicIsNotAStructuredSegment() {
        createValid();
        corrupt(raw -> raw.putBytes(MAGIC_OFFSET, "JUNK".getBytes(StandardCharsets.US_ASCII), 0, 4));
        assertOpenFails(Reason.CORRUPT, "magic is 0x4a554e4b, expected 0x4e53484d ('NSHM'): not a native-shm structured segment");
    }

    @Test
    void aZeroMagicInAReadySegmentIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putInt(MAGIC_OFFSET, 0));
        assertOpenFails(Reason.CORRUPT, "magic is 0x00000000, expected 0x4e53484d");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xFFFF})
    void anUnsupportedFormatVersionIsCorrupt(int version) {
        createValid();
        corrupt(raw -> raw.buffer().putShort(VERSION_OFFSET, (short) version));
        assertOpenFails(Reason.CORRUPT, "format version " + version + " is not supported (this library reads 1)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 64, 129, 0xFFFF})
    void aWrongHeaderLengthIsCorrupt(int length) {
        createValid();
        corrupt(raw -> raw.buffer().putShort(HEADER_LENGTH_OFFSET, (short) length));
        assertOpenFails(Reason.CORRUPT, "header length " + length + ", expected 128");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void anUnknownStateIsCorrupt(int state) {
        createValid();
        corrupt(raw -> raw.putInt(STATE_OFFSET, state));
        assertOpenFails(Reason.CORRUPT, "state " + state + " is unknown");
    }

    @Test
    void theFormattingStateIsNotReadyRatherThanCorrupt() {
        createValid();
        corrupt(raw -> raw.putInt(STATE_OFFSET, STATE_FORMATTING));
        assertOpenFails(Reason.NOT_READY, "its creator is still formatting it");
        corrupt(raw -> raw.putInt(MAGIC_OFFSET, 0)); // a blank header: the creator has not even written the magic
        assertOpenFails(Reason.NOT_READY, "its creator is still formatting it");
    }

    @Test
    void aRetiredSegmentStillOpens() {
        createValid();
        corrupt(raw -> raw.putInt(STATE_OFFSET, STATE_RETIRED));
        StructuredSegment reader = track(StructuredSegment.open(name));
        assertTrue(reader.isRetired());
        assertEquals(new Quote(1, "ACME", 12.5, 300, true), reader.value("quote", Quote.class).read());
    }

    @Test
    void aZeroEpochIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(EPOCH_OFFSET, 0));
        assertOpenFails(Reason.CORRUPT, "epoch is 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1025, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aRegionCountOutsideTheLimitsIsCorrupt(int count) {
        createValid();
        corrupt(raw -> raw.putInt(REGION_COUNT_OFFSET, count));
        assertOpenFails(Reason.CORRUPT, "region count " + count + " is outside 1..1024");
    }

    @Test
    void aHugeRegionCountPutsTheDirectoryPastTheEnd() {
        createValid();
        corrupt(raw -> raw.putInt(REGION_COUNT_OFFSET, MAX_REGIONS));
        assertOpenFails(Reason.CORRUPT, "the directory of 1024 regions ends at 131200, past the segment size " + size);
    }

    @Test
    void oneRegionMoreThanWrittenMovesTheDescriptionAreaPastTheFirstDescription() {
        createValid();
        corrupt(raw -> raw.putInt(REGION_COUNT_OFFSET, 5));
        // the directory now ends at 768, so the description area starts there, after the first description
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): layout description (offset 640, length "
                + description(QUOTE).length + ") is not inside the description area 768.." + region(QUOTE).offset());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 64, 256, -128, Long.MAX_VALUE, Long.MIN_VALUE})
    void aDirectoryOffsetOtherThanAfterTheHeaderIsCorrupt(long offset) {
        createValid();
        corrupt(raw -> raw.putLong(DIRECTORY_OFFSET_OFFSET, offset));
        assertOpenFails(Reason.CORRUPT, "directory offset " + offset + ", expected 128");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 96, 256, -1})
    void aWrongDirectoryEntryLengthIsCorrupt(int length) {
        createValid();
        corrupt(raw -> raw.putInt(DIRECTORY_ENTRY_LENGTH_OFFSET, length));
        assertOpenFails(Reason.CORRUPT, "directory entry length " + length + ", expected 128");
    }

    // ---- directory entries: where regions are ----------------------------------------------------

    @Test
    void aRegionOffsetOfLongMaxIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(BOOK, REGION_OFFSET_OFFSET), Long.MAX_VALUE));
        assertOpenFails(Reason.CORRUPT, "region book starts at 9223372036854775807; regions start on a 64-byte boundary"
                + " at or after " + end(QUOTE));
    }

    @Test
    void aFirstRegionOffsetOfLongMaxIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(QUOTE, REGION_OFFSET_OFFSET), Long.MAX_VALUE));
        assertOpenFails(Reason.CORRUPT, "region quote starts at 9223372036854775807; regions start on a 64-byte boundary"
                + " at or after 640");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -64, -1, Long.MIN_VALUE})
    void aRegionOffsetThatIsNotPositiveIsCorrupt(long offset) {
        createValid();
        corrupt(raw -> raw.putLong(entry(BOOK, REGION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): offset " + offset + " is not positive");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 32, 63})
    void aRegionOffsetOffTheAlignmentIsCorrupt(int misalignment) {
        createValid();
        long offset = region(EVENTS).offset() + misalignment;
        corrupt(raw -> raw.putLong(entry(EVENTS, REGION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "region events starts at " + offset + "; regions start on a 64-byte boundary"
                + " at or after " + end(BOOK));
    }

    @Test
    void aRegionOverlappingThePreviousOneIsCorrupt() {
        createValid();
        long offset = region(QUOTE).offset();
        corrupt(raw -> raw.putLong(entry(BOOK, REGION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "region book starts at " + offset + "; regions start on a 64-byte boundary"
                + " at or after " + end(QUOTE));
    }

    @Test
    void aRegionOverTheDirectoryLeavesNoRoomForTheDescriptions() {
        createValid();
        corrupt(raw -> raw.putLong(entry(QUOTE, REGION_OFFSET_OFFSET), 128));
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): layout description (offset 640, length "
                + description(QUOTE).length + ") is not inside the description area 640..128");
    }

    @Test
    void aRegionGrownTogetherWithItsCapacityOverlapsTheNextOne() {
        createValid();
        long stride = RegionDescriptor.slotStride(Layout.of(Quote.class).size());
        corrupt(raw -> {
            raw.putLong(entry(BOOK, CAPACITY_OFFSET), 5);
            raw.putLong(entry(BOOK, REGION_LENGTH_OFFSET), region(BOOK).length() + stride);
        });
        assertOpenFails(Reason.CORRUPT, "region events starts at " + region(EVENTS).offset()
                + "; regions start on a 64-byte boundary at or after " + (end(BOOK) + stride));
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 40, 1L << 62})
    void aRegionOffsetPastTheEndIsCorrupt(long offset) {
        createValid();
        corrupt(raw -> raw.putLong(entry(BOOK, REGION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "region book (offset " + offset + ", length " + region(BOOK).length()
                + ") ends past the segment size " + size);
    }

    @Test
    void theLastRegionEndingPastTheSegmentIsCorrupt() {
        createValid();
        long offset = region(SCRATCH).offset() + 64;
        corrupt(raw -> raw.putLong(entry(SCRATCH, REGION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "region scratch (offset " + offset + ", length 100) ends past the segment size " + size);
    }

    // ---- directory entries: what regions hold -----------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {8, -8, 1})
    void aRegionLengthNotMatchingCapacityTimesStrideIsCorrupt(long delta) {
        createValid();
        long expected = region(BOOK).length();
        corrupt(raw -> raw.putLong(entry(BOOK, REGION_LENGTH_OFFSET), expected + delta));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): length " + (expected + delta)
                + " does not match capacity 4 of 40-byte elements (expected " + expected + ")");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE})
    void anAbsurdRegionLengthIsCorrupt(long length) {
        createValid();
        corrupt(raw -> raw.putLong(entry(EVENTS, REGION_LENGTH_OFFSET), length));
        assertOpenFails(Reason.CORRUPT, "directory entry 2 ('events'): length " + length + " does not match capacity 8 of "
                + Layout.of(Event.class).size() + "-byte elements (expected " + region(EVENTS).length() + ")");
    }

    @Test
    void aRawRegionLengthNotMatchingItsCapacityIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(SCRATCH, REGION_LENGTH_OFFSET), 99));
        assertOpenFails(Reason.CORRUPT, "directory entry 3 ('scratch'): length 99 does not match capacity 100 of 1-byte"
                + " elements (expected 100)");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -4, Long.MIN_VALUE})
    void anArrayCapacityBelowOneIsCorrupt(long capacity) {
        createValid();
        corrupt(raw -> raw.putLong(entry(BOOK, CAPACITY_OFFSET), capacity));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): capacity " + capacity
                + " is not valid for a ARRAY region (value: 1, ring: a power of two)");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 3, 6, 7, 9, Long.MAX_VALUE, Long.MIN_VALUE})
    void aRingCapacityThatIsNotAPositivePowerOfTwoIsCorrupt(long capacity) {
        createValid();
        corrupt(raw -> raw.putLong(entry(EVENTS, CAPACITY_OFFSET), capacity));
        assertOpenFails(Reason.CORRUPT, "directory entry 2 ('events'): capacity " + capacity
                + " is not valid for a RING region (value: 1, ring: a power of two)");
    }

    @Test
    void aValueCapacityOtherThanOneIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(QUOTE, CAPACITY_OFFSET), 2));
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): capacity 2 is not valid for a VALUE region");
    }

    @Test
    void aRingCapacityDoubledWithoutItsLengthIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(EVENTS, CAPACITY_OFFSET), 16));
        assertOpenFails(Reason.CORRUPT, "directory entry 2 ('events'): length " + region(EVENTS).length()
                + " does not match capacity 16 of " + Layout.of(Event.class).size() + "-byte elements (expected "
                + RegionDescriptor.slottedLength(Layout.of(Event.class).size(), 16) + ")");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void anElementSizeBelowOneIsCorrupt(int elementSize) {
        createValid();
        corrupt(raw -> raw.putInt(entry(BOOK, ELEMENT_SIZE_OFFSET), elementSize));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): element size " + elementSize
                + " is not valid for a ARRAY region");
    }

    @Test
    void aHugeElementSizeDoesNotMatchTheLength() {
        createValid();
        corrupt(raw -> raw.putInt(entry(BOOK, ELEMENT_SIZE_OFFSET), Integer.MAX_VALUE));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): length " + region(BOOK).length()
                + " does not match capacity 4 of 2147483647-byte elements (expected "
                + RegionDescriptor.slottedLength(Integer.MAX_VALUE, 4) + ")");
    }

    @Test
    void aRawRegionWithElementsWiderThanAByteIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putInt(entry(SCRATCH, ELEMENT_SIZE_OFFSET), 2));
        assertOpenFails(Reason.CORRUPT, "directory entry 3 ('scratch'): element size 2 is not valid for a RAW region");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1, Integer.MAX_VALUE})
    void anUnknownKindIsCorrupt(int kind) {
        createValid();
        corrupt(raw -> raw.putInt(entry(BOOK, KIND_OFFSET), kind));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): kind " + kind
                + " is not 1 (value), 2 (array), 3 (ring) or 4 (raw)");
    }

    @Test
    void aStructRegionTurnedRawIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putInt(entry(QUOTE, KIND_OFFSET), RegionKind.RAW.code()));
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): element size 40 is not valid for a RAW region");
    }

    @Test
    void aRingTurnedArrayOpensButIsRefusedAsARing() {
        createValid();
        corrupt(raw -> raw.putInt(entry(EVENTS, KIND_OFFSET), RegionKind.ARRAY.code()));
        StructuredSegment reader = track(StructuredSegment.open(name));
        SegmentException e = assertThrows(SegmentException.class, () -> reader.ring("events", Event.class));
        assertEquals(Reason.NO_SUCH_REGION, e.reason());
        assertTrue(e.getMessage().contains("region 'events' is ARRAY, not RING"), e.getMessage());
        SharedArray<Event> asArray = reader.array("events", Event.class);
        assertEquals(8, asArray.capacity());
        assertEquals("event 1", asArray.read(1).text(), "the slots are stable structs, whatever the kind claims");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "with space", "tab\t", "ünïcödé", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void anInvalidRegionNameIsCorrupt(String bad) {
        createValid();
        byte[] bytes = Arrays.copyOf(bad.getBytes(StandardCharsets.UTF_8), NAME_LENGTH);
        corrupt(raw -> raw.putBytes(entry(BOOK, NAME_OFFSET), bytes, 0, NAME_LENGTH));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('" + bad + "'): region name '" + bad
                + "' must be 1-31 characters from A-Z a-z 0-9 _ . -");
    }

    @Test
    void aRegionNameThatIsNotUtf8IsCorruptAndShownWithReplacementCharacters() {
        createValid();
        byte[] bytes = new byte[NAME_LENGTH];
        bytes[0] = (byte) 0xFF;
        bytes[1] = 'a';
        bytes[2] = (byte) 0xC3; // a lead byte without its continuation
        corrupt(raw -> raw.putBytes(entry(BOOK, NAME_OFFSET), bytes, 0, NAME_LENGTH));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('\uFFFDa\uFFFD'): region name '\uFFFDa\uFFFD' must be 1-31");
    }

    @Test
    void aDuplicateRegionNameIsCorrupt() {
        createValid();
        byte[] bytes = Arrays.copyOf("quote".getBytes(StandardCharsets.US_ASCII), NAME_LENGTH);
        corrupt(raw -> raw.putBytes(entry(BOOK, NAME_OFFSET), bytes, 0, NAME_LENGTH));
        assertOpenFails(Reason.CORRUPT, "region name 'quote' is used by an earlier entry");
    }

    // ---- layout descriptions ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 128, 639, -1, Long.MAX_VALUE, Long.MIN_VALUE})
    void aDescriptionOffsetOutsideTheAreaIsCorrupt(long offset) {
        createValid();
        corrupt(raw -> raw.putLong(entry(BOOK, DESCRIPTION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "directory entry 1 ('book'): layout description (offset " + offset + ", length "
                + description(BOOK).length + ") is not inside the description area 640.." + region(QUOTE).offset());
    }

    @Test
    void aDescriptionRunningIntoTheFirstRegionIsCorrupt() {
        createValid();
        long offset = region(QUOTE).offset() - description(BOOK).length + 1;
        corrupt(raw -> raw.putLong(entry(BOOK, DESCRIPTION_OFFSET_OFFSET), offset));
        assertOpenFails(Reason.CORRUPT, "layout description (offset " + offset + ", length " + description(BOOK).length
                + ") is not inside the description area 640.." + region(QUOTE).offset());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, MAX_DESCRIPTION_LENGTH + 1, Integer.MAX_VALUE})
    void aDescriptionLengthOutsideTheAreaIsCorrupt(int length) {
        createValid();
        corrupt(raw -> raw.putInt(entry(EVENTS, DESCRIPTION_LENGTH_OFFSET), length));
        assertOpenFails(Reason.CORRUPT, "directory entry 2 ('events'): layout description (offset "
                + descriptionOffset(EVENTS) + ", length " + length + ") is not inside the description area 640..");
    }

    @Test
    void aDescriptionThatIsNotUtf8IsCorrupt() {
        createValid();
        corrupt(raw -> raw.putByte(descriptionOffset(QUOTE) + 3, (byte) 0xFF));
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): layout description is not UTF-8");
    }

    @Test
    void aDescriptionNotMatchingTheFingerprintIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putByte(descriptionOffset(QUOTE), (byte) 'R')); // "Quote{..." becomes "Ruote{..."
        assertOpenFails(Reason.CORRUPT, "directory entry 0 ('quote'): layout description does not hash to the fingerprint "
                + String.format("0x%016x", Layout.of(Quote.class).fingerprint()));
    }

    @Test
    void aFingerprintNotMatchingTheDescriptionIsCorrupt() {
        createValid();
        corrupt(raw -> raw.putLong(entry(EVENTS, FINGERPRINT_OFFSET), 0x1234_5678_9abc_def0L));
        assertOpenFails(Reason.CORRUPT, "directory entry 2 ('events'): layout description does not hash to the"
                + " fingerprint 0x123456789abcdef0");
    }

    @Test
    void aConsistentlyRewrittenLayoutOpensButIsALayoutMismatch() {
        createValid();
        byte[] changed = description(QUOTE).clone();
        changed[0] = 'R';
        long fingerprint = Layout.fingerprintOf(new String(changed, StandardCharsets.UTF_8));
        corrupt(raw -> {
            raw.putBytes(descriptionOffset(QUOTE), changed, 0, changed.length);
            raw.putLong(entry(QUOTE, FINGERPRINT_OFFSET), fingerprint);
        });
        StructuredSegment reader = track(StructuredSegment.open(name));
        SegmentException e = assertThrows(SegmentException.class, () -> reader.value("quote", Quote.class));
        assertEquals(Reason.LAYOUT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains(String.format("region 'quote' holds Quote (40 bytes, fingerprint 0x%016x), not "
                + Layout.of(Quote.class).describe(), fingerprint)), e.getMessage());
    }

    @Test
    void aRawRegionWithADescriptionIsCorrupt() {
        createValid();
        corrupt(raw -> {
            raw.putLong(entry(SCRATCH, DESCRIPTION_OFFSET_OFFSET), 640);
            raw.putInt(entry(SCRATCH, DESCRIPTION_LENGTH_OFFSET), 1);
        });
        assertOpenFails(Reason.CORRUPT, "directory entry 3 ('scratch'): a raw region has no layout description,"
                + " but offset 640 length 1");
    }

    // ---- region content, after open ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 62})
    void aRingWritePositionOutOfRangeIsCorrupt(long position) {
        StructuredSegment writer = createValidKeepingTheWriter();
        EventRing<Event> ring = track(StructuredSegment.open(name)).ring("events", Event.class);
        RingReader<Event> following = ring.reader(EventRing.Start.OLDEST);
        writer.segment().putLong(region(EVENTS).offset() + WRITE_POSITION_OFFSET, position);

        String detail = "region 'events' of segment '" + name + "': write position " + position
                + " is outside 0..4611686018427387904";
        assertCorrupt(assertThrows(SegmentException.class, ring::writePosition), detail);
        assertCorrupt(assertThrows(SegmentException.class, () -> ring.reader(EventRing.Start.OLDEST)), detail);
        assertCorrupt(assertThrows(SegmentException.class, () -> following.poll(new Recorder(), 100)), detail);
        assertCorrupt(assertThrows(SegmentException.class, following::available), detail);

        UntypedRegion untyped = UntypedRegion.of(track(StructuredSegment.open(name)), "events");
        assertCorrupt(assertThrows(SegmentException.class, untyped::writePosition), detail);
        assertCorrupt(assertThrows(SegmentException.class, () -> untyped.reader(EventRing.Start.NEWEST)), detail);
        RingReader<Map<String, Object>> untypedFollowing = untyped.readerAt(0);
        assertCorrupt(assertThrows(SegmentException.class, () -> untypedFollowing.poll(new MapRecorder(), 100)), detail);

        EventRing<Event> writing = writer.ring("events", Event.class);
        for (Executable append : List.<Executable>of(() -> writing.append(FuzzedSegments.event(9)),
                () -> writing.append((buffer, offset) -> buffer.putLong(offset, 9)),
                () -> writing.appendQuietly((buffer, offset) -> buffer.putLong(offset, 9)))) {
            SegmentException e = assertThrows(SegmentException.class, append);
            assertEquals(Reason.CORRUPT, e.reason());
            assertEquals("cannot append to segment '" + name + "': the segment is corrupt (" + detail + ")", e.getMessage());
        }
        assertEquals(position, writer.segment().getLong(region(EVENTS).offset() + WRITE_POSITION_OFFSET),
                "a refused append leaves the ring as it was");
    }

    @Test
    void randomRingPositionsAndSequencesReadAsRecordsLossesOrCorruptNeverAnythingElse() {
        StructuredSegment writer = createValidKeepingTheWriter();
        StructuredSegment reader = track(StructuredSegment.open(name));
        EventRing<Event> ring = reader.ring("events", Event.class);
        UntypedRegion untyped = UntypedRegion.of(reader, "events");
        long position = region(EVENTS).offset() + WRITE_POSITION_OFFSET;
        Random random = new Random(20261207);
        int corrupt = 0;
        int records = 0;
        for (int round = 0; round < 3_000; round++) {
            long written = switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(64) - 8;
                case 2 -> RingReader.MAX_POSITION - random.nextInt(16) + 8;
                default -> random.nextInt(1 << 20);
            };
            writer.segment().putLong(position, written);
            for (int index = 0; index < 8; index++) {
                long sequence = random.nextBoolean() ? random.nextLong() : random.nextInt(2 * 64);
                writer.segment().putLong(slot(EVENTS, index) + SLOT_SEQUENCE_OFFSET, sequence);
            }
            int number = round;
            for (Executable read : List.<Executable>of(
                    () -> ring.reader(EventRing.Start.OLDEST).poll(new Recorder(false), 100),
                    () -> ring.readerAt(random.nextInt(64)).poll(new Recorder(false), 100),
                    () -> untyped.reader(EventRing.Start.OLDEST).poll(new MapRecorder(), 100),
                    () -> writer.ring("events", Event.class).append(FuzzedSegments.event(number)))) {
                try {
                    assertTimeoutPreemptively(Duration.ofSeconds(20), read);
                    records++;
                } catch (SegmentException e) {
                    assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
                    assertTrue(e.getMessage().contains("region 'events' of segment '" + name + "': "), e.getMessage());
                    corrupt++;
                }
            }
        }
        assertTrue(corrupt > 0 && records > 0, corrupt + " corrupt, " + records + " fine");
    }

    @Test
    void anAbsurdRingWritePositionMeetsSlotsThatDoNotHoldItsRecords() {
        StructuredSegment writer = createValidKeepingTheWriter();
        EventRing<Event> ring = track(StructuredSegment.open(name)).ring("events", Event.class);
        writer.segment().putLong(region(EVENTS).offset() + WRITE_POSITION_OFFSET, 1_000_000);

        RingReader<Event> oldest = ring.reader(EventRing.Start.OLDEST);
        assertEquals(999_992, oldest.position());
        assertCorrupt(assertThrows(SegmentException.class, () -> oldest.poll(new Recorder(), 100)),
                "region 'events' of segment '" + name + "': write position 1000000 lies past the last published record:"
                        + " the slot of record 999992 holds sequence 2, not 1999986");

        Recorder fromStart = new Recorder();
        assertCorrupt(assertThrows(SegmentException.class, () -> ring.readerAt(0).poll(fromStart, 100)),
                "the slot of record 999992 holds sequence 2, not 1999986");
        assertEquals(List.of("lost 0..999991"), fromStart.losses, "what lies before the ring's window is lost, and said so");
    }

    @Test
    void aRingWritePositionPastTheLastPublishedRecordIsCorruptAtTheFirstPoll() {
        // What `shm dump` met: five records published, the write position says seven. The slots of
        // records 5 and 6 hold 0, which alone reads as "not written yet"; below a write position
        // the reader has seen, it is corrupt, and the first poll says so instead of stopping quietly.
        StructuredSegment writer = createValidKeepingTheWriter();
        writer.segment().putLong(region(EVENTS).offset() + WRITE_POSITION_OFFSET, 7);
        String detail = "region 'events' of segment '" + name + "': write position 7 lies past the last published"
                + " record: the slot of record 5 holds sequence 0, not 12";

        Recorder typed = new Recorder();
        RingReader<Event> oldest = track(StructuredSegment.open(name)).ring("events", Event.class)
                .reader(EventRing.Start.OLDEST);
        assertCorrupt(assertThrows(SegmentException.class, () -> oldest.poll(typed, 100)), detail);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), typed.numbers, "the published records come first");
        assertEquals(List.of(), typed.losses, "and no loss is made up");

        UntypedRegion untyped = UntypedRegion.of(track(StructuredSegment.open(name)), "events");
        RingReader<Map<String, Object>> dump = untyped.reader(EventRing.Start.OLDEST); // as shm dump reads
        MapRecorder records = new MapRecorder();
        assertCorrupt(assertThrows(SegmentException.class, () -> {
            while (dump.position() < untyped.writePosition()) {
                if (dump.poll(records, 1024) == 0) {
                    fail("a poll that finds nothing below the write position " + untyped.writePosition());
                }
            }
        }), detail);
    }

    @Test
    void aRingWritePositionThatGoesBackIsCorrupt() {
        StructuredSegment writer = createValidKeepingTheWriter();
        RingReader<Event> reader = track(StructuredSegment.open(name)).ring("events", Event.class)
                .reader(EventRing.Start.OLDEST);
        Recorder recorder = new Recorder();
        assertEquals(5, reader.poll(recorder, 100));
        writer.segment().putLong(region(EVENTS).offset() + WRITE_POSITION_OFFSET, 3);
        assertCorrupt(assertThrows(SegmentException.class, () -> {
            for (int poll = 0; poll < 1024; poll++) { // the slot says "not yet"; the write position, every 1,024 looks
                reader.poll(recorder, 100);
            }
        }), "region 'events' of segment '" + name + "': write position 3 went back (this reader saw 5)");
    }

    @Test
    void aRingSlotSequenceBehindItsRecordIsCorrupt() {
        StructuredSegment writer = createValidKeepingTheWriter();
        RingReader<Event> reader = track(StructuredSegment.open(name)).ring("events", Event.class).reader(EventRing.Start.OLDEST);
        writer.segment().putLong(slot(EVENTS, 2) + SLOT_SEQUENCE_OFFSET, 0);
        Recorder recorder = new Recorder();
        // Sequence 0 is what the slot held before its first record: on its own it reads as "not
        // yet"; below the write position the reader saw at its first look, it is corrupt.
        assertCorrupt(assertThrows(SegmentException.class, () -> reader.poll(recorder, 100)),
                "write position 5 lies past the last published record: the slot of record 2 holds sequence 0, not 6");
        assertEquals(List.of(0L, 1L), recorder.numbers);
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 40, 7})
    void aRingSlotSequenceAheadOfItsRecordReadsAsALostRecordNeverAHang(long sequence) {
        StructuredSegment writer = createValidKeepingTheWriter();
        RingReader<Event> reader = track(StructuredSegment.open(name)).ring("events", Event.class).reader(EventRing.Start.OLDEST);
        writer.segment().putLong(slot(EVENTS, 2) + SLOT_SEQUENCE_OFFSET, sequence);
        Recorder recorder = new Recorder();
        assertEquals(4, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> reader.poll(recorder, 100)));
        assertEquals(List.of(0L, 1L, 3L, 4L), recorder.numbers);
        assertEquals(List.of("lost 2..2"), recorder.losses);
    }

    @Test
    void aValueSlotLeftOddByALiveWriterTimesOutAfterASecond() {
        StructuredSegment writer = createValidKeepingTheWriter();
        SharedValue<Quote> quote = track(StructuredSegment.open(name)).value("quote", Quote.class);
        writer.segment().putLong(slot(QUOTE, 0) + SLOT_SEQUENCE_OFFSET, Long.MAX_VALUE); // odd: "mid-write" forever

        long start = System.nanoTime();
        SegmentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(SegmentException.class, quote::read));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("region 'quote' of segment '" + name + "': a slot stayed mid-write for over"
                + " 1000 ms while its writer (pid " + ProcessHandle.current().pid() + ") is alive"), e.getMessage());
        assertTrue(millis >= 900 && millis < 15_000, "gave up after " + millis + " ms, not about a second");
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a dead pid comes from running 'true'")
    @Test
    void anArraySlotLeftOddByADeadWriterIsReportedAtOnce() throws Exception {
        StructuredSegment writer = createValidKeepingTheWriter();
        SharedArray<Quote> book = track(StructuredSegment.open(name)).array("book", Quote.class);
        long deadPid = deadProcessId();
        writer.segment().putLong(WRITER_PID_OFFSET, deadPid);
        writer.segment().putLong(slot(BOOK, 2) + SLOT_SEQUENCE_OFFSET, (1L << 62) + 1);

        long start = System.nanoTime();
        SegmentException e = assertThrows(SegmentException.class, () -> book.read(2));
        assertEquals(Reason.WRITER_DEAD, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("region 'book' of segment '" + name + "': its writer (pid " + deadPid
                + ") died while writing a slot"), e.getMessage());
        // WRITER_DEAD rather than TIMEOUT shows the reader did not wait out the stall timeout; the
        // bound only catches a wait far beyond it (200 yields can take a while on a loaded machine).
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "gave up only after the stall timeout");
        assertEquals(new Quote(10, "BID", 12.25, 100, true), book.read(0), "the other slots still read");
    }

    @Test
    void aGarbageEvenSlotSequenceStillReadsTheStableStruct() {
        StructuredSegment writer = createValidKeepingTheWriter();
        SharedValue<Quote> quote = track(StructuredSegment.open(name)).value("quote", Quote.class);
        writer.segment().putLong(slot(QUOTE, 0) + SLOT_SEQUENCE_OFFSET, Long.MAX_VALUE - 1);
        assertEquals(new Quote(1, "ACME", 12.5, 300, true), quote.read());
    }

    @Test
    void invalidUtf8InAStringFieldReadsAsReplacementCharacters() {
        StructuredSegment writer = createValidKeepingTheWriter();
        SharedValue<Quote> quote = track(StructuredSegment.open(name)).value("quote", Quote.class);
        int symbol = slot(QUOTE, 0) + SLOT_HEADER_LENGTH + Layout.of(Quote.class).field("symbol").offset();
        byte[] bytes = {(byte) 0xFF, 'A', (byte) 0xC0, (byte) 0x80, (byte) 0xE2, (byte) 0x82, 'B',
                (byte) 0xF0, (byte) 0x9F, (byte) 0x98, 0, 0, 0, 0, 0, 0};
        writer.segment().putBytes(symbol, bytes, 0, bytes.length);
        assertEquals(new Quote(1, "\uFFFDA\uFFFD\uFFFD\uFFFDB\uFFFD", 12.5, 300, true), quote.read());

        byte[] full = new byte[16];
        Arrays.fill(full, (byte) 'Z');
        writer.segment().putBytes(symbol, full, 0, full.length);
        assertEquals("ZZZZZZZZZZZZZZZZ", quote.read().symbol(), "a string filling its field has no NUL");
    }

    @Test
    void randomBytesInEveryStructReadAsRecordsOrEmptySlots() {
        StructuredSegment writer = createValidKeepingTheWriter();
        StructuredSegment reader = track(StructuredSegment.open(name));
        SharedValue<Quote> quote = reader.value("quote", Quote.class);
        SharedArray<Quote> book = reader.array("book", Quote.class);
        EventRing<Event> events = reader.ring("events", Event.class);
        Random random = new Random(20240611);
        byte[] noise = new byte[RegionDescriptor.SLOT_HEADER_LENGTH + Layout.of(Event.class).size()];
        int records = 0;
        for (int round = 0; round < 2_000; round++) {
            // flags and element bytes: random; the sequences stay even, as a finished write leaves them
            for (int slot : slotsOf(QUOTE, BOOK, EVENTS)) {
                random.nextBytes(noise);
                int elementSize = region(slot >>> 16).elementSize();
                int at = slot(slot >>> 16, slot & 0xFFFF);
                writer.segment().putBytes(at + RegionDescriptor.SLOT_FLAGS_OFFSET, noise, 0, 8 + elementSize);
            }
            try {
                records += quote.read() == null ? 0 : 1;
                for (int i = 0; i < book.capacity(); i++) {
                    records += book.read(i) == null ? 0 : 1;
                }
                Recorder recorder = new Recorder(false);
                events.reader(EventRing.Start.OLDEST).poll(recorder, 100);
                assertEquals(List.of(0L, 1L, 2L, 3L, 4L), recorder.numbers, "struct bytes never lose a ring record");
                records += recorder.numbers.size();
            } catch (SegmentException | IndexOutOfBoundsException e) {
                fail("random struct bytes behind stable sequences must read, not fail: " + e, e);
            }
        }
        assertTrue(records > 2_000 * 5, "most reads return records: " + records);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Creates and fills the valid segment, then closes its writer; the segment stays. */
    private void createValid() {
        try (StructuredSegment writer = StructuredSegment.create(name, SPEC)) {
            FuzzedSegments.fill(writer);
            regions = writer.regions();
            size = writer.header().size();
        }
    }

    private StructuredSegment createValidKeepingTheWriter() {
        StructuredSegment writer = track(StructuredSegment.create(name, SPEC));
        FuzzedSegments.fill(writer);
        regions = writer.regions();
        size = writer.header().size();
        return writer;
    }

    /** Damages the segment through a plain read-write mapping of its bytes. */
    private void corrupt(Consumer<Segment> damage) {
        try (Segment raw = Segment.open(name)) {
            damage.accept(raw);
        }
    }

    private byte[] image() {
        try (Segment raw = Segment.open(name)) {
            byte[] bytes = new byte[(int) raw.size()];
            raw.getBytes(0, bytes, 0, bytes.length);
            return bytes;
        }
    }

    private SegmentException assertOpenFails(Reason reason, String... fragments) {
        SegmentException e = assertThrows(SegmentException.class, () -> track(StructuredSegment.open(name)),
                "a damaged segment must not open");
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot open segment '" + name + "': " + reason.text() + " ("), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
        }
        return e;
    }

    private void assertCorrupt(SegmentException e, String fragment) {
        assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot read segment '" + name + "': the segment is corrupt ("), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
    }

    private RegionInfo region(int index) {
        return regions.get(index);
    }

    private long end(int index) {
        return region(index).offset() + region(index).length();
    }

    private static int entry(int index, int field) {
        return entryOffset(HeaderDescriptor.LENGTH, index) + field;
    }

    private int slot(int region, int index) {
        RegionInfo info = region(region);
        return (int) (info.offset() + RegionDescriptor.HEADER_LENGTH + index * RegionDescriptor.slotStride(info.elementSize()));
    }

    /** Region and slot index pairs, as region << 16 | slot. */
    private int[] slotsOf(int... regionIndexes) {
        List<Integer> slots = new ArrayList<>();
        for (int index : regionIndexes) {
            for (int i = 0; i < region(index).capacity(); i++) {
                slots.add(index << 16 | i);
            }
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    private byte[] description(int index) {
        return region(index).layoutDescription().getBytes(StandardCharsets.UTF_8);
    }

    private long descriptionOffset(int index) {
        long offset = SegmentSpec.descriptionsOffset(regions.size());
        for (int i = 0; i < index; i++) {
            offset += description(i).length;
        }
        return offset;
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    /** Takes what an untyped ring reader hands over. */
    private static final class MapRecorder implements RingHandler<Map<String, Object>> {
        @Override
        public void onRecord(long sequence, Map<String, Object> record) {
            assertNotNull(record);
        }

        @Override
        public void onLoss(long firstLost, long count) {
            assertTrue(count > 0, "a loss of " + count);
        }
    }

    /** Collects what a ring reader hands over, checking that records are in order. */
    private static final class Recorder implements RingHandler<Event> {
        final List<Long> numbers = new ArrayList<>();
        final List<String> losses = new ArrayList<>();
        private final boolean checkContent;

        Recorder() {
            this(true);
        }

        Recorder(boolean checkContent) {
            this.checkContent = checkContent;
        }

        @Override
        public void onRecord(long sequence, Event record) {
            assertNotNull(record);
            if (checkContent) {
                assertEquals(sequence, record.number());
            }
            numbers.add(sequence);
        }

        @Override
        public void onLoss(long firstLost, long count) {
            losses.add("lost " + firstLost + ".." + (firstLost + count - 1));
        }
    }
}
