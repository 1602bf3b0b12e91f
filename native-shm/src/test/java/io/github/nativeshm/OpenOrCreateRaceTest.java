/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.SegmentException.Reason;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Create-or-open against other processes that create and remove the name in between: the steps
 * are given here as the other side would make them fail, which no scheduling can do on demand.
 */
class OpenOrCreateRaceTest {
    private static final String NAME = "race";

    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger opens = new AtomicInteger();

    @Test
    void losingEveryRaceIsCreateRace() {
        SegmentException e = assertThrows(SegmentException.class, () -> Segment.createOrOpen(
                () -> fail(creates, Reason.EXISTS), () -> fail(opens, Reason.NOT_FOUND)));

        assertEquals(Reason.CREATE_RACE, e.reason());
        assertEquals("cannot open or create segment 'race': lost the race with other creators "
                + "(8 times it existed when created and was gone when opened)", e.getMessage());
        assertEquals(Reason.NOT_FOUND, ((SegmentException) e.getCause()).reason(), "the last open's failure is the cause");
        assertEquals(Segment.CREATE_OR_OPEN_ATTEMPTS, creates.get());
        assertEquals(Segment.CREATE_OR_OPEN_ATTEMPTS, opens.get());
    }

    @Test
    void aRaceLostOnceIsRetried() {
        Object opened = new Object();
        Object result = Segment.createOrOpen(() -> fail(creates, Reason.EXISTS),
                () -> opens.incrementAndGet() == 1 ? fail(opens, Reason.NOT_FOUND) : opened);

        assertSame(opened, result);
        assertEquals(2, creates.get());
    }

    @Test
    void otherFailuresAreNotRaces() {
        SegmentException e = assertThrows(SegmentException.class, () -> Segment.createOrOpen(
                () -> fail(creates, Reason.EXISTS), () -> fail(opens, Reason.PERMISSION_DENIED)));

        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertEquals(1, creates.get());
    }

    private static Object fail(AtomicInteger count, Reason reason) {
        count.incrementAndGet();
        throw new SegmentException(reason, "step", NAME, null);
    }
}
