/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * The segment header: the first {@value #LENGTH} bytes of every structured segment. All numbers
 * are in the byte order of the machine (segments are shared on one machine); offsets are bytes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 magic: the bytes 'N' 'S' 'H' 'M'              |  0
 *  +-------------------------------+-------------------------------+
 *  |        format version         |      header length (128)      |  4
 *  +-------------------------------+-------------------------------+
 *  |                  segment size (logical, bytes)                |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             epoch: random, non-zero, new per create           | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     state: 0 formatting, 1 ready, 2 retired (acquire/release) | 24
 *  +---------------------------------------------------------------+
 *  |                         region count                          | 28
 *  +---------------------------------------------------------------+
 *  |                  directory offset (128)                       | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                directory entry length (128)                   | 40
 *  +---------------------------------------------------------------+
 *  |                 writer generation (+1 per attach)             | 44
 *  +---------------------------------------------------------------+
 *  |                        writer pid                             | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        writer heartbeat (ms since 1970, opaque stores)        | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   writer process start (ms since 1970; tells pid reuse apart) | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 reserved, zero (72 .. 127)                    | 72
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A creator writes everything, the directory and the regions' headers included, and then
 * stores {@code state = READY} with release semantics; a reader loads {@code state} with acquire
 * semantics before trusting anything else. A writer that replaces a segment stores
 * {@code RETIRED} into the old one so that its readers re-attach.
 */
final class HeaderDescriptor {
    static final int LENGTH = 128;
    static final byte[] MAGIC = {'N', 'S', 'H', 'M'};
    static final int FORMAT_VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int HEADER_LENGTH_OFFSET = 6;
    static final int SEGMENT_SIZE_OFFSET = 8;
    static final int EPOCH_OFFSET = 16;
    static final int STATE_OFFSET = 24;
    static final int REGION_COUNT_OFFSET = 28;
    static final int DIRECTORY_OFFSET_OFFSET = 32;
    static final int DIRECTORY_ENTRY_LENGTH_OFFSET = 40;
    static final int WRITER_GENERATION_OFFSET = 44;
    static final int WRITER_PID_OFFSET = 48;
    static final int WRITER_HEARTBEAT_OFFSET = 56;
    static final int WRITER_START_OFFSET = 64;

    static final int STATE_FORMATTING = 0;
    static final int STATE_READY = 1;
    static final int STATE_RETIRED = 2;

    private HeaderDescriptor() {
    }
}
