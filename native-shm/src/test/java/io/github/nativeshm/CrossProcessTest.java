/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real second JVM reads and writes the same segment. */
@ExtendWith(TestSegments.class)
class CrossProcessTest {

    @Test
    void childWritesParentReads() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            try {
                assertEquals("wrote", ChildJvm.run(SegmentChild.class, "write", name, "4088", "-1234567890123").strip());
                assertEquals(-1234567890123L, segment.getLong(4088));
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void parentWritesChildReads() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 64)) {
            try {
                segment.putLong(8, 0x0123_4567_89ab_cdefL);
                assertEquals(Long.toString(0x0123_4567_89ab_cdefL), ChildJvm.run(SegmentChild.class, "read", name, "8").strip());
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void readOnlyAttachInAnotherProcessCannotWrite() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 64)) {
            try {
                segment.putLong(0, 77);
                Processes.Result result = Processes.runForResult(ChildJvm.command(SegmentChild.class, "write-read-only", name));
                assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
                assertTrue(result.stderr().contains("READ_ONLY: cannot write segment '" + name
                        + "': the segment is open read-only"), result::toString);
                assertEquals(77, segment.getLong(0), "the value is unchanged");
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void childSeesMissingSegmentAsNotFound() throws Exception {
        String name = TestSegments.uniqueName();
        Processes.Result result = Processes.runForResult(ChildJvm.command(SegmentChild.class, "read", name, "0"));
        assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("NOT_FOUND: cannot open read-only segment '" + name
                + "': no such segment (" + OsErrors.NOT_FOUND), result::toString);
    }
}
