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
     */
    public T read() {
        return slot.read(0);
    }

    /** Reads part of the value in place; null if there is no value. */
    public <R> R read(SlotReader<R> reader) {
        return slot.read(0, reader);
    }

    /** Replaces the value. Only the segment's writer may call this; it never blocks. */
    public void write(T value) {
        slot.write(0, value);
    }

    /**
     * Changes the value in place with {@code writer}, field by field, without building a record:
     * fields it leaves alone keep their value (zero if there was none). Readers see the whole
     * change or none of it. Only the segment's writer may call this; it never blocks.
     *
     * @throws RuntimeException whatever {@code writer} throws; then the value is left empty
     */
    public void write(SlotWriter writer) {
        slot.write(0, writer);
    }

    /** Removes the value: readers see null. */
    public void clear() {
        slot.clear(0);
    }

    /** A number that changes on every write; see {@link #awaitChange}. */
    public int changeCount() {
        return slot.changeCount();
    }

    /**
     * Blocks until the value changes from the one counted {@code seen}, or the timeout passes,
     * without polling (futex on Linux, an event object on Windows).
     *
     * @return the change count now: equal to {@code seen} if the wait timed out
     */
    public int awaitChange(int seen, Duration timeout) {
        return slot.awaitChange(seen, timeout);
    }

    /** How many reads had to retry because the writer was inside the slot. */
    public long retries() {
        return slot.retries();
    }

    /** The struct layout. */
    public Layout<T> layout() {
        return slot.layout();
    }
}
