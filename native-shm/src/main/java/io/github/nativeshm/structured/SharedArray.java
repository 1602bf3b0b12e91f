package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;

import static io.github.nativeshm.structured.RegionDescriptor.SLOT_SEQUENCE_OFFSET;

/**
 * A fixed number of struct slots in a segment, each tear-free on its own (a seqlock per slot),
 * written by one process and read by any number. Obtained from
 * {@link StructuredSegment#array(String, Class)}.
 *
 * <p>If the segment is truncated underneath (see {@link StructuredSegment#damage()}), every method
 * that touches its memory throws {@link io.github.nativeshm.SegmentException} with reason
 * {@code FAULT}; so do those of {@link SharedValue}, {@link EventRing}, {@link RingReader} and
 * {@link UntypedRegion}.
 *
 * @param <T> the struct's record type
 */
public final class SharedArray<T extends Record> {
    private final RegionMemory region;
    private final Layout<T> layout;
    private final int capacity;

    SharedArray(RegionMemory region, Layout<T> layout) {
        this.region = region;
        this.layout = layout;
        this.capacity = (int) region.info.capacity();
    }

    /** The number of slots. */
    public int capacity() {
        return capacity;
    }

    /**
     * The struct in slot {@code index}, or null if the slot is empty. Inside the seqlock it only
     * copies the struct's bytes; it decodes the copy after, so that a busy writer can hardly
     * overtake a read.
     */
    public T read(int index) {
        ByteBuffer copy = read(index, this::copy);
        return copy == null ? null : layout.read(copy, 0);
    }

    /** Reads part of the struct in slot {@code index} in place; null if the slot is empty. */
    public <R> R read(int index, SlotReader<R> reader) {
        region.owner.checkOpen();
        int slot = slot(index);
        return region.readSlot(slot, reader);
    }

    /** Replaces the struct in slot {@code index}. Only the segment's writer may call this. */
    public void write(int index, T value) {
        Objects.requireNonNull(value, "value; use clear(index) to empty a slot");
        region.checkWriter("write");
        int slot = slot(index);
        region.guard("write", () -> {
            SeqLock.write(region.buffer, slot, layout, value);
            region.published();
            return null;
        });
    }

    /**
     * Changes the struct in slot {@code index} in place with {@code writer}, field by field, without
     * building a record: fields it leaves alone keep their value (zero if the slot was empty). Readers
     * see the whole change or none of it. Only the segment's writer may call this.
     *
     * @throws RuntimeException whatever {@code writer} throws; then the slot is left empty
     */
    public void write(int index, SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        region.checkWriter("write");
        int slot = slot(index);
        region.updateSlot(slot, layout.size(), writer);
    }

    /** Empties slot {@code index}: readers see null. */
    public void clear(int index) {
        region.checkWriter("clear");
        int slot = slot(index);
        region.guard("clear", () -> {
            SeqLock.write(region.buffer, slot, layout, null);
            region.published();
            return null;
        });
    }

    /**
     * A number that changes whenever slot {@code index} is written or cleared (odd while a write is
     * in progress): a reader that keeps it with what it decoded can skip slots that did not change.
     */
    public long version(int index) {
        int slot = slot(index);
        region.owner.checkOpen();
        return region.guard("read", () -> (long) SegmentAccess.LONG.getAcquire(region.buffer, slot + SLOT_SEQUENCE_OFFSET));
    }

    /** A number that changes on every write to any slot; see {@link #awaitChange}. */
    public int changeCount() {
        return region.guard("read", region::changeCount);
    }

    /** Blocks until any slot changes after the count {@code seen}, or the timeout passes; returns the count. */
    public int awaitChange(int seen, Duration timeout) {
        return region.guard("wait on", () -> region.awaitChange(seen, timeout));
    }

    /** How many reads had to retry because the writer was inside the slot. */
    public long retries() {
        return region.retries.sum();
    }

    /** The struct layout. */
    public Layout<T> layout() {
        return layout;
    }

    /** The struct's raw bytes, copied into a heap buffer of its own. */
    private ByteBuffer copy(ByteBuffer buffer, int offset) {
        int size = layout.size();
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder()).put(0, buffer, offset, size);
    }

    private int slot(int index) {
        Objects.checkIndex(index, capacity);
        return region.slotOffset(index);
    }
}
