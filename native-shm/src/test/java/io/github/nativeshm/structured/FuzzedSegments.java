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
import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.testing.TestSegments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

/**
 * What the corrupt-segment tests and the fuzz tests share: a segment spec with one region of each
 * kind, its content, a reader that touches everything a segment offers, the list of outcomes a
 * reader may see for hostile bytes, and a reusable named segment whose bytes (and size) a test
 * replaces wholesale.
 */
final class FuzzedSegments {
    public record Quote(long id, @Fixed(16) String symbol, double price, int volume, boolean open) {
    }

    public record Point(float x, float y) {
    }

    public record Event(long number, short kind, @Fixed(24) String text, @Fixed(3) int[] codes, Point where) {
    }

    /** value "quote", array "book" of 4, ring "events" of 8, raw "scratch" of 100 bytes. */
    static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("quote", Quote.class)
            .array("book", Quote.class, 4)
            .ring("events", Event.class, 8)
            .raw("scratch", 100)
            .build();

    static final int QUOTE = 0;
    static final int BOOK = 1;
    static final int EVENTS = 2;
    static final int SCRATCH = 3;

    /** The struct types a reader knows, by fingerprint: a region of another layout is read as a Quote (a mismatch). */
    private static final Map<Long, Class<? extends Record>> KNOWN = Map.of(
            Layout.of(Quote.class).fingerprint(), Quote.class,
            Layout.of(Event.class).fingerprint(), Event.class,
            Layout.of(Point.class).fingerprint(), Point.class);

    /** What a reader may see for hostile bytes, besides success. */
    private static final Set<Reason> READ_REASONS = Set.of(Reason.CORRUPT, Reason.NOT_READY, Reason.LAYOUT_MISMATCH,
            Reason.NO_SUCH_REGION, Reason.WRITER_DEAD, Reason.TIMEOUT, Reason.INVALID_SIZE);

    /** Where an image's segment lives (Linux: POSIX shared memory is a tmpfs file there). */
    static final Path SHM = Path.of("/dev/shm");

    private FuzzedSegments() {
    }

    /** Writes the usual content: a value, two array slots, five ring records, raw bytes. */
    static void fill(StructuredSegment writer) {
        writer.value("quote", Quote.class).write(new Quote(1, "ACME", 12.5, 300, true));
        SharedArray<Quote> book = writer.array("book", Quote.class);
        book.write(0, new Quote(10, "BID", 12.25, 100, true));
        book.write(2, new Quote(12, "ASK", 12.75, 50, false));
        EventRing<Event> events = writer.ring("events", Event.class);
        for (int i = 0; i < 5; i++) {
            events.append(event(i));
        }
        ByteBuffer scratch = writer.raw("scratch");
        for (int i = 0; i < scratch.capacity(); i++) {
            scratch.put(i, (byte) i);
        }
    }

    /** Ring record {@code number} as {@link #fill} appends it. */
    static Event event(int number) {
        return new Event(number, (short) (number % 3), "event " + number, new int[] {number, number + 1, number + 2},
                new Point(number, -number));
    }

    /**
     * The bytes of a freshly created and filled segment. Its writer pid is 0 (no writer), so that
     * an odd sequence in a mutated image ends a read with WRITER_DEAD at once instead of a
     * one-second TIMEOUT per slot.
     */
    static byte[] validImage() {
        String name = TestSegments.uniqueName();
        try (StructuredSegment writer = StructuredSegment.create(name, SPEC)) {
            fill(writer);
            ByteBuffer buffer = writer.segment().buffer();
            byte[] image = new byte[buffer.capacity()];
            buffer.get(0, image);
            ByteBuffer.wrap(image).order(ByteOrder.nativeOrder()).putLong(HeaderDescriptor.WRITER_PID_OFFSET, 0);
            return image;
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    /**
     * Whether {@code e} is an outcome a reader may meet in hostile bytes: a {@link SegmentException}
     * with a reason that fits (CORRUPT with a detail), an index or an argument out of range.
     */
    static boolean acceptable(RuntimeException e) {
        if (e instanceof SegmentException s) {
            return READ_REASONS.contains(s.reason())
                    && (s.reason() != Reason.CORRUPT || s.getMessage().contains("the segment is corrupt ("));
        }
        return e instanceof IndexOutOfBoundsException || e instanceof IllegalArgumentException;
    }

    /** Rethrows {@code e} wrapped as a finding unless it is {@linkplain #acceptable acceptable}. */
    static void check(RuntimeException e, String what) {
        if (!acceptable(e)) {
            throw new AssertionError("unacceptable outcome of " + what + ": " + e, e);
        }
    }

    /**
     * Opens {@code name} and reads everything it offers: header, every region with the layout its
     * fingerprint names (a Quote otherwise), every array slot, the ring from oldest and from 0,
     * every raw byte, and every struct region again through {@link UntypedRegion}, which decodes
     * with the layout text the segment stores. Acceptable failures end the region (or its untyped
     * read) they occur in; anything else escapes.
     *
     * @return how many regions were read to the end (0 when the segment did not open)
     */
    static int openAndReadEverything(String name) {
        StructuredSegment segment;
        try {
            segment = StructuredSegment.open(name);
        } catch (RuntimeException e) {
            check(e, "open");
            return 0;
        }
        try (segment) {
            segment.header();
            segment.isRetired();
            segment.isWriterAlive();
            segment.epoch();
            int complete = 0;
            for (RegionInfo region : segment.regions()) {
                region.describeLayout();
                try {
                    readRegion(segment, region);
                    complete++;
                } catch (RuntimeException e) {
                    check(e, "reading region '" + region.name() + "' (" + region + ")");
                }
                if (region.kind() != RegionKind.RAW) {
                    try {
                        readUntyped(UntypedRegion.of(segment, region.name()));
                    } catch (RuntimeException e) {
                        check(e, "reading region '" + region.name() + "' (" + region + ") untyped");
                    }
                }
            }
            return complete;
        }
    }

    private static void readRegion(StructuredSegment segment, RegionInfo region) {
        Class<? extends Record> type = KNOWN.getOrDefault(region.fingerprint(), Quote.class);
        switch (region.kind()) {
            case VALUE -> readValue(segment.value(region.name(), type));
            case ARRAY -> readArray(segment.array(region.name(), type));
            case RING -> readRing(segment.ring(region.name(), type));
            case RAW -> {
                ByteBuffer raw = segment.raw(region.name());
                if (raw.capacity() != region.length()) {
                    throw new AssertionError("raw region '" + region.name() + "' has " + raw.capacity()
                            + " bytes, the directory says " + region.length());
                }
                byte[] bytes = new byte[raw.capacity()];
                raw.get(0, bytes);
            }
        }
    }

    private static <T extends Record> void readValue(SharedValue<T> value) {
        value.read();
        String first = value.layout().fields().get(0).name();
        value.read((buffer, offset) -> value.layout().field(first).toString() + buffer.get(offset));
        value.changeCount();
    }

    private static <T extends Record> void readArray(SharedArray<T> array) {
        for (int i = 0; i < array.capacity(); i++) {
            array.read(i);
        }
        array.changeCount();
    }

    private static <T extends Record> void readRing(EventRing<T> ring) {
        long end = ring.writePosition();
        long capacity = ring.capacity();
        if (Long.bitCount(capacity) != 1) {
            throw new AssertionError("ring capacity " + capacity + " is not a power of two");
        }
        int limit = (int) Math.min(capacity * 2 + 2, 1 << 16);
        poll(ring.reader(EventRing.Start.OLDEST), limit);
        poll(ring.readerAt(0), limit);
        poll(ring.readerAt(Math.max(0, end - 1)), limit);
        ring.reader(EventRing.Start.NEWEST).available();
    }

    /** The same region through the layout description the segment stores, as tools read it. */
    private static void readUntyped(UntypedRegion region) {
        LayoutDescription layout = region.layout();
        if (layout.size() != region.info().elementSize()) {
            throw new AssertionError(layout + " does not have the element size of " + region.info());
        }
        layout.cHeader();
        if (region.info().kind() == RegionKind.RING) {
            long capacity = region.info().capacity();
            int limit = (int) Math.min(capacity * 2 + 2, 1 << 16);
            region.writePosition();
            poll(region.reader(EventRing.Start.OLDEST), limit);
            poll(region.readerAt(0), limit);
        } else {
            for (int i = 0; i < region.info().capacity(); i++) {
                Map<String, Object> struct = region.read(i);
                if (struct != null && struct.size() != layout.members().size()) {
                    throw new AssertionError("slot " + i + " decoded to " + struct + ", not the members of " + layout);
                }
                region.isOccupied(i);
            }
        }
        region.changeCount();
    }

    /** Polls once, checking what a handler sees: consecutive sequences, positive losses, at most limit records. */
    private static <T> void poll(RingReader<T> reader, int limit) {
        long start = reader.position();
        long[] next = {start};
        int delivered = reader.poll(new RingHandler<T>() {
            @Override
            public void onRecord(long sequence, T record) {
                if (sequence != next[0] || record == null) {
                    throw new AssertionError("record " + sequence + " (" + record + ") after " + next[0]);
                }
                next[0] = sequence + 1;
            }

            @Override
            public void onLoss(long firstLost, long count) {
                if (count <= 0 || firstLost != next[0]) {
                    throw new AssertionError("loss of " + count + " from " + firstLost + " after " + next[0]);
                }
                next[0] = firstLost + count;
            }
        }, limit);
        if (delivered < 0 || delivered > limit || reader.position() != next[0]) {
            throw new AssertionError("poll delivered " + delivered + " of at most " + limit + ", position "
                    + reader.position() + ", handler saw up to " + next[0]);
        }
    }

    /**
     * A named segment whose whole content and size a test replaces (through its tmpfs file, so
     * that the size changes too), then opens with {@link StructuredSegment#open}. One per test class:
     * creating and unlinking a segment per input would cost more than the input.
     */
    static final class ImageSegment implements AutoCloseable {
        final String name = TestSegments.uniqueName();
        private final FileChannel file;

        ImageSegment() {
            Segment.create(name, 1).close();
            try {
                file = FileChannel.open(SHM.resolve(name), StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                TestSegments.unlinkIfPresent(name);
                throw new UncheckedIOException(e);
            }
        }

        static boolean isSupported() {
            return Files.isDirectory(SHM);
        }

        /** Makes the segment exactly {@code image}. */
        void write(byte[] image) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(image);
                while (bytes.hasRemaining()) {
                    file.write(bytes, bytes.position());
                }
                file.truncate(image.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                TestSegments.unlinkIfPresent(name);
            }
        }
    }
}
