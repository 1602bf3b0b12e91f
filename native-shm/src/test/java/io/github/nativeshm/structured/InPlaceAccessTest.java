/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Fixed;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.testing.Closeables;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Zero-allocation access: {@link SlotWriter}s, {@link SlotReader}s into reused objects, {@link Field} setters. */
@ExtendWith(TestSegments.class)
class InPlaceAccessTest {
    public record Tick(long number, @Fixed(8) String venue, @Fixed(3) double[] prices, int size) {
    }

    private static final Layout<Tick> TICK = Layout.of(Tick.class);
    private static final Field NUMBER = TICK.field("number");
    private static final Field VENUE = TICK.field("venue");
    private static final Field PRICES = TICK.field("prices");
    private static final Field SIZE = TICK.field("size");
    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("last", Tick.class)
            .array("board", Tick.class, 4)
            .ring("ticks", Tick.class, 4)
            .build();

    /** A reader's reused object, filled in place. */
    static final class Fields implements SlotReader<Fields> {
        long number;
        final byte[] venue = new byte[8];
        final double[] prices = new double[3];
        int size;

        @Override
        public Fields read(ByteBuffer buffer, int offset) {
            number = NUMBER.getLong(buffer, offset);
            VENUE.getBytes(buffer, offset, venue);
            PRICES.getDoubles(buffer, offset, prices);
            size = SIZE.getInt(buffer, offset);
            return this;
        }
    }

    /** Every record the reader has now, in order; a loss fails the test. */
    private static <R> List<R> pollAll(RingReader<R> reader) {
        List<R> read = new ArrayList<>();
        reader.poll(new RingHandler<>() {
            @Override
            public void onRecord(long sequence, R record) {
                read.add(record);
            }

            @Override
            public void onLoss(long firstLost, long count) {
                throw new AssertionError(count + " records lost from " + firstLost);
            }
        }, Integer.MAX_VALUE);
        return read;
    }

    private static String show(Tick tick) {
        return tick.number() + " '" + tick.venue() + "' " + Arrays.toString(tick.prices()) + " " + tick.size();
    }

    @RegisterExtension
    final Closeables closeables = new Closeables();
    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    @Test
    void aValueWrittenInPlaceKeepsTheFieldsTheWriterLeftAlone() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        SharedValue<Tick> mine = writer.value("last", Tick.class);
        SharedValue<Tick> theirs = closeables.track(StructuredSegment.open(name)).value("last", Tick.class);

        int count = theirs.changeCount();
        mine.write((buffer, offset) -> SIZE.putInt(buffer, offset, 5));
        assertEquals("0 '' [0.0, 0.0, 0.0] 5", show(theirs.read()), "an empty value starts zeroed");
        assertEquals(count + 1, theirs.changeCount());

        mine.write(new Tick(7, "XNAS", new double[] {1, 2, 3}, 100));
        mine.write((buffer, offset) -> {
            NUMBER.putLong(buffer, offset, 8);
            VENUE.putString(buffer, offset, "XLONDONXX"); // cut to the field's 8 bytes
        });
        Fields fields = new Fields();
        assertSame(fields, theirs.read(fields));
        assertEquals(8, fields.number);
        assertEquals("XLONDONX", new String(fields.venue, StandardCharsets.UTF_8));
        assertArrayEquals(new double[] {1, 2, 3}, fields.prices, "left alone");
        assertEquals(100, fields.size);
    }

    @Test
    void aSlotsVersionChangesWhenItIsWrittenOrClearedAndOnlyThen() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        SharedArray<Tick> board = writer.array("board", Tick.class);
        SharedArray<Tick> seen = closeables.track(StructuredSegment.open(name)).array("board", Tick.class);
        long empty = seen.version(1);
        board.write(1, new Tick(1, "X", new double[3], 1));
        long written = seen.version(1);
        assertNotEquals(empty, written);
        board.write(2, new Tick(2, "Y", new double[3], 2));
        assertEquals(written, seen.version(1), "another slot's write leaves it alone");
        board.write(1, new Tick(1, "X", new double[3], 1));
        long rewritten = seen.version(1);
        assertNotEquals(written, rewritten, "the same bytes again still count as a change");
        board.clear(1);
        assertNotEquals(rewritten, seen.version(1));
        assertEquals(0, seen.version(1) & 1, "even when no write is in progress");
        assertThrows(IndexOutOfBoundsException.class, () -> seen.version(4));
    }

    @Test
    void aWriterThatThrowsLeavesTheSlotEmptyNeverHalfWritten() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        SharedArray<Tick> board = writer.array("board", Tick.class);
        board.write(2, new Tick(1, "A", new double[3], 1));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> board.write(2, (buffer, offset) -> {
            NUMBER.putLong(buffer, offset, 99);
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals("changed my mind", thrown.getMessage());
        assertNull(board.read(2));
        board.write(2, (buffer, offset) -> SIZE.putInt(buffer, offset, 3));
        assertEquals("0 '' [0.0, 0.0, 0.0] 3", show(board.read(2)), "emptied means zeroed");
    }

    @Test
    void ringRecordsAppendedInPlaceStartZeroedAndAreReadIntoOneObject() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        EventRing<Tick> ring = writer.ring("ticks", Tick.class);
        RingReader<Fields> reader = closeables.track(StructuredSegment.open(name)).ring("ticks", Tick.class)
                .reader(EventRing.Start.OLDEST, new Fields());
        for (int i = 0; i < 4; i++) {
            ring.append(new Tick(i, "OLD", new double[] {9, 9, 9}, 9));
        }
        List<String> seen = new ArrayList<>();
        RingHandler<Fields> handler = new RingHandler<>() {
            @Override
            public void onRecord(long sequence, Fields record) {
                seen.add(sequence + ":" + record.number + "/" + record.size + "/" + record.prices[0]);
            }

            @Override
            public void onLoss(long firstLost, long count) {
                seen.add("lost " + firstLost + "+" + count);
            }
        };
        assertEquals(4, reader.poll(handler, 10));

        for (long i = 4; i < 6; i++) {
            long number = i;
            assertEquals(i, ring.append((buffer, offset) -> NUMBER.putLong(buffer, offset, number)));
        }
        assertEquals(2, reader.poll(handler, 10));
        assertEquals(0, reader.poll(handler, 10));
        assertEquals(List.of("0:0/9/9.0", "1:1/9/9.0", "2:2/9/9.0", "3:3/9/9.0", "4:4/0/0.0", "5:5/0/0.0"), seen,
                "the slots' older records do not show through");

        assertEquals(List.of(5L), pollAll(writer.ring("ticks", Tick.class).readerAt(5, NUMBER::getLong)));
    }

    @Test
    void aWriterOfEveryFieldIsSparedTheZeroing() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        EventRing<Tick> ring = writer.ring("ticks", Tick.class);
        for (int i = 0; i < 4; i++) {
            ring.append(new Tick(i, "OLD", new double[] {9, 9, 9}, 9));
        }
        SlotWriter numberOnly = (buffer, offset) -> NUMBER.putLong(buffer, offset, 4);
        SlotWriter claimsEveryField = new SlotWriter() {
            @Override
            public void write(ByteBuffer buffer, int offset) {
                NUMBER.putLong(buffer, offset, 5);
                VENUE.putString(buffer, offset, "NEW");
            }

            @Override
            public boolean writesEveryField() {
                return true;
            }
        };
        ring.appendQuietly(numberOnly);
        ring.append(claimsEveryField);

        List<Tick> read = pollAll(closeables.track(StructuredSegment.open(name)).ring("ticks", Tick.class).readerAt(4));
        assertEquals(2, read.size());
        assertEquals("4 '' [0.0, 0.0, 0.0] 0", show(read.get(0)), "a writer of some fields finds the slot zeroed");
        assertEquals("5 'NEW' [9.0, 9.0, 9.0] 9", show(read.get(1)),
                "a writer that claims every field gets the slot as it was: what it skips is the record a lap back");
    }

    @Test
    void aLambdaSaysItWritesEveryFieldThroughEveryField() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        EventRing<Tick> ring = writer.ring("ticks", Tick.class);
        for (int i = 0; i < 4; i++) {
            ring.append(new Tick(i, "OLD", new double[] {9, 9, 9}, 9));
        }
        SlotWriter nothing = (buffer, offset) -> { };
        SlotWriter claimsEveryField = SlotWriter.everyField(nothing);
        assertEquals(false, nothing.writesEveryField());
        assertEquals(true, claimsEveryField.writesEveryField());
        assertSame(claimsEveryField, SlotWriter.everyField(claimsEveryField), "said once is enough");
        assertThrows(NullPointerException.class, () -> SlotWriter.everyField(null));

        ring.append(nothing);                                  // record 4, in the slot of record 0
        ring.appendQuietly(claimsEveryField);                  // record 5, in the slot of record 1
        ring.append(SlotWriter.everyField((buffer, offset) -> NUMBER.putLong(buffer, offset, 6)));

        List<Tick> read = pollAll(closeables.track(StructuredSegment.open(name)).ring("ticks", Tick.class).readerAt(4));
        assertEquals(List.of("0 '' [0.0, 0.0, 0.0] 0", "1 'OLD' [9.0, 9.0, 9.0] 9", "6 'OLD' [9.0, 9.0, 9.0] 9"),
                read.stream().map(InPlaceAccessTest::show).toList(),
                "the default zeroes the slot; a writer said to write every field is spared it (old bytes stay)");
    }

    @Test
    void aValueWrittenQuietlyIsReadAtOnceAndWakesSleepersOnlyAtTheSignal() throws Exception {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        SharedValue<Tick> mine = writer.value("last", Tick.class);
        SharedValue<Tick> theirs = closeables.track(StructuredSegment.open(name)).value("last", Tick.class);
        int seen = theirs.changeCount();
        long version = theirs.version();

        mine.writeQuietly(new Tick(1, "Q", new double[3], 1));
        assertEquals("1 'Q' [0.0, 0.0, 0.0] 1", show(theirs.read()), "a reader sees a quiet write at once");
        assertNotEquals(version, theirs.version(), "and so does one that polls the version");
        mine.writeQuietly((buffer, offset) -> SIZE.putInt(buffer, offset, 2));
        assertEquals("1 'Q' [0.0, 0.0, 0.0] 2", show(theirs.read()));
        assertEquals(seen, theirs.changeCount(), "no change counted");
        assertEquals(seen, theirs.awaitChange(seen, Duration.ofMillis(200)), "nothing to wake a sleeper for");

        CompletableFuture<Integer> sleeper = CompletableFuture.supplyAsync(
                () -> theirs.awaitChange(seen, Duration.ofSeconds(30)));
        Thread.sleep(100); // let it fall asleep: the signal must wake it, not its timeout
        mine.signal();
        assertEquals(seen + 1, sleeper.get(10, TimeUnit.SECONDS));

        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(
                () -> theirs.awaitChange(seen + 1, Duration.ofSeconds(30)));
        Thread.sleep(100);
        mine.write(new Tick(3, "W", new double[3], 3));
        assertEquals(seen + 2, next.get(10, TimeUnit.SECONDS), "an ordinary write still wakes sleepers");

        SharedArray<Tick> board = writer.array("board", Tick.class);
        SharedArray<Tick> theirBoard = closeables.track(StructuredSegment.open(name)).array("board", Tick.class);
        int boardSeen = theirBoard.changeCount();
        board.writeQuietly(2, new Tick(4, "A", new double[3], 4));
        board.writeQuietly(3, (buffer, offset) -> NUMBER.putLong(buffer, offset, 5));
        assertEquals("4 'A' [0.0, 0.0, 0.0] 4", show(theirBoard.read(2)));
        assertEquals("5 '' [0.0, 0.0, 0.0] 0", show(theirBoard.read(3)));
        assertEquals(boardSeen, theirBoard.changeCount());
        board.signal();
        assertEquals(boardSeen + 1, theirBoard.changeCount());
        assertThrows(io.github.nativeshm.SegmentException.class, () -> theirs.writeQuietly(new Tick(0, "", new double[3], 0)),
                "only the writer writes, quietly or not");
        assertThrows(io.github.nativeshm.SegmentException.class, theirs::signal);
    }

    @Test
    void aReadWithAFallbackReturnsItForAnEmptySlotWithoutRunningTheReader() {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        SharedValue<Tick> value = closeables.track(StructuredSegment.open(name)).value("last", Tick.class);
        SharedArray<Tick> board = closeables.track(StructuredSegment.open(name)).array("board", Tick.class);
        Fields none = new Fields();
        Fields fields = new Fields();
        SlotReader<Fields> mustNotRun = (buffer, offset) -> {
            throw new AssertionError("the reader ran on an empty slot");
        };
        assertSame(none, value.read(mustNotRun, none));
        assertSame(none, board.read(1, mustNotRun, none));
        assertEquals(-1L, value.read(NUMBER::getLong, -1L));

        writer.value("last", Tick.class).write(new Tick(7, "V", new double[3], 1));
        writer.array("board", Tick.class).write(1, new Tick(8, "B", new double[3], 1));
        assertSame(fields, value.read(fields, none));
        assertEquals(7, fields.number);
        assertEquals(8L, board.read(1, NUMBER::getLong, -1L));
        assertEquals(-1L, board.read(0, NUMBER::getLong, -1L), "another slot is still empty");

        writer.value("last", Tick.class).clear();
        assertSame(none, value.read(fields, none), "cleared: empty again");
        assertNull(value.read(fields), "the one-argument read still says empty with null");
    }

    @Test
    void quietAppendsReachPollersAtOnceAndSleepersAtTheSignal() throws Exception {
        StructuredSegment writer = closeables.track(StructuredSegment.create(name, SPEC));
        EventRing<Tick> ring = writer.ring("ticks", Tick.class);
        EventRing<Tick> theirs = closeables.track(StructuredSegment.open(name)).ring("ticks", Tick.class);
        RingReader<Long> numbers = theirs.reader(EventRing.Start.OLDEST, NUMBER::getLong);
        int seen = theirs.changeCount();

        ring.appendQuietly((buffer, offset) -> NUMBER.putLong(buffer, offset, 41));
        assertEquals(1, numbers.available(), "a poller sees it at once");
        assertEquals(seen, theirs.changeCount(), "no change counted yet");
        CompletableFuture<Integer> sleeper = CompletableFuture.supplyAsync(
                () -> theirs.awaitChange(seen, Duration.ofSeconds(30)));
        Thread.sleep(100); // let it fall asleep: the signal must wake it, not its timeout
        ring.signal();
        assertEquals(seen + 1, sleeper.get(10, TimeUnit.SECONDS));
    }

    @Test
    void fieldAccessorsCheckTypesLengthsAndBounds() {
        ByteBuffer buffer = ByteBuffer.allocate(TICK.size()).order(ByteOrder.nativeOrder());
        PRICES.getDoubles(buffer, 0, new double[5]); // a longer array is fine: the first three are filled
        assertThrows(IllegalArgumentException.class, () -> PRICES.getDoubles(buffer, 0, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> VENUE.getBytes(buffer, 0, new byte[7]));
        assertThrows(IllegalStateException.class, () -> PRICES.getLongs(buffer, 0, new long[3]));
        assertThrows(IllegalStateException.class, () -> NUMBER.putInt(buffer, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> SIZE.putInt(buffer, 8, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PRICES.getDoubles(buffer, -1, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> PRICES.putDoubles(buffer, 0, new double[2]));
        PRICES.putDoubles(buffer, 0, new double[] {1.5, 2.5, 3.5, 99}); // a longer array: the first three
        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, TICK.read(buffer, 0).prices());
        SIZE.putInt(buffer, 0, 42);
        assertEquals(42, SIZE.getInt(buffer, 0));
    }
}
