/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * The region directory: {@code region count} entries of {@value #ENTRY_LENGTH} bytes from the
 * directory offset (right after the header). The layout descriptions follow the directory: for
 * each struct region, the canonical text of its layout (UTF-8, field names, C types and offsets;
 * its FNV-1a 64 hash is the fingerprint), so that any program can decode the structs without the
 * Java types. Regions follow the descriptions, each starting on a {@value #REGION_ALIGNMENT}-byte
 * boundary, in directory order, without overlap.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        region name: 32 bytes UTF-8, NUL-padded                |  0
 *  +---------------------------------------------------------------+
 *  |      kind: 1 value, 2 array, 3 ring, 4 raw                    | 32
 *  +---------------------------------------------------------------+
 *  |      element size (the struct's C sizeof; 1 for raw)          | 36
 *  +---------------------------------------------------------------+
 *  |      layout fingerprint (0 for raw)                           | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      capacity: 1 (value), slots (array, ring), bytes (raw)    | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      region offset from the segment start                    | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      region length in bytes                                   | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      layout name: 24 bytes UTF-8, NUL-padded (for messages)   | 72
 *  +---------------------------------------------------------------+
 *  |      layout description offset (0 for raw)                    | 96
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      layout description length in bytes (0 for raw)          | 104
 *  +---------------------------------------------------------------+
 *  |      reserved, zero (108 .. 127)                              | 108
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class DirectoryDescriptor {
    static final int ENTRY_LENGTH = 128;
    static final int REGION_ALIGNMENT = 64;
    static final int MAX_REGIONS = 1024;

    static final int NAME_OFFSET = 0;
    static final int NAME_LENGTH = 32;
    static final int KIND_OFFSET = 32;
    static final int ELEMENT_SIZE_OFFSET = 36;
    static final int FINGERPRINT_OFFSET = 40;
    static final int CAPACITY_OFFSET = 48;
    static final int REGION_OFFSET_OFFSET = 56;
    static final int REGION_LENGTH_OFFSET = 64;
    static final int LAYOUT_NAME_OFFSET = 72;
    static final int LAYOUT_NAME_LENGTH = 24;
    static final int DESCRIPTION_OFFSET_OFFSET = 96;
    static final int DESCRIPTION_LENGTH_OFFSET = 104;
    /** Longest layout description a reader accepts. */
    static final int MAX_DESCRIPTION_LENGTH = 1 << 20;

    private DirectoryDescriptor() {
    }

    /** Where entry {@code index} starts, given the directory's offset. */
    static int entryOffset(int directoryOffset, int index) {
        return directoryOffset + index * ENTRY_LENGTH;
    }
}
