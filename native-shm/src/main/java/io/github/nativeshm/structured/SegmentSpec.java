/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.layout.Layout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions a structured segment holds, in order: what a writer creates and what it checks when
 * it re-attaches to an existing segment.
 *
 * <pre>{@code
 * SegmentSpec spec = SegmentSpec.builder()
 *         .value("status", Status.class)
 *         .array("items", Item.class, 1000)
 *         .ring("events", Event.class, 4096)
 *         .build();
 * }</pre>
 */
public final class SegmentSpec {
    /** Longest region name in UTF-8 bytes (the directory keeps 32 with a terminating NUL). */
    public static final int MAX_REGION_NAME = DirectoryDescriptor.NAME_LENGTH - 1;

    private final List<RegionSpec> regions;
    private final long size;

    /** One region to create: a struct layout (null for raw) and a capacity. */
    record RegionSpec(String name, RegionKind kind, Layout<?> layout, long capacity) {
        int elementSize() {
            return layout == null ? 1 : layout.size();
        }

        long fingerprint() {
            return layout == null ? 0 : layout.fingerprint();
        }

        String layoutName() {
            return layout == null ? "" : layout.name();
        }

        byte[] description() {
            return layout == null ? new byte[0] : layout.canonical().getBytes(StandardCharsets.UTF_8);
        }

        long length() {
            return kind == RegionKind.RAW ? capacity : RegionDescriptor.slottedLength(elementSize(), capacity);
        }
    }

    private SegmentSpec(List<RegionSpec> regions) {
        this.regions = List.copyOf(regions);
        long end = descriptionsOffset(regions.size());
        for (RegionSpec region : regions) {
            end += region.description().length;
        }
        for (RegionSpec region : regions) {
            end = align(end) + region.length();
        }
        if (end > Segment.MAX_SIZE) {
            throw new IllegalArgumentException("the regions need " + end + " bytes; a segment holds at most "
                    + Segment.MAX_SIZE);
        }
        this.size = end;
    }

    /** {@return a builder with no regions yet} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the segment size these regions need, header and directory included} */
    public long size() {
        return size;
    }

    List<RegionSpec> regions() {
        return regions;
    }

    /** Where the layout descriptions start: right after the directory. */
    static long descriptionsOffset(int regionCount) {
        return HeaderDescriptor.LENGTH + (long) regionCount * DirectoryDescriptor.ENTRY_LENGTH;
    }

    static long align(long offset) {
        long alignment = DirectoryDescriptor.REGION_ALIGNMENT;
        return (offset + alignment - 1) & -alignment;
    }

    /** Collects regions; names must be unique. */
    public static final class Builder {
        private final Map<String, RegionSpec> regions = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * A single struct guarded by a seqlock.
         *
         * @param name the region's name, unique in the segment: 1 to {@value SegmentSpec#MAX_REGION_NAME}
         *             characters from {@code A-Z a-z 0-9 _ . -}
         * @param type the record class of the struct
         * @return this builder
         */
        public Builder value(String name, Class<? extends Record> type) {
            return add(new RegionSpec(name, RegionKind.VALUE, Layout.of(type), 1));
        }

        /**
         * {@code capacity} structs, each guarded by its own seqlock.
         *
         * @param name     the region's name, unique in the segment: 1 to {@value SegmentSpec#MAX_REGION_NAME}
         *                 characters from {@code A-Z a-z 0-9 _ . -}
         * @param type     the record class of the structs
         * @param capacity the number of structs, at least 1
         * @return this builder
         */
        public Builder array(String name, Class<? extends Record> type, int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("array '" + name + "' needs a capacity of at least 1, not " + capacity);
            }
            return add(new RegionSpec(name, RegionKind.ARRAY, Layout.of(type), capacity));
        }

        /**
         * A broadcast ring of {@code capacity} records; the capacity is a power of two.
         *
         * @param name     the region's name, unique in the segment: 1 to {@value SegmentSpec#MAX_REGION_NAME}
         *                 characters from {@code A-Z a-z 0-9 _ . -}
         * @param type     the record class of the records
         * @param capacity how many records the ring keeps: a power of two, at least 2
         * @return this builder
         */
        public Builder ring(String name, Class<? extends Record> type, int capacity) {
            if (capacity < 2 || Integer.bitCount(capacity) != 1) {
                throw new IllegalArgumentException("ring '" + name + "' needs a power-of-two capacity of at least 2, not "
                        + capacity);
            }
            return add(new RegionSpec(name, RegionKind.RING, Layout.of(type), capacity));
        }

        /**
         * {@code bytes} plain bytes.
         *
         * @param name the region's name, unique in the segment: 1 to {@value SegmentSpec#MAX_REGION_NAME}
         *             characters from {@code A-Z a-z 0-9 _ . -}
         * @param bytes the region's length, at least 1
         * @return this builder
         */
        public Builder raw(String name, int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("raw region '" + name + "' needs at least 1 byte, not " + bytes);
            }
            return add(new RegionSpec(name, RegionKind.RAW, null, bytes));
        }

        private Builder add(RegionSpec region) {
            checkRegionName(region.name());
            if (regions.putIfAbsent(region.name(), region) != null) {
                throw new IllegalArgumentException("region '" + region.name() + "' is declared twice");
            }
            return this;
        }

        /**
         * The spec; at least one region.
         *
         * @return the spec of the regions added so far, in order
         */
        public SegmentSpec build() {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("a segment spec needs at least one region");
            }
            if (regions.size() > DirectoryDescriptor.MAX_REGIONS) {
                throw new IllegalArgumentException(regions.size() + " regions; at most " + DirectoryDescriptor.MAX_REGIONS);
            }
            return new SegmentSpec(new ArrayList<>(regions.values()));
        }
    }

    static void checkRegionName(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        boolean valid = bytes >= 1 && bytes <= MAX_REGION_NAME && name.chars().allMatch(c ->
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
        if (!valid) {
            throw new IllegalArgumentException("region name '" + name + "' must be 1-" + MAX_REGION_NAME
                    + " characters from A-Z a-z 0-9 _ . -");
        }
    }
}
