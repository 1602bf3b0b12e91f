/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;

import static io.github.nativeshm.structured.RegionDescriptor.*;

/**
 * One reader's cursor over a ring ({@link EventRing}, or {@link UntypedRegion} for decoded maps).
 * Not thread-safe: give each thread its own.
 *
 * <p><b>When the writer laps it.</b> A reader that finds its next record overwritten reports the
 * records it missed ({@link RingHandler#onLoss}) and resumes <em>half a ring behind the write
 * position</em> ({@code writePosition - capacity / 2}), not at the oldest record still retained.
 * The oldest retained record sits in the very slot the writer overwrites next: a reader that
 * resumed there was lapped again at once, and a reader slower than its writer lost a few records
 * at almost every step (measured: 580,000 loss events per second, a median of 2 records each,
 * against a writer of 5 M appends per second). Half a ring behind, the writer must append half a
 * ring before it can lap the reader again, so a reader has at most two loss events per lap of the
 * writer, each of at least half a ring, and still gets the newest half of what the ring holds.
 * (Aeron's broadcast receiver jumps to the newest record instead, giving up the whole ring.)
 * A new reader whose start is no longer in the ring ({@link EventRing#readerAt}, for example a
 * client resuming after a disconnect) was not lapped while reading: at its first look it resumes
 * at the oldest retained record, and only if the writer then overwrites that one too does it
 * resume with the margin. Every sequence number is either handed over or counted in a loss, in order, never silently
 * skipped: {@link #lost()} includes the retained records skipped for the margin.
 *
 * @param <T> the record type
 */
public final class RingReader<T> {
    private final RegionMemory region;
    private final SlotReader<T> decoder;
    private final long capacity;
    /** Every 1,024th look at a slot that seems empty checks the write position. */
    private static final int IDLE_CHECK_MASK = 1023;

    private long position;
    private long lost;
    /**
     * The highest write position this reader has loaded. Records below it are published, so a
     * slot there that still looks "not yet written" is corrupt, not nothing new.
     */
    private long knownEnd;
    /** Looks at a slot so far: the first one, and every {@code IDLE_CHECK_MASK + 1}st, check the write position. */
    private int checks;

    RingReader(RegionMemory region, SlotReader<T> decoder, long position) {
        this.region = region;
        this.decoder = decoder;
        this.capacity = region.info.capacity();
        this.position = position;
    }

    /**
     * Hands up to {@code limit} records to {@code handler} in order, reporting any gap first.
     *
     * @param handler receives the records, and the losses before them
     * @param limit   the most records to hand over in this call
     * @return the number of records handed over (0 if there is nothing new)
     */
    public int poll(RingHandler<? super T> handler, int limit) {
        region.owner.checkOpen();
        return region.guard("read", () -> pollRecords(handler, limit));
    }

    private int pollRecords(RingHandler<? super T> handler, int limit) {
        ByteBuffer buffer = region.buffer;
        int delivered = 0;
        while (delivered < limit) {
            // The slot's own sequence says whether record `position` is there, so a reader that
            // keeps up touches only the slot's cache lines, not the header line the writer updates
            // on every append: while the slot still holds the record one lap back (or is being
            // written), nothing is new. Any other older sequence, the first look and every 1,024th
            // look are checked against the write position, which tells a corrupt slot from an
            // empty one and a lapped reader from one that keeps up.
            int slot = region.slotOffset(position & (capacity - 1));
            long expected = 2 * position + 2;
            long before = (long) SegmentAccess.LONG.getAcquire(buffer, slot + SLOT_SEQUENCE_OFFSET);
            if (checks++ == 0) {
                before = Math.min(before, -1); // as if not there: the first time, the write position decides
            } else if (before < expected && notYet(before) && position >= knownEnd && (checks & IDLE_CHECK_MASK) != 0) {
                break; // (below a write position it has seen, "not yet" would be a corrupt slot: check)
            }
            if (before < expected || position >= MAX_POSITION) { // (past MAX_POSITION, 2p + 2 overflows)
                long end = end();
                if (position >= end) {
                    break;
                }
                if (position < end - capacity) {
                    // A new reader's first look: the loss happened before it came (a client resuming
                    // after a disconnect), so keep all the ring holds; a reader that was following
                    // was lapped: keep a margin.
                    skipTo(checks == 1 ? end - capacity : resumeAfterLap(end), handler);
                    continue;
                }
                // The write position is stored after the slot with release: the slot must be there.
                before = (long) SegmentAccess.LONG.getAcquire(buffer, slot + SLOT_SEQUENCE_OFFSET);
                if (before < expected) {
                    throw new SegmentException(Reason.CORRUPT, "read", region.owner.name(), region.describe()
                            + ": write position " + end + " lies past the last published record: the slot of record "
                            + position + " holds sequence " + before + ", not " + expected);
                }
            }
            T record = null;
            RuntimeException failure = null;
            if (before == expected) {
                try {
                    record = decoder.read(buffer, slot + SLOT_HEADER_LENGTH);
                } catch (RuntimeException e) {
                    failure = e; // maybe the writer was overwriting it: only a stable slot decides
                }
                VarHandle.loadLoadFence();
            }
            long after = (long) SegmentAccess.LONG.getOpaque(buffer, slot + SLOT_SEQUENCE_OFFSET);
            if (before != expected || after != before) {
                // Overwritten while we looked: lapped. Resume with a margin (see the class comment).
                skipTo(Math.max(position + 1, resumeAfterLap(end())), handler);
                continue;
            }
            if (failure != null) {
                throw failure;
            }
            handler.onRecord(position++, record);
            delivered++;
        }
        return delivered;
    }

    /**
     * Blocks until a record is available or the timeout passes, without polling. Records the
     * writer appended quietly ({@link EventRing#appendQuietly}) wake it only at its next signal.
     *
     * @param timeout how long to wait at most
     * @return whether a record is available
     */
    public boolean await(Duration timeout) {
        return region.guard("wait on", () -> awaitRecord(timeout));
    }

    private boolean awaitRecord(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = region.changeCount();
            if (writePosition(region) > position) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            region.awaitChange(seen, Duration.ofNanos(remaining));
        }
    }

    /** {@return how many records are waiting (including any that are already lost)} */
    public long available() {
        return region.guard("read", () -> Math.max(0, writePosition(region) - position));
    }

    /** {@return the sequence number of the next record this reader will see} */
    public long position() {
        return position;
    }

    /**
     * How many records this reader has lost to overwriting so far, including the retained records
     * it skipped to resume half a ring behind the writer after a lap.
     *
     * @return the number of records lost
     */
    public long lost() {
        return lost;
    }

    /**
     * Whether a slot sequence below the one record {@code position} will get is what the slot
     * holds until then: the record one lap back (never written yet in the first lap), or record
     * {@code position} half-written.
     */
    private boolean notYet(long sequence) {
        long previousLap = position - capacity;
        return sequence == 2 * position + 1 || sequence == (previousLap < 0 ? 0 : 2 * previousLap + 2);
    }

    /**
     * The write position, checked ({@link #writePosition(RegionMemory)}), and never going back: a
     * healthy writer's only grows, so a lower one than this reader saw before is corrupt.
     */
    private long end() {
        long end = writePosition(region);
        if (end < knownEnd) {
            throw new SegmentException(Reason.CORRUPT, "read", region.owner.name(), region.describe()
                    + ": write position " + end + " went back (this reader saw " + knownEnd + ")");
        }
        knownEnd = end;
        return end;
    }

    /**
     * Where a reader lapped by a writer at {@code end} resumes: half a ring behind it, so that
     * the writer needs half a ring of appends to lap it again (a ring of one: at {@code end}).
     */
    private long resumeAfterLap(long end) {
        return end - capacity / 2;
    }

    private void skipTo(long next, RingHandler<? super T> handler) {
        // Losses are rare, but a ring truncated underneath reads as garbage in compiled code and
        // could report them without end: have its fault raised here (see SegmentAccess.deliverPendingFault).
        SegmentAccess.deliverPendingFault();
        long count = next - position;
        lost += count;
        handler.onLoss(position, count);
        position = next;
    }

    /** Sequence numbers stay far from overflow: 2^62 records is centuries at any rate. */
    static final long MAX_POSITION = 1L << 62;

    /** The ring's write position, checked: a hostile value is CORRUPT, never a huge loss. */
    static long writePosition(RegionMemory region) {
        region.owner.checkOpen();
        return checkedPosition(region, (long) SegmentAccess.LONG.getAcquire(region.buffer, region.offset + WRITE_POSITION_OFFSET),
                "read");
    }

    /** {@code position}, read from the ring's header for {@code operation}, if it is in range; CORRUPT otherwise. */
    static long checkedPosition(RegionMemory region, long position, String operation) {
        if (position < 0 || position >= MAX_POSITION) {
            throw new SegmentException(Reason.CORRUPT, operation, region.owner.name(), region.describe()
                    + ": write position " + position + " is outside 0.." + MAX_POSITION);
        }
        return position;
    }

    /** Where a new reader starts: at the oldest retained record or after the newest. */
    static long startPosition(RegionMemory region, EventRing.Start start) {
        long end = writePosition(region);
        return start == EventRing.Start.NEWEST ? end : Math.max(0, end - region.info.capacity());
    }

    static long checkedStart(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        return position;
    }
}
