/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.time.Instant;

/**
 * The header of a structured segment at the moment it was read.
 *
 * @param formatVersion      the segment format version
 * @param size               the logical segment size in bytes
 * @param epoch              random, non-zero, new every time the segment is created
 * @param state              formatting, ready or retired
 * @param writerGeneration   how many times a writer attached (1 for the creator)
 * @param writerPid          the process id of the last writer (0 if none)
 * @param writerHeartbeat    when the writer last called {@link StructuredSegment#heartbeat()}
 * @param writerStart        when the writer's process started (tells a reused pid apart)
 * @param regionCount        the number of regions
 */
public record SegmentHeader(int formatVersion, long size, long epoch, State state, int writerGeneration,
                            long writerPid, Instant writerHeartbeat, Instant writerStart, int regionCount) {

    /** The lifecycle of a segment. */
    public enum State {
        /** The creator is still writing the header and directory. */
        FORMATTING,
        /** Readers may use it. */
        READY,
        /** A newer segment replaced this one under the same name; readers should re-open. */
        RETIRED
    }
}
