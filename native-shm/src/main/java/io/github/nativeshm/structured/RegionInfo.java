/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * One entry of a segment's region directory, as read from the segment.
 *
 * @param name        the region name
 * @param kind        what the region holds
 * @param layoutName  the struct's name (empty for raw regions)
 * @param fingerprint the struct layout's fingerprint (0 for raw regions)
 * @param elementSize the struct's size in bytes (1 for raw regions)
 * @param capacity    1 for values, slots for arrays and rings, bytes for raw regions
 * @param offset      where the region starts in the segment
 * @param length      the region's length in bytes
 * @param layoutDescription the canonical text of the struct layout, from which the structs can be
 *                    decoded without the Java type (empty for raw regions)
 */
public record RegionInfo(String name, RegionKind kind, String layoutName, long fingerprint, int elementSize,
                         long capacity, long offset, long length, String layoutDescription) {

    /** {@return the layout as error messages show it: "Item (120 bytes, fingerprint 0x...)"} */
    public String describeLayout() {
        return kind == RegionKind.RAW ? "raw bytes"
                : layoutName + " (" + elementSize + " bytes, fingerprint " + String.format("0x%016x", fingerprint) + ")";
    }
}
