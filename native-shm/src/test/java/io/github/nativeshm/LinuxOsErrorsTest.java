/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.OtherUser;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors that only the OS can produce, provoked for real in a child process: another user is
 * refused a 0600 segment, and a full /dev/shm (a 1 MiB tmpfs in a private mount namespace)
 * fails the create with "no space" instead of a SIGBUS later. Both need root (as CI has) to
 * switch users or mount; elsewhere they are skipped with that reason.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class LinuxOsErrorsTest {
    @BeforeAll
    static void needRoot() throws Exception {
        OtherUser.assumeRoot("to run a child as another user and to mount a tmpfs");
    }

    @Test
    void anotherUserIsRefusedAnOwnerOnlySegment(@TempDir Path scratch) throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 64)) {
            try {
                Processes.Result result = Processes.runForResult(OtherUser.command(scratch, SegmentChild.class,
                        "read", name, "0"));

                assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
                assertTrue(result.stderr().contains("PERMISSION_DENIED: cannot open read-only segment '" + name
                        + "': permission denied (shm_open: EACCES, Permission denied)"), result::toString);
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void fullShmFailsTheCreateWithNoSpace() throws Exception {
        String name = TestSegments.uniqueName();
        String child = String.join(" ", ChildJvm.command(SegmentChild.class, "create", name, Integer.toString(4 << 20))
                .stream().map(LinuxOsErrorsTest::shellQuote).toList());
        Processes.Result result = Processes.runForResult(List.of("unshare", "--mount", "--", "sh", "-c",
                "mount -t tmpfs -o size=1m tmpfs /dev/shm && exec " + child));

        assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("NO_SPACE: cannot create segment '" + name
                + "': not enough space (posix_fallocate: ENOSPC, No space left on device)"), result::toString);
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
