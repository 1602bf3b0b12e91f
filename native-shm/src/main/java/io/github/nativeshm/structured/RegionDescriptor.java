/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * The inside of a region. Every value, array and ring region starts with a 64-byte region header
 * (one cache line) followed by {@code capacity} slots; a raw region is just bytes.
 *
 * <pre>
 *  region header                               slot (stride = align8(16 + element size))
 *  +-----------------------------------+       +-----------------------------------+
 *  | change count (u32, futex word)  0 |       | sequence (u64)                  0 |
 *  | waiters (u32)                   4 |       | flags (u32): 1 = empty          8 |
 *  | write position (u64)            8 |       | reserved (u32)                 12 |
 *  | repairs (u64)                  16 |       | element: the struct's bytes    16 |
 *  | reserved, zero          24 .. 63  |       | padding to the stride             |
 *  +-----------------------------------+       +-----------------------------------+
 * </pre>
 *
 * <p><b>Value and array slots</b> are seqlocks with a single writer. The sequence is even when the
 * slot is stable and odd while the writer changes it; 0 means never written. The writer stores
 * {@code seq + 1} (an atomic add, so that it owns the cache line in one trip), a store-store fence,
 * the flags and element, then {@code seq + 2} with release.
 * A reader loads the sequence with acquire, retries while it is odd, copies flags and element,
 * issues a load-load fence and accepts the copy only if the sequence is unchanged. A slot with
 * the empty flag (never written, cleared, or repaired after its writer died) reads as absent.
 *
 * <p><b>Ring slots</b> hold record {@code p} in slot {@code p mod capacity} (capacity is a power of
 * two). Its sequence is {@code 2p + 1} while being written and {@code 2p + 2} once complete. The
 * write position is the number of records ever appended, stored with release after the slot.
 * Records older than {@code writePosition - capacity} are overwritten: a reader that asks for one
 * learns how many it lost. A reader that keeps up looks at the slot's sequence first and loads the
 * write position only when the slot does not tell (see {@link RingReader#poll}).
 *
 * <p><b>Change count</b>: the writer increments it (volatile) after every write and wakes
 * sleepers (futex / named event) only when {@code waiters} is non-zero; a reader increments
 * {@code waiters} (volatile) before it re-checks the count and sleeps. Ring appends and value or
 * array writes may be quiet ({@link EventRing#appendQuietly}, {@link SharedValue#writeQuietly},
 * {@link SharedArray#writeQuietly}): then the count moves, and sleepers wake, at the writer's next
 * {@code signal()}.
 */
final class RegionDescriptor {
    static final int HEADER_LENGTH = 64;
    static final int CHANGE_COUNT_OFFSET = 0;
    static final int WAITERS_OFFSET = 4;
    static final int WRITE_POSITION_OFFSET = 8;
    static final int REPAIRS_OFFSET = 16;

    static final int SLOT_HEADER_LENGTH = 16;
    static final int SLOT_SEQUENCE_OFFSET = 0;
    static final int SLOT_FLAGS_OFFSET = 8;
    static final int FLAG_EMPTY = 1;

    private RegionDescriptor() {
    }

    /** Bytes from one slot to the next: the slot header, the element, padding to 8. */
    static long slotStride(int elementSize) {
        return (SLOT_HEADER_LENGTH + (long) elementSize + 7) & ~7L;
    }

    /** The length of a slotted region, or -1 if it overflows a long. */
    static long slottedLength(int elementSize, long capacity) {
        long stride = slotStride(elementSize);
        if (capacity < 0 || capacity > (Long.MAX_VALUE - HEADER_LENGTH) / stride) {
            return -1;
        }
        return HEADER_LENGTH + capacity * stride;
    }
}
