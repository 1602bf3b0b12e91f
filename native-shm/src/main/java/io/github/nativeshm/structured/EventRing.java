/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Layout;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

import static io.github.nativeshm.structured.RegionDescriptor.*;

/**
 * A broadcast log of structs: one writer appends, any number of readers in any process follow it
 * with their own {@link RingReader}. The writer never waits for readers; a reader that falls more
 * than {@link #capacity()} records behind is told how many it lost. Obtained from
 * {@link StructuredSegment#ring(String, Class)}; the protocol is drawn in {@link RegionDescriptor}.
 *
 * @param <T> the record type
 */
public final class EventRing<T extends Record> {
    /** Where a new reader starts. */
    public enum Start {
        /** At the oldest record still in the ring. */
        OLDEST,
        /** After the newest record: only records appended from now on. */
        NEWEST
    }

    private final RegionMemory region;
    private final Layout<T> layout;
    private final long mask;

    EventRing(RegionMemory region, Layout<T> layout) {
        this.region = region;
        this.layout = layout;
        this.mask = region.info.capacity() - 1;
    }

    /**
     * Appends a record. Only the segment's writer may call this; it never blocks.
     *
     * @param record the record to append
     * @return the record's sequence number (0 for the first record ever)
     * @throws io.github.nativeshm.SegmentException {@code CORRUPT} naming the value if the stored
     *                                              write position is out of range
     */
    public long append(T record) {
        Objects.requireNonNull(record, "record");
        region.checkWriter("append to");
        return region.guard("append to", () -> {
            long position = begin();
            layout.write(region.buffer, slotOf(position) + SLOT_HEADER_LENGTH, record);
            publish(position);
            region.published();
            return position;
        });
    }

    /**
     * Appends a record written in place by {@code writer}, field by field, without building a
     * record (for example {@code ring.append((buffer, offset) -> price.putDouble(buffer, offset, p))}).
     * The struct starts zeroed: fields the writer leaves alone read as 0 or the empty string
     * (unless it {@linkplain SlotWriter#writesEveryField writes every field}). Only the segment's
     * writer may call this; it never blocks.
     *
     * @param writer writes the record's fields into its slot
     * @return the record's sequence number
     * @throws RuntimeException whatever {@code writer} throws; then nothing is appended
     */
    public long append(SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        region.checkWriter("append to");
        return region.guard("append to", () -> {
            long position = appendInPlace(writer);
            region.published();
            return position;
        });
    }

    /**
     * Appends like {@link #append(SlotWriter)}, but without counting the change and waking
     * sleepers: readers that poll see the record at once, readers blocked in {@link #awaitChange}
     * or {@link RingReader#await} only at the next {@link #signal()} or signalling append. Counting
     * a change costs a full memory fence (the wake-up protocol needs it, see
     * {@link RegionDescriptor}), which makes the writer wait until its record has reached the
     * other cores; a writer that appends in bursts can append them quietly and signal once per
     * burst.
     *
     * @param writer writes the record's fields into its slot
     * @return the record's sequence number
     * @throws RuntimeException whatever {@code writer} throws; then nothing is appended
     */
    public long appendQuietly(SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        region.checkWriter("append to");
        return region.guard("append to", () -> appendInPlace(writer));
    }

    private long appendInPlace(SlotWriter writer) {
        long position = begin();
        int element = slotOf(position) + SLOT_HEADER_LENGTH;
        if (!writer.writesEveryField()) {
            SegmentAccess.zero(region.buffer, element, layout.size());
        }
        writer.write(region.buffer, element);
        publish(position);
        return position;
    }

    /**
     * Counts a change and wakes the readers blocked in {@link #awaitChange} or
     * {@link RingReader#await}: after {@link #appendQuietly}, so that they see what was appended.
     * Only the segment's writer may call this.
     */
    public void signal() {
        region.checkWriter("signal");
        region.guard("signal", () -> {
            region.published();
            return null;
        });
    }

    /**
     * Marks the next slot as being written (odd) and returns its position.
     *
     * @throws io.github.nativeshm.SegmentException {@code CORRUPT} if the stored write position is out of range
     */
    private long begin() {
        long position = RingReader.checkedPosition(region,
                (long) SegmentAccess.LONG.getOpaque(region.buffer, region.offset + WRITE_POSITION_OFFSET), "append to");
        SegmentAccess.LONG.setOpaque(region.buffer, slotOf(position) + SLOT_SEQUENCE_OFFSET, 2 * position + 1);
        VarHandle.storeStoreFence(); // readers of the old record see the odd sequence before new bytes
        return position;
    }

    /** Publishes the record at {@code position} to polling readers: its slot, then the write position. */
    private void publish(long position) {
        SegmentAccess.LONG.setRelease(region.buffer, slotOf(position) + SLOT_SEQUENCE_OFFSET, 2 * position + 2);
        SegmentAccess.LONG.setRelease(region.buffer, region.offset + WRITE_POSITION_OFFSET, position + 1);
    }

    /** {@return the number of records ever appended: the sequence number the next record gets} */
    public long writePosition() {
        return region.guard("read", () -> RingReader.writePosition(region));
    }

    /** {@return how many records the ring keeps (a power of two)} */
    public long capacity() {
        return mask + 1;
    }

    /**
     * A new reader starting at the oldest retained record or after the newest.
     *
     * @param start where the reader starts
     * @return the reader, which hands over new records
     */
    public RingReader<T> reader(Start start) {
        return reader(start, layout::read);
    }

    /**
     * A new reader that resumes at sequence {@code position} (for example the last one a client
     * saw, plus one); if that record is gone, its first poll reports the loss.
     *
     * @param position the sequence number of the first record to read
     * @return the reader, which hands over new records
     */
    public RingReader<T> readerAt(long position) {
        return readerAt(position, layout::read);
    }

    /**
     * A new reader, starting at the oldest retained record or after the newest, that hands its
     * handler what {@code decoder} reads from each record in place instead of a new record: a
     * field, or the fields copied into an object the caller reuses, so that polling allocates
     * nothing. The decoder may run more than once per record; a run over a record the writer was
     * overwriting is discarded (see {@link SlotReader}).
     *
     * @param <R>     what {@code decoder} reads from a record
     * @param start   where the reader starts
     * @param decoder reads what the handler gets from each record in place
     * @return the reader, which hands over what {@code decoder} reads
     */
    public <R> RingReader<R> reader(Start start, SlotReader<R> decoder) {
        Objects.requireNonNull(decoder, "decoder");
        return new RingReader<>(region, decoder, region.guard("read", () -> RingReader.startPosition(region, start)));
    }

    /**
     * A new reader that resumes at sequence {@code position} and reads with {@code decoder}; see
     * {@link #reader(Start, SlotReader)}.
     *
     * @param <R>      what {@code decoder} reads from a record
     * @param position the sequence number of the first record to read
     * @param decoder  reads what the handler gets from each record in place
     * @return the reader, which hands over what {@code decoder} reads
     */
    public <R> RingReader<R> readerAt(long position, SlotReader<R> decoder) {
        return new RingReader<>(region, Objects.requireNonNull(decoder, "decoder"), RingReader.checkedStart(position));
    }

    /**
     * {@return a number that changes on every append, except quiet ones until {@link #signal()}; see
     * {@link #awaitChange}}
     */
    public int changeCount() {
        return region.guard("read", region::changeCount);
    }

    /**
     * Blocks until a record is appended after the count {@code seen}, or the timeout passes.
     *
     * @param seen    a {@link #changeCount()} the caller has already acted on
     * @param timeout how long to wait at most
     * @return the change count now: still {@code seen} if the timeout passed without a change
     */
    public int awaitChange(int seen, Duration timeout) {
        return region.guard("wait on", () -> region.awaitChange(seen, timeout));
    }

    /** {@return the record layout} */
    public Layout<T> layout() {
        return layout;
    }

    int slotOf(long position) {
        return region.slotOffset(position & mask);
    }
}
