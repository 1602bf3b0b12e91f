/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.LayoutDescription;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;


/**
 * Any value, array or ring region, read without its Java record: structs are decoded with the
 * layout description the segment stores for the region ({@link RegionInfo#layoutDescription()}),
 * into maps of field name to value (see {@link LayoutDescription#read}). For tools that show
 * what a segment holds; the protocols are those of {@link SharedValue}, {@link SharedArray} and
 * {@link EventRing}, for reading only.
 *
 * <pre>{@code
 * try (StructuredSegment segment = StructuredSegment.open("prices")) {
 *     UntypedRegion quotes = UntypedRegion.of(segment, "quotes");
 *     Map<String, Object> first = quotes.read(0);          // {id=7, symbol=ACME, price=12.5}
 * }
 * }</pre>
 */
public final class UntypedRegion {
    private final RegionMemory region;
    private final LayoutDescription layout;

    private UntypedRegion(RegionMemory region, LayoutDescription layout) {
        this.region = region;
        this.layout = layout;
    }

    /**
     * The value, array or ring region {@code name} of {@code segment}.
     *
     * @param segment the open segment that holds the region
     * @param name    the region's name
     * @return the region, for reading
     * @throws SegmentException {@code NO_SUCH_REGION} if there is none or it is raw;
     *                          {@code CORRUPT} if its layout description is invalid or does not
     *                          match its element size
     */
    public static UntypedRegion of(StructuredSegment segment, String name) {
        segment.checkOpen();
        RegionInfo info = segment.regions().stream().filter(region -> region.name().equals(name)).findFirst()
                .orElseThrow(() -> new SegmentException(Reason.NO_SUCH_REGION, "use", segment.name(), "no region '"
                        + name + "'; it has " + segment.regions().stream().map(RegionInfo::name)
                        .collect(Collectors.joining(", "))));
        if (info.kind() == RegionKind.RAW) {
            throw new SegmentException(Reason.NO_SUCH_REGION, "use", segment.name(), "region '" + name
                    + "' is RAW, which holds bytes, not structs");
        }
        LayoutDescription layout;
        try {
            layout = LayoutDescription.parse(info.layoutDescription());
        } catch (IllegalArgumentException e) {
            throw new SegmentException(Reason.CORRUPT, "read", segment.name(), "region '" + name + "': "
                    + e.getMessage());
        }
        if (layout.size() != info.elementSize()) {
            throw new SegmentException(Reason.CORRUPT, "read", segment.name(), "region '" + name + "': its layout "
                    + layout + " does not match its element size " + info.elementSize());
        }
        return new UntypedRegion(segment.regionMemory(info), layout);
    }

    /** {@return the region's directory entry} */
    public RegionInfo info() {
        return region.info;
    }

    /** {@return the struct layout, from the segment's description} */
    public LayoutDescription layout() {
        return layout;
    }

    /**
     * The struct in slot {@code index} (0 for a value), read tear-free, or null if the slot is
     * empty.
     *
     * @param index the slot: 0 to the capacity - 1, 0 for a value
     * @return the struct's field values by name, or null
     * @throws IllegalStateException     if this is a ring
     * @throws IndexOutOfBoundsException if there is no such slot
     * @throws SegmentException          {@code WRITER_DEAD} or {@code TIMEOUT} when a write never
     *                                   completes (see {@link SharedValue#read()})
     */
    public Map<String, Object> read(int index) {
        int slot = slot(index);
        return region.guard("read", () -> SeqLock.read(region, slot, layout::read));
    }

    /**
     * Whether slot {@code index} (0 for a value) holds a struct; throws as {@link #read(int)}.
     *
     * @param index the slot: 0 to the capacity - 1, 0 for a value
     * @return whether the slot holds a struct
     */
    public boolean isOccupied(int index) {
        int slot = slot(index);
        return region.guard("read", () -> SeqLock.read(region, slot, (buffer, offset) -> Boolean.TRUE)) != null;
    }

    /** {@return a number that changes on every write to the region; see {@link #awaitChange}} */
    public int changeCount() {
        return region.guard("read", region::changeCount);
    }

    /**
     * Blocks until the region changes after the count {@code seen}, or the timeout passes, without
     * polling where the platform allows (see {@link SharedValue#awaitChange}).
     *
     * @param seen    a {@link #changeCount()} the caller has already acted on
     * @param timeout how long to wait at most
     * @return the change count now: equal to {@code seen} if the wait timed out
     */
    public int awaitChange(int seen, Duration timeout) {
        return region.guard("wait on", () -> region.awaitChange(seen, timeout));
    }

    /**
     * The number of records ever appended to this ring.
     *
     * @return the sequence number the next record gets
     * @throws IllegalStateException if this is not a ring
     * @throws SegmentException      {@code CORRUPT} if the stored position is out of range
     */
    public long writePosition() {
        requireRing();
        return region.guard("read", () -> RingReader.writePosition(region));
    }

    /**
     * A new reader of this ring, at the oldest retained record or after the newest.
     *
     * @param start where the reader starts
     * @return the reader, which hands over each record's field values by name
     * @throws IllegalStateException if this is not a ring
     */
    public RingReader<Map<String, Object>> reader(EventRing.Start start) {
        requireRing();
        return new RingReader<>(region, layout::read, region.guard("read", () -> RingReader.startPosition(region, start)));
    }

    /**
     * A new reader of this ring at sequence {@code position}; if that record is gone, its first
     * poll reports the loss.
     *
     * @param position the sequence number of the first record to read
     * @return the reader, which hands over each record's field values by name
     * @throws IllegalStateException if this is not a ring
     */
    public RingReader<Map<String, Object>> readerAt(long position) {
        requireRing();
        return new RingReader<>(region, layout::read, RingReader.checkedStart(position));
    }

    private int slot(int index) {
        region.owner.checkOpen();
        if (info().kind() == RegionKind.RING) {
            throw new IllegalStateException(region.describe() + " is a ring; read it with a cursor");
        }
        Objects.checkIndex(index, info().capacity());
        return region.slotOffset(index);
    }

    private void requireRing() {
        if (info().kind() != RegionKind.RING) {
            throw new IllegalStateException(region.describe() + " is " + info().kind() + ", not a ring");
        }
    }
}
