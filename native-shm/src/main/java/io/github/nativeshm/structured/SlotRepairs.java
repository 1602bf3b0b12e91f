/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer's repairs of value and array slots left odd (the rules are in
 * {@code docs/segment-format.md}, section 10): the slots a dead writer left, at attach; the slots
 * odd with the same sequence at two successive checks; a slot the writer's own read found stuck.
 * Each repair is counted in its region's header and logged once per slot, under the name of
 * {@link StructuredSegment}.
 */
final class SlotRepairs {
    private static final System.Logger LOG = System.getLogger(StructuredSegment.class.getName());

    private final String segment;
    private final ByteBuffer buffer;
    private final List<RegionInfo> regions;
    /** The odd slots (by offset) the last {@link #repairOddTwice()} saw, with their sequences. */
    private Map<Integer, Long> oddAtLastCheck = Map.of();
    /** The slots (by offset) whose repair was logged: each is logged once. */
    private final Set<Integer> reportedSlots = ConcurrentHashMap.newKeySet();

    SlotRepairs(String segment, ByteBuffer buffer, List<RegionInfo> regions) {
        this.segment = segment;
        this.buffer = buffer;
        this.regions = regions;
    }

    /** Empties the slots the previous writer left odd: it died inside them. */
    void repairDeadWritersSlots() {
        forEachSlot((region, slot) -> repair(region, slot, sequence(slot), "its previous writer died while writing it"));
    }

    /** Empties the slots odd with the same sequence at this call and the previous one; returns how many. */
    synchronized int repairOddTwice() {
        Map<Integer, Long> oddNow = new HashMap<>();
        int[] repaired = {0};
        forEachSlot((region, slot) -> {
            long sequence = sequence(slot);
            if ((sequence & 1) == 0) {
                return;
            }
            Long before = oddAtLastCheck.get(slot);
            if (before != null && before == sequence && repair(region, slot, sequence,
                    "it stayed odd across two checks by its writer (corruption, not a write in progress)")) {
                repaired[0]++;
            } else {
                oddNow.put(slot, sequence);
            }
        });
        oddAtLastCheck = oddNow;
        return repaired[0];
    }

    /**
     * Empties slot {@code slot} of {@code region} if its sequence is still the odd {@code stuck},
     * counts it in the region's repairs and logs it (once per slot).
     *
     * @return whether it did
     */
    boolean repair(RegionInfo region, int slot, long stuck, String why) {
        if (!SeqLock.repair(buffer, slot, region.elementSize(), stuck)) {
            return false;
        }
        SegmentAccess.getAndAddLong(buffer, (int) region.offset() + RegionDescriptor.REPAIRS_OFFSET, 1L);
        if (reportedSlots.add(slot)) {
            long index = (slot - region.offset() - RegionDescriptor.HEADER_LENGTH)
                    / RegionDescriptor.slotStride(region.elementSize());
            LOG.log(System.Logger.Level.WARNING, "segment '" + segment + "': emptied slot " + index + " of region '"
                    + region.name() + "', left mid-write with sequence " + stuck + ": " + why);
        }
        return true;
    }

    private long sequence(int slot) {
        return (long) SegmentAccess.LONG.getOpaque(buffer, slot + RegionDescriptor.SLOT_SEQUENCE_OFFSET);
    }

    /** Visits every value and array slot (ring slots need no repair: an unpublished record is rewritten by the next append). */
    private void forEachSlot(SlotVisitor visitor) {
        for (RegionInfo region : regions) {
            if (region.kind() != RegionKind.VALUE && region.kind() != RegionKind.ARRAY) {
                continue;
            }
            long stride = RegionDescriptor.slotStride(region.elementSize());
            for (long index = 0; index < region.capacity(); index++) {
                visitor.visit(region, (int) (region.offset() + RegionDescriptor.HEADER_LENGTH + index * stride));
            }
        }
    }

    private interface SlotVisitor {
        void visit(RegionInfo region, int slot);
    }
}
