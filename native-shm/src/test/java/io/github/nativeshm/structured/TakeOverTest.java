/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.structured.StressTest.Child;
import io.github.nativeshm.structured.WriterChild.Note;
import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may become the writer of an existing segment, with real second processes: never while
 * another live process writes it, whatever its regions; freely once that writer is gone.
 */
@ExtendWith(TestSegments.class)
class TakeOverTest {
    /** Other regions than the child's: what a second, differently configured writer would ask for. */
    private static final SegmentSpec OTHER_SPEC = SegmentSpec.builder().array("notes", Note.class, 16).build();

    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    @Test
    void aLiveWritersSegmentIsNeverTakenOverWhateverTheLayout() throws Exception {
        long epoch;
        try (Child writer = Child.start("live writer", ChildJvm.command(WriterChild.class, "hold", name))) {
            epoch = Long.parseLong(Child.parse(writer.awaitLine("ready", Duration.ofSeconds(60))).get("epoch"));
            String alive = "another live process is its writer (process " + writer.process().pid()
                    + " is its writer and is still running)";

            for (SegmentSpec spec : List.of(OTHER_SPEC, WriterChild.SPEC)) {
                SegmentException replacing = assertThrows(SegmentException.class, () -> StructuredSegment.createOrAttach(name, spec));
                assertEquals(Reason.WRITER_ALIVE, replacing.reason(), replacing.getMessage());
                assertEquals("cannot attach a writer to segment '" + name + "': " + alive, replacing.getMessage());
                SegmentException attaching = assertThrows(SegmentException.class, () -> StructuredSegment.attachWriter(name, spec));
                assertEquals(Reason.WRITER_ALIVE, attaching.reason(), attaching.getMessage());
            }

            try (StructuredSegment reader = StructuredSegment.open(name)) {
                assertEquals(epoch, reader.epoch(), "the same segment, not a re-created one");
                assertEquals(SegmentHeader.State.READY, reader.header().state());
                assertEquals(writer.process().pid(), reader.header().writerPid(), "the child is still its writer");
                assertEquals(WriterChild.NOTE, reader.value("note", Note.class).read());
            }
            writer.send("check");
            assertEquals("state=READY retired=false damage=none", writer.awaitLine("state", Duration.ofSeconds(30)),
                    "the live writer's segment is untouched, seen from the writer");
            writer.stdin().close();
            writer.awaitSuccess(Duration.ofSeconds(30));
        }

        try (StructuredSegment oldReader = StructuredSegment.open(name);
             StructuredSegment replaced = StructuredSegment.createOrAttach(name, OTHER_SPEC)) {
            assertNotEquals(epoch, replaced.epoch(), "with its writer gone, other regions replace the segment");
            assertTrue(oldReader.isRetired());
            assertFalse(replaced.isRetired());
        }
    }

    @Test
    void theSameProcessMayReattachAndReplaceItsOwnSegment() {
        try (StructuredSegment first = StructuredSegment.create(name, WriterChild.SPEC);
             StructuredSegment again = StructuredSegment.createOrAttach(name, WriterChild.SPEC)) {
            assertEquals(first.epoch(), again.epoch());
            try (StructuredSegment replaced = StructuredSegment.createOrAttach(name, OTHER_SPEC)) {
                assertTrue(first.isRetired());
                assertNotEquals(first.epoch(), replaced.epoch());
            }
        }
    }
}
