/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.structured.WriterChild.Note;
import io.github.nativeshm.testing.OtherUser;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A segment planted by another user (nobody, through {@code setpriv}, exiting after it created the
 * segment) is never taken over by a writer of this user, even root who could open it: attach,
 * create-or-attach and replace all refuse with FOREIGN_OWNER naming the owner, and the segment is
 * left as it was. Readers may still open it.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class ForeignOwnerTest {
    private static final SegmentSpec OTHER_SPEC = SegmentSpec.builder().array("notes", Note.class, 16).build();

    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    @BeforeAll
    static void needRoot() throws Exception {
        OtherUser.assumeRoot("to create a segment as another user");
    }

    @Test
    void aWriterNeverTakesOverAnotherUsersSegment(@TempDir Path scratch) throws Exception {
        String created = Processes.run(OtherUser.command(scratch, WriterChild.class, "create", name)).strip();
        long epoch = Long.parseLong(created.substring(created.indexOf('=') + 1));
        Path file = Path.of("/dev/shm", name);
        byte[] planted = Files.readAllBytes(file);
        String owner = "uid " + OtherUser.NOBODY + " (nobody)";

        for (SegmentSpec spec : List.of(WriterChild.SPEC, OTHER_SPEC)) {
            for (String call : List.of("attachWriter", "createOrAttach")) {
                SegmentException e = assertThrows(SegmentException.class, () -> {
                    try (StructuredSegment ignored = call.equals("attachWriter") ? StructuredSegment.attachWriter(name, spec)
                            : StructuredSegment.createOrAttach(name, spec)) {
                        return;
                    }
                }, call);
                assertEquals(Reason.FOREIGN_OWNER, e.reason(), e.getMessage());
                assertEquals("cannot attach a writer to segment '" + name + "': owned by another user (it belongs to "
                        + owner + "; a writer takes over only its own user's segments)", e.getMessage());
            }
        }

        assertArrayEquals(planted, Files.readAllBytes(file), "not a byte of it changed");
        assertEquals(Integer.parseInt(OtherUser.NOBODY), (int) Files.getAttribute(file, "unix:uid"));
        try (StructuredSegment reader = StructuredSegment.open(name)) {
            assertEquals(epoch, reader.epoch());
            assertFalse(reader.isRetired());
            assertEquals(WriterChild.NOTE, reader.value("note", Note.class).read());
            assertEquals(owner, reader.segment().owner());
            assertFalse(reader.segment().isOwnedByCurrentUser());
        }
    }

    @Test
    void aSegmentOfThisUserIsItsOwn() {
        try (Segment segment = Segment.create(name, 64)) {
            assertEquals("uid 0 (root)", segment.owner());
            assertTrue(segment.isOwnedByCurrentUser());
            assertEquals(Optional.empty(), segment.damage());
        }
    }
}
