package io.github.nativeshm.shared;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;

import static io.github.nativeshm.shared.RegionDescriptor.*;

/**
 * One reader's cursor over an {@link EventRing}. Not thread-safe: give each thread its own.
 *
 * @param <T> the record type
 */
public final class RingReader<T extends Record> {
    private final EventRing<T> ring;
    private final ByteBuffer buffer;
    private long position;
    private long lost;

    RingReader(EventRing<T> ring, long position) {
        this.ring = ring;
        this.buffer = ring.region().buffer;
        this.position = position;
    }

    /**
     * Hands up to {@code limit} records to {@code handler} in order, reporting any gap first.
     *
     * @return the number of records handed over (0 if there is nothing new)
     */
    public int poll(RingHandler<? super T> handler, int limit) {
        int delivered = 0;
        while (delivered < limit) {
            long end = ring.writePosition();
            if (position >= end) {
                break;
            }
            long oldest = end - ring.capacity();
            if (position < oldest) {
                skipTo(oldest, handler);
            }
            int slot = ring.slotOf(position);
            long expected = 2 * position + 2;
            long before = (long) Memory.LONG.getAcquire(buffer, slot + SLOT_SEQUENCE_OFFSET);
            if (before < expected) {
                throw new SegmentException(Reason.CORRUPT, "read", ring.region().owner.name(), ring.region().describe()
                        + ": slot of record " + position + " holds sequence " + before + " although the write position is "
                        + end);
            }
            T record = null;
            if (before == expected) {
                try {
                    record = ring.layout().read(buffer, slot + SLOT_HEADER_LENGTH);
                } catch (RuntimeException torn) {
                    record = null; // the writer was overwriting it; the sequence check below decides
                }
                VarHandle.loadLoadFence();
            }
            long after = (long) Memory.LONG.getOpaque(buffer, slot + SLOT_SEQUENCE_OFFSET);
            if (before != expected || after != before || record == null) {
                // Overwritten while we looked: everything up to the writer's lap is gone.
                skipTo(Math.max(position + 1, ring.writePosition() - ring.capacity() + 1), handler);
                continue;
            }
            handler.onRecord(position++, record);
            delivered++;
        }
        return delivered;
    }

    /**
     * Blocks until a record is available or the timeout passes, without polling.
     *
     * @return whether a record is available
     */
    public boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = ring.changeCount();
            if (available() > 0) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            ring.awaitChange(seen, Duration.ofNanos(remaining));
        }
    }

    /** How many records are waiting (including any that are already lost). */
    public long available() {
        return Math.max(0, ring.writePosition() - position);
    }

    /** The sequence number of the next record this reader will see. */
    public long position() {
        return position;
    }

    /** How many records this reader has lost to overwriting so far. */
    public long lost() {
        return lost;
    }

    private void skipTo(long next, RingHandler<? super T> handler) {
        long count = next - position;
        lost += count;
        handler.onLoss(position, count);
        position = next;
    }
}
