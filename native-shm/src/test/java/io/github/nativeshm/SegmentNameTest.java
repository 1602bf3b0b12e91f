/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "jobs", "crawler_1.status-v2", "_x", "9lives", "Global\\jobs", "Local\\jobs"})
    void acceptsPortableNames(String name) {
        assertTrue(SegmentName.isValid(name));
    }

    @Test
    void acceptsExactlyThirtyCharactersAndRejectsThirtyOne() {
        String thirty = "a".repeat(SegmentName.MAX_LENGTH);
        assertEquals(thirty, SegmentName.of(thirty).portable());
        assertEquals(thirty, SegmentName.of("Global\\" + thirty).portable(), "the prefix does not count");

        SegmentException e = assertThrows(SegmentException.class, () -> SegmentName.of(thirty + "a"));
        assertEquals(SegmentException.Reason.INVALID_NAME, e.reason());
        assertTrue(e.getMessage().contains("it is 31 characters long"), e.getMessage());
        assertTrue(e.getMessage().contains("1-30 characters from A-Z a-z 0-9 _ . -"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/jobs", "a/b", "..", ".hidden", "-x", "with space", "ümlaut", "Global\\", "global\\x",
            "Local\\Global\\x", "a\\b", "a\u0000b"})
    void rejectsEverythingElseNamingTheProblem(String name) {
        SegmentException e = assertThrows(SegmentException.class, () -> SegmentName.of(name));
        assertEquals(SegmentException.Reason.INVALID_NAME, e.reason());
        assertTrue(e.getMessage().startsWith("cannot use segment '" + name + "': invalid name ("), e.getMessage());
        assertFalse(SegmentName.isValid(name));
    }

    @Test
    void prefixSelectsTheWindowsNamespaceOnly() {
        assertTrue(SegmentName.of("Global\\jobs").isGlobal());
        assertFalse(SegmentName.of("Local\\jobs").isGlobal());
        assertFalse(SegmentName.of("jobs").isGlobal());
        assertEquals("jobs", SegmentName.of("Local\\jobs").portable());
        assertEquals("Global\\jobs", SegmentName.of("Global\\jobs").toString());
    }
}
