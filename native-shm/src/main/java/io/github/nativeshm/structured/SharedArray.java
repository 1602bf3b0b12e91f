/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
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

    /** {@return the number of slots} */
    public int capacity() {
        return capacity;
    }

    /**
     * The struct in slot {@code index}, or null if the slot is empty. Inside the seqlock it only
     * copies the struct's bytes; it decodes the copy after, so that a busy writer can hardly
     * overtake a read.
     *
     * @param index the slot, 0 to {@link #capacity()} - 1
     * @return a new record with the slot's struct, or null
     */
    public T read(int index) {
        ByteBuffer copy = read(index, this::copy);
        return copy == null ? null : layout.read(copy, 0);
    }

    /**
     * Reads part of the struct in slot {@code index} in place; null if the slot is empty. In a
     * loop that polls, {@link #read(int, SlotReader, Object)} spares the null check.
     *
     * @param <R>    what {@code reader} reads
     * @param index  the slot, 0 to {@link #capacity()} - 1
     * @param reader reads from the struct in place
     * @return what {@code reader} read, or null
     */
    public <R> R read(int index, SlotReader<R> reader) {
        return read(index, reader, null);
    }

    /**
     * Reads part of the struct in slot {@code index} in place, or returns {@code ifEmpty} without
     * running {@code reader} if the slot is empty: for example
     * {@code board.read(i, (buffer, offset) -> price.getDouble(buffer, offset), Double.NaN)}, or
     * with a reader that fills an object the caller reuses and a constant that stands for "no
     * value", so that a polling loop neither allocates nor checks for null.
     *
     * @param <R>     what {@code reader} reads
     * @param index   the slot, 0 to {@link #capacity()} - 1
     * @param reader  reads from the struct in place
     * @param ifEmpty what to return if the slot is empty
     * @return what {@code reader} read, or {@code ifEmpty}
     */
    public <R> R read(int index, SlotReader<R> reader, R ifEmpty) {
        Objects.requireNonNull(reader, "reader");
        region.owner.checkOpen();
        int slot = slot(index);
        return region.readSlot(slot, reader, ifEmpty);
    }

    /**
     * Replaces the struct in slot {@code index}. Only the segment's writer may call this.
     *
     * @param index the slot, 0 to {@link #capacity()} - 1
     * @param value the struct to store; {@link #clear} empties a slot
     */
    public void write(int index, T value) {
        write(index, value, false);
    }

    /**
     * Replaces the struct in slot {@code index} without counting the change and waking sleepers:
     * readers that read or poll {@link #version} see it at once, readers blocked in
     * {@link #awaitChange} (and {@link #changeCount()}) only at the next {@link #signal()} or
     * counted write. Counting a change costs an atomic read-modify-write on the region's header,
     * a full memory fence that makes the writer wait until its stores have reached the other
     * cores; a writer that updates slots in bursts, or whose readers poll, can write them quietly
     * and signal once per burst, as {@link EventRing#appendQuietly} does for rings. Only the
     * segment's writer may call this; it never blocks.
     *
     * @param index the slot, 0 to {@link #capacity()} - 1
     * @param value the struct to store
     */
    public void writeQuietly(int index, T value) {
        write(index, value, true);
    }

    private void write(int index, T value, boolean quietly) {
        Objects.requireNonNull(value, "value; use clear(index) to empty a slot");
        region.checkWriter("write");
        int slot = slot(index);
        region.guard("write", () -> {
            SeqLock.write(region.buffer, slot, layout, value);
            if (!quietly) {
                region.published();
            }
            return null;
        });
    }

    /**
     * Changes the struct in slot {@code index} in place with {@code writer}, field by field, without
     * building a record: fields it leaves alone keep their value (zero if the slot was empty). Readers
     * see the whole change or none of it. Only the segment's writer may call this.
     *
     * @param index  the slot, 0 to {@link #capacity()} - 1
     * @param writer writes the fields to change into the slot
     * @throws RuntimeException whatever {@code writer} throws; then the slot is left empty
     */
    public void write(int index, SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        region.checkWriter("write");
        int slot = slot(index);
        region.updateSlot(slot, layout.size(), writer, false);
    }

    /**
     * Changes the struct in slot {@code index} in place like {@link #write(int, SlotWriter)}, but
     * quietly: without counting the change and waking sleepers, as {@link #writeQuietly(int, Record)}.
     *
     * @param index  the slot, 0 to {@link #capacity()} - 1
     * @param writer writes the fields to change into the slot
     * @throws RuntimeException whatever {@code writer} throws; then the slot is left empty
     */
    public void writeQuietly(int index, SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        region.checkWriter("write");
        int slot = slot(index);
        region.updateSlot(slot, layout.size(), writer, true);
    }

    /**
     * Counts a change and wakes the readers blocked in {@link #awaitChange}: after quiet writes,
     * so that they see them. Only the segment's writer may call this.
     */
    public void signal() {
        region.checkWriter("signal");
        region.guard("signal", () -> {
            region.published();
            return null;
        });
    }

    /**
     * Empties slot {@code index}: readers see null.
     *
     * @param index the slot, 0 to {@link #capacity()} - 1
     */
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
     *
     * @param index the slot, 0 to {@link #capacity()} - 1
     * @return the slot's version
     */
    public long version(int index) {
        int slot = slot(index);
        region.owner.checkOpen();
        return region.guard("read", () -> (long) SegmentAccess.LONG.getAcquire(region.buffer, slot + SLOT_SEQUENCE_OFFSET));
    }

    /**
     * A number that changes on every write to any slot, except quiet ones until {@link #signal()};
     * see {@link #awaitChange}.
     *
     * @return the change count
     */
    public int changeCount() {
        return region.guard("read", region::changeCount);
    }

    /**
     * Blocks until any slot changes after the count {@code seen}, or the timeout passes, without
     * polling.
     *
     * @param seen    a {@link #changeCount()} the caller has already acted on
     * @param timeout how long to wait at most
     * @return the change count now: equal to {@code seen} if the wait timed out
     */
    public int awaitChange(int seen, Duration timeout) {
        return region.guard("wait on", () -> region.awaitChange(seen, timeout));
    }

    /** {@return how many reads had to retry because the writer was inside the slot} */
    public long retries() {
        return region.retries.sum();
    }

    /** {@return the struct layout} */
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
