package io.github.nativeshm.shared;

import io.github.nativeshm.layout.Layout;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

import static io.github.nativeshm.shared.RegionDescriptor.*;

/**
 * A broadcast log of structs: one writer appends, any number of readers in any process follow it
 * with their own {@link RingReader}. The writer never waits for readers; a reader that falls more
 * than {@link #capacity()} records behind is told how many it lost. Obtained from
 * {@link SharedSegment#ring(String, Class)}; the protocol is drawn in {@link RegionDescriptor}.
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
     * @return the record's sequence number (0 for the first record ever)
     */
    public long append(T record) {
        Objects.requireNonNull(record, "record");
        region.checkWriter("append to");
        long position = (long) Memory.LONG.getOpaque(region.buffer, region.offset + WRITE_POSITION_OFFSET);
        int slot = slotOf(position);
        Memory.LONG.setOpaque(region.buffer, slot + SLOT_SEQUENCE_OFFSET, 2 * position + 1);
        VarHandle.storeStoreFence(); // readers of the old record see the odd sequence before new bytes
        layout.write(region.buffer, slot + SLOT_HEADER_LENGTH, record);
        Memory.LONG.setRelease(region.buffer, slot + SLOT_SEQUENCE_OFFSET, 2 * position + 2);
        Memory.LONG.setRelease(region.buffer, region.offset + WRITE_POSITION_OFFSET, position + 1);
        region.published();
        return position;
    }

    /** The number of records ever appended: the sequence number the next record gets. */
    public long writePosition() {
        return RingReader.writePosition(region);
    }

    /** How many records the ring keeps. */
    public long capacity() {
        return mask + 1;
    }

    /** A new reader starting at the oldest retained record or after the newest. */
    public RingReader<T> reader(Start start) {
        return new RingReader<>(region, layout::read, RingReader.startPosition(region, start));
    }

    /**
     * A new reader that resumes at sequence {@code position} (for example the last one a client
     * saw, plus one); if that record is gone, its first poll reports the loss.
     */
    public RingReader<T> readerAt(long position) {
        return new RingReader<>(region, layout::read, RingReader.checkedStart(position));
    }

    /** A number that changes on every append; see {@link #awaitChange}. */
    public int changeCount() {
        return region.changeCount();
    }

    /** Blocks until a record is appended after the count {@code seen}, or the timeout passes. */
    public int awaitChange(int seen, Duration timeout) {
        return region.awaitChange(seen, timeout);
    }

    /** The record layout. */
    public Layout<T> layout() {
        return layout;
    }

    int slotOf(long position) {
        return region.slotOffset(position & mask);
    }
}
