/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.platform.ChangeSignals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static io.github.nativeshm.structured.RegionDescriptor.*;

/** What every slotted region has: its place in the segment, its change count and its wake-ups. */
final class RegionMemory {
    final StructuredSegment owner;
    final ByteBuffer buffer;
    final RegionInfo info;
    final int offset;
    final int slotStride;
    final LongAdder retries = new LongAdder();
    private final ChangeSignals signals;
    private final String signalKey;
    private final long changeCountAddress;

    RegionMemory(StructuredSegment owner, ByteBuffer buffer, long baseAddress, RegionInfo info, ChangeSignals signals) {
        this.owner = owner;
        this.buffer = buffer;
        this.info = info;
        this.offset = (int) info.offset();
        this.slotStride = (int) slotStride(info.elementSize());
        this.signals = signals;
        this.signalKey = owner.signalPrefix() + "." + info.name();
        this.changeCountAddress = baseAddress + offset + CHANGE_COUNT_OFFSET;
    }

    int slotOffset(long index) {
        return offset + HEADER_LENGTH + (int) index * slotStride;
    }

    /** Refuses use of a closed segment, and writes by a process that is not the segment's writer. */
    void checkWriter(String operation) {
        owner.checkOpen();
        if (!owner.isWriter()) {
            throw new SegmentException(Reason.NOT_WRITER, operation, owner.name(), "region '" + info.name()
                    + "' is written only by the process that created or attached to the segment as its writer");
        }
    }

    int changeCount() {
        owner.checkOpen();
        return (int) SegmentAccess.INT.getVolatile(buffer, offset + CHANGE_COUNT_OFFSET);
    }

    /** After a write: count it, and wake sleepers if there are any (the fence orders the two). */
    void published() {
        SegmentAccess.getAndAddInt(buffer, offset + CHANGE_COUNT_OFFSET, 1);
        if ((int) SegmentAccess.INT.getVolatile(buffer, offset + WAITERS_OFFSET) != 0) {
            signals.wakeAll(changeCountAddress, signalKey);
        }
    }

    /** Blocks until the change count differs from {@code seen} or the timeout passes; returns the count. */
    int awaitChange(int seen, Duration timeout) {
        owner.checkOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        int now = changeCount();
        while (now == seen) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            if (owner.isReadOnlyMapping()) {
                signals.await(changeCountAddress, seen, remaining, signalKey);
            } else {
                SegmentAccess.getAndAddInt(buffer, offset + WAITERS_OFFSET, 1);
                try {
                    if (changeCount() == seen) {
                        signals.await(changeCountAddress, seen, remaining, signalKey);
                    }
                } finally {
                    SegmentAccess.getAndAddInt(buffer, offset + WAITERS_OFFSET, -1);
                }
            }
            now = changeCount();
        }
        return now;
    }

    /**
     * Runs {@code body}, an access to this region, turning a fault in the mapping into
     * {@code FAULT} (see {@link StructuredSegment#guard}).
     */
    <R> R guard(String operation, Supplier<R> body) {
        return owner.guard(operation, this, body); // this, not describe(): no string built per access
    }

    /**
     * {@link SeqLock#read} under the guard of {@link #guard}, written out rather than passed as a
     * lambda: the guard's one call site for every lambda is megamorphic, so the JIT cannot inline
     * it and each call allocated its lambda (24 bytes per read, GC pauses in the round trip's p99).
     */
    <R> R readSlot(int slot, SlotReader<R> reader, R ifEmpty) {
        try {
            try {
                return SeqLock.read(this, slot, reader, ifEmpty);
            } finally {
                SegmentAccess.deliverPendingFault();
            }
        } catch (InternalError e) {
            throw owner.fault("read", this, e);
        }
    }

    /**
     * {@link SeqLock#update} and, unless {@code quietly}, {@link #published()} under the guard, as
     * {@link #readSlot}.
     */
    void updateSlot(int slot, int elementSize, SlotWriter writer, boolean quietly) {
        try {
            try {
                SeqLock.update(buffer, slot, elementSize, writer);
                if (!quietly) {
                    published();
                }
            } finally {
                SegmentAccess.deliverPendingFault();
            }
        } catch (InternalError e) {
            throw owner.fault("write", this, e);
        }
    }

    /** {@link #describe()}: what a fault names. */
    @Override
    public String toString() {
        return describe();
    }

    String describe() {
        return "region '" + info.name() + "' of segment '" + owner.name() + "'";
    }
}
