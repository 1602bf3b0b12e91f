/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Layout;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.github.nativeshm.structured.RegionDescriptor.*;

/**
 * The seqlock protocol of value and array slots (drawn in {@link RegionDescriptor}): one writer
 * that never blocks, readers that never return a torn copy and never wait forever.
 */
final class SeqLock {
    private static final int SPINS = 200;
    private static final int YIELDS = 200;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Parks between two checks of the writer's liveness: about every 10 ms. */
    private static final int LIVENESS_EVERY = 200;
    /** How long a live writer may keep a slot odd before readers give up. */
    static final long STALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private SeqLock() {
    }

    /**
     * Writes {@code value} (null empties the slot). Only the segment's writer calls this. The
     * record is encoded into a private buffer first, so that the slot stays odd only while the
     * bytes are copied: readers of a value rewritten back to back then find it stable most of the
     * time, where encoding in place kept it odd for most of each write. A record the layout
     * refuses leaves the slot as it was.
     */
    static <T extends Record> void write(ByteBuffer buffer, int slot, Layout<T> layout, T value) {
        int size = layout.size();
        ByteBuffer encoded = null;
        if (value != null) {
            encoded = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
            layout.write(encoded, 0, value);
        }
        long writing = begin(buffer, slot);
        if (encoded == null) {
            buffer.putInt(slot + SLOT_FLAGS_OFFSET, FLAG_EMPTY);
            SegmentAccess.zero(buffer, slot + SLOT_HEADER_LENGTH, size);
        } else {
            buffer.putInt(slot + SLOT_FLAGS_OFFSET, 0);
            buffer.put(slot + SLOT_HEADER_LENGTH, encoded, 0, size);
        }
        SegmentAccess.LONG.setRelease(buffer, slot + SLOT_SEQUENCE_OFFSET, writing + 1);
    }

    /**
     * Changes the element in place with {@code writer}: bytes it leaves alone keep their value (zero
     * in an empty slot, which is all zeros). If the writer throws, the slot is emptied, so that no
     * half-made value is ever published, and the exception passes.
     */
    static void update(ByteBuffer buffer, int slot, int elementSize, SlotWriter writer) {
        long writing = begin(buffer, slot);
        try {
            buffer.putInt(slot + SLOT_FLAGS_OFFSET, 0);
            writer.write(buffer, slot + SLOT_HEADER_LENGTH);
        } catch (RuntimeException | Error e) {
            buffer.putInt(slot + SLOT_FLAGS_OFFSET, FLAG_EMPTY);
            SegmentAccess.zero(buffer, slot + SLOT_HEADER_LENGTH, elementSize);
            throw e;
        } finally {
            SegmentAccess.LONG.setRelease(buffer, slot + SLOT_SEQUENCE_OFFSET, writing + 1);
        }
    }

    /**
     * Makes the slot's sequence odd; returns it. One atomic add both reads and writes it: a plain
     * load would first fetch the cache line shared, from the reader spinning on it, and the store
     * would then fetch it again to own it, one more trip between cores on every write.
     */
    private static long begin(ByteBuffer buffer, int slot) {
        long writing = SegmentAccess.getAndAddLong(buffer, slot + SLOT_SEQUENCE_OFFSET, 1L) + 1;
        if ((writing & 1) == 0) { // it was odd: never so while this process is the writer (repair runs first)
            writing++;
            SegmentAccess.LONG.setOpaque(buffer, slot + SLOT_SEQUENCE_OFFSET, writing);
        }
        VarHandle.storeStoreFence(); // the odd sequence is visible before any byte of the element
        return writing;
    }

    /** {@link #read(RegionMemory, int, SlotReader, Object)} with null for an empty slot. */
    static <R> R read(RegionMemory region, int slot, SlotReader<R> reader) {
        return read(region, slot, reader, null);
    }

    /**
     * Reads the slot with {@code reader}, retrying while the writer is inside it; {@code ifEmpty}
     * if the slot is empty (the reader does not run then).
     *
     * @throws SegmentException {@code WRITER_DEAD} if the slot stays odd and its writer is gone,
     *                          {@code TIMEOUT} if a live writer keeps it odd for a second; read through
     *                          the writer's own segment, such a slot is repaired (emptied) instead
     */
    static <R> R read(RegionMemory region, int slot, SlotReader<R> reader, R ifEmpty) {
        ByteBuffer buffer = region.buffer;
        long waitingSince = 0;
        for (int attempt = 0; ; attempt++) {
            long before = (long) SegmentAccess.LONG.getAcquire(buffer, slot + SLOT_SEQUENCE_OFFSET);
            if ((before & 1) == 0) {
                R result = null;
                RuntimeException failure = null;
                try {
                    boolean empty = before == 0 || (buffer.getInt(slot + SLOT_FLAGS_OFFSET) & FLAG_EMPTY) != 0;
                    result = empty ? ifEmpty : reader.read(buffer, slot + SLOT_HEADER_LENGTH);
                } catch (RuntimeException e) {
                    failure = e; // maybe a torn copy upset the reader: only a stable slot decides
                }
                VarHandle.loadLoadFence();
                long after = (long) SegmentAccess.LONG.getOpaque(buffer, slot + SLOT_SEQUENCE_OFFSET);
                if (before == after) {
                    if (failure != null) {
                        throw failure;
                    }
                    return result;
                }
            }
            region.retries.increment();
            waitingSince = backOff(region, slot, before, attempt, waitingSince);
        }
    }

    /**
     * Spins, then yields, then parks; past the spins it checks that the writer can still finish.
     *
     * @param seen the sequence the slot had at this attempt
     * @return when the wait began (0: it begins anew)
     */
    private static long backOff(RegionMemory region, int slot, long seen, int attempt, long waitingSince) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
            return waitingSince;
        }
        if (attempt < SPINS + YIELDS) {
            Thread.yield();
            return waitingSince;
        }
        long now = System.nanoTime();
        long since = waitingSince == 0 ? now : waitingSince;
        boolean checkWriter = attempt % LIVENESS_EVERY == 0; // it reads /proc: not on every park
        if (checkWriter && !region.owner.isWriterAlive()) {
            throw new SegmentException(Reason.WRITER_DEAD, "read", region.owner.name(), region.describe()
                    + ": its writer (pid " + region.owner.header().writerPid() + ") died while writing a slot;"
                    + " the slot is repaired when a new writer attaches");
        }
        if (now - since > STALL_TIMEOUT_NANOS) {
            // The writer owns its slots: one of them odd for this long is corruption, not a write.
            if (region.owner.isWriter() && region.owner.repairs().repair(region.info, slot, seen, "it stayed odd for over "
                    + TimeUnit.NANOSECONDS.toMillis(STALL_TIMEOUT_NANOS) + " ms while its writer read it")) {
                return 0;
            }
            throw new SegmentException(Reason.TIMEOUT, "read", region.owner.name(), region.describe()
                    + ": a slot stayed mid-write for over " + TimeUnit.NANOSECONDS.toMillis(STALL_TIMEOUT_NANOS)
                    + " ms while its writer (pid " + region.owner.header().writerPid() + ") is alive");
        }
        LockSupport.parkNanos(PARK_NANOS);
        return since;
    }

    /**
     * Makes a slot left odd at sequence {@code stuck} stable again: empty, zeroed, with an even
     * sequence past the odd one so that no reader can mistake it for a copy it started earlier.
     * The slot is first claimed by moving its sequence to the next odd value, so that a write
     * that finishes meanwhile (the sequence moved on) is left alone.
     *
     * @return whether the slot was still at {@code stuck} and is now repaired
     */
    static boolean repair(ByteBuffer buffer, int slot, int elementSize, long stuck) {
        if ((stuck & 1) == 0 || !SegmentAccess.compareAndSetLong(buffer, slot + SLOT_SEQUENCE_OFFSET, stuck, stuck + 2)) {
            return false;
        }
        buffer.putInt(slot + SLOT_FLAGS_OFFSET, FLAG_EMPTY);
        SegmentAccess.zero(buffer, slot + SLOT_HEADER_LENGTH, elementSize);
        SegmentAccess.LONG.setRelease(buffer, slot + SLOT_SEQUENCE_OFFSET, stuck + 3);
        return true;
    }
}
