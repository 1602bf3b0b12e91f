package io.github.nativeshm.shared;

import io.github.nativeshm.layout.Layout;

import java.time.Duration;

/**
 * One struct in a segment, written by one process and read by any number, tear-free (a seqlock).
 * Obtained from {@link SharedSegment#value(String, Class)}.
 *
 * @param <T> the struct's record type
 */
public final class SharedValue<T extends Record> {
    private final RegionMemory region;
    private final Layout<T> layout;
    private final int slot;

    SharedValue(RegionMemory region, Layout<T> layout) {
        this.region = region;
        this.layout = layout;
        this.slot = region.slotOffset(0);
    }

    /**
     * The current value, or null if none was written (or it was cleared, or repaired after its
     * writer died mid-write).
     *
     * @throws io.github.nativeshm.SegmentException {@code WRITER_DEAD} or {@code TIMEOUT} when a
     *         write never completes (see {@link SeqLock})
     */
    public T read() {
        return read(layout::read);
    }

    /** Reads part of the value in place; null if there is no value. */
    public <R> R read(SlotReader<R> reader) {
        region.owner.checkOpen();
        return SeqLock.read(region, slot, reader);
    }

    /** Replaces the value. Only the segment's writer may call this; it never blocks. */
    public void write(T value) {
        if (value == null) {
            throw new NullPointerException("value; use clear() to remove the value of " + region.describe());
        }
        region.checkWriter("write");
        SeqLock.write(region.buffer, slot, layout, value);
        region.published();
    }

    /** Removes the value: readers see null. */
    public void clear() {
        region.checkWriter("clear");
        SeqLock.write(region.buffer, slot, layout, null);
        region.published();
    }

    /** A number that changes on every write; see {@link #awaitChange}. */
    public int changeCount() {
        return region.changeCount();
    }

    /**
     * Blocks until the value changes from the one counted {@code seen}, or the timeout passes,
     * without polling (futex on Linux, an event object on Windows).
     *
     * @return the change count now: equal to {@code seen} if the wait timed out
     */
    public int awaitChange(int seen, Duration timeout) {
        return region.awaitChange(seen, timeout);
    }

    /** How many reads had to retry because the writer was inside the slot. */
    public long retries() {
        return region.retries.sum();
    }

    /** The struct layout. */
    public Layout<T> layout() {
        return layout;
    }
}
