/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Create-or-attach against other processes that create and remove the name in between: the steps
 * are given here as the other side would make them fail. A live writer met on the way is
 * {@code WRITER_ALIVE}, never a race.
 */
class CreateOrAttachRaceTest {
    private final AtomicInteger attaches = new AtomicInteger();
    private final AtomicInteger creates = new AtomicInteger();

    @Test
    void missingWhenAttachedAndThereWhenCreatedEveryTimeIsCreateRace() {
        SegmentException e = assertThrows(SegmentException.class, () -> StructuredSegment.createOrAttach("race",
                () -> fail(attaches, Reason.NOT_FOUND), () -> fail(creates, Reason.EXISTS)));

        assertEquals(Reason.CREATE_RACE, e.reason());
        assertEquals("cannot create or attach to segment 'race': lost the race with other creators "
                + "(3 times it was missing when attached and existed when created)", e.getMessage());
        assertEquals(Reason.EXISTS, ((SegmentException) e.getCause()).reason());
        assertEquals(StructuredSegment.CREATE_OR_ATTACH_ATTEMPTS, attaches.get());
        assertEquals(StructuredSegment.CREATE_OR_ATTACH_ATTEMPTS, creates.get());
    }

    @Test
    void aLiveWriterIsWriterAliveNotARace() {
        // Missing at first; then another process created it first and is writing it.
        SegmentException e = assertThrows(SegmentException.class, () -> StructuredSegment.createOrAttach("race",
                () -> attaches.get() == 0 ? fail(attaches, Reason.NOT_FOUND) : fail(attaches, Reason.WRITER_ALIVE),
                () -> fail(creates, Reason.EXISTS)));

        assertEquals(Reason.WRITER_ALIVE, e.reason());
        assertEquals(2, attaches.get());
        assertEquals(1, creates.get());
    }

    @Test
    void aSegmentAnotherCreatorIsFormattingIsWaitedForNotReplaced() {
        String name = "nshm-race-" + ProcessHandle.current().pid();
        try (Segment formatting = Segment.create(name, 4096)) {
            StructuredSegment attached = StructuredSegment.createOrAttach(name,
                    () -> attaches.get() < 3 ? fail(attaches, Reason.NOT_READY) : null, () -> fail(creates, Reason.EXISTS));

            assertNull(attached, "the fourth attach succeeded");
            assertEquals(0, creates.get());
            try (Segment still = Segment.openReadOnly(name)) {
                assertEquals(4096, still.size(), "not retired");
            }
        } finally {
            Segment.unlink(name);
        }
    }

    @Test
    void aSegmentStillNotReadyAfterTheLimitIsReplaced() {
        String name = "nshm-race-" + ProcessHandle.current().pid();
        try (Segment abandoned = Segment.create(name, 4096)) {
            long start = System.nanoTime();
            StructuredSegment.createOrAttach(name, () -> fail(attaches, Reason.NOT_READY), () -> {
                creates.incrementAndGet();
                return null;
            });

            assertTrue(System.nanoTime() - start >= StructuredSegment.NOT_READY_PATIENCE_NANOS);
            assertTrue(attaches.get() > 1, "re-attached while waiting");
            assertEquals(1, creates.get());
            assertEquals(Reason.NOT_FOUND, assertThrows(SegmentException.class, () -> Segment.openReadOnly(name)).reason(),
                    "retired and unlinked");
        }
    }

    private static StructuredSegment fail(AtomicInteger count, Reason reason) {
        count.incrementAndGet();
        throw new SegmentException(reason, "step", "race", null);
    }
}
