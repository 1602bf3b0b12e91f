/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Layout;

import java.time.Duration;

/**
 * One struct in a segment, written by one process and read by any number, tear-free (a seqlock).
 * Obtained from {@link StructuredSegment#value(String, Class)}. It is an array of one slot with the
 * index left out. Like every access to a segment, its methods throw
 * {@link io.github.nativeshm.SegmentException} {@code FAULT} if the segment was truncated
 * underneath (see {@link StructuredSegment#damage()}).
 *
 * @param <T> the struct's record type
 */
public final class SharedValue<T extends Record> {
    private final SharedArray<T> slot;

    SharedValue(RegionMemory region, Layout<T> layout) {
        this.slot = new SharedArray<>(region, layout);
    }

    /**
     * The current value, or null if none was written (or it was cleared, or repaired after its
     * writer died mid-write).
     *
     * @throws io.github.nativeshm.SegmentException {@code WRITER_DEAD} or {@code TIMEOUT} when a
     *         write never completes (see {@link SeqLock})
     * @return a new record with the value, or null
     */
    public T read() {
        return slot.read(0);
    }

    /**
     * Reads part of the value in place; null if there is no value. In a loop that polls,
     * {@link #read(SlotReader, Object)} spares the null check.
     *
     * @param <R>    what {@code reader} reads
     * @param reader reads from the struct in place
     * @return what {@code reader} read, or null
     */
    public <R> R read(SlotReader<R> reader) {
        return slot.read(0, reader);
    }

    /**
     * Reads part of the value in place, or returns {@code ifEmpty} without running {@code reader}
     * if there is no value: for example
     * {@code last.read((buffer, offset) -> price.getDouble(buffer, offset), Double.NaN)}, or
     * {@code last.read(received, NOTHING)} with a reader that fills an object the caller reuses
     * and a constant that stands for "no value", so that a loop that polls neither allocates nor
     * checks for null.
     *
     * @param <R>     what {@code reader} reads
     * @param reader  reads from the struct in place
     * @param ifEmpty what to return if there is no value
     * @return what {@code reader} read, or {@code ifEmpty}
     * @throws io.github.nativeshm.SegmentException as {@link #read()}
     */
    public <R> R read(SlotReader<R> reader, R ifEmpty) {
        return slot.read(0, reader, ifEmpty);
    }

    /**
     * Replaces the value. Only the segment's writer may call this; it never blocks.
     *
     * @param value the new value; {@link #clear()} removes it
     */
    public void write(T value) {
        slot.write(0, value);
    }

    /**
     * Changes the value in place with {@code writer}, field by field, without building a record:
     * fields it leaves alone keep their value (zero if there was none). Readers see the whole
     * change or none of it. Only the segment's writer may call this; it never blocks.
     *
     * @param writer writes the fields to change into the struct
     * @throws RuntimeException whatever {@code writer} throws; then the value is left empty
     */
    public void write(SlotWriter writer) {
        slot.write(0, writer);
    }

    /**
     * Replaces the value without the wake-up bookkeeping: readers that read or poll
     * {@link #version()} see it at once; readers blocked in {@link #awaitChange} (and
     * {@link #changeCount()}) only at the next {@link #signal()} or ordinary write. An ordinary
     * write counts the change with an atomic read-modify-write, a full memory fence that makes the
     * writer wait until its stores have reached the other cores, because a reader about to sleep
     * must either see the new count or be seen by the writer and woken (see
     * {@code docs/segment-format.md} §9); a writer whose readers poll, or that writes in bursts and
     * signals once, need not pay it. Only the segment's writer may call this; it never blocks.
     *
     * @param value the new value
     */
    public void writeQuietly(T value) {
        slot.writeQuietly(0, value);
    }

    /**
     * Changes the value in place like {@link #write(SlotWriter)}, but quietly, as
     * {@link #writeQuietly(Record)}.
     *
     * @param writer writes the fields to change into the struct
     * @throws RuntimeException whatever {@code writer} throws; then the value is left empty
     */
    public void writeQuietly(SlotWriter writer) {
        slot.writeQuietly(0, writer);
    }

    /**
     * Counts a change and wakes the readers blocked in {@link #awaitChange}: after quiet writes,
     * so that they see them. Only the segment's writer may call this.
     */
    public void signal() {
        slot.signal();
    }

    /** Removes the value: readers see null. */
    public void clear() {
        slot.clear(0);
    }

    /**
     * A number that changes on every write, clear and {@link #signal()} (not at quiet writes); see
     * {@link #awaitChange}.
     *
     * @return the change count
     */
    public int changeCount() {
        return slot.changeCount();
    }

    /**
     * A number that changes whenever the value is written or cleared, quiet writes included (odd
     * while a write is in progress): what a reader that polls compares to skip a value it has
     * already seen. It is the slot's sequence, on the cache line the reader reads anyway.
     *
     * @return the value's version
     */
    public long version() {
        return slot.version(0);
    }

    /**
     * Blocks until the value changes from the one counted {@code seen}, or the timeout passes,
     * without polling (futex on Linux, an event object on Windows).
     *
     * @param seen    a {@link #changeCount()} the caller has already acted on
     * @param timeout how long to wait at most
     * @return the change count now: equal to {@code seen} if the wait timed out
     */
    public int awaitChange(int seen, Duration timeout) {
        return slot.awaitChange(seen, timeout);
    }

    /** {@return how many reads had to retry because the writer was inside the slot} */
    public long retries() {
        return slot.retries();
    }

    /** {@return the struct layout} */
    public Layout<T> layout() {
        return slot.layout();
    }
}
