/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The platform reports failures in its own terms; the public classes say them as they always did. */
class PlatformFailuresTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyKindBecomesTheReasonOfTheSameName(Kind kind) {
        PlatformException failure = new PlatformException(kind, "create", "jobs", "a call: what the OS said");

        SegmentException translated = NamedSegments.translate(failure);

        assertEquals(kind.name(), translated.reason().name());
        assertEquals("create", translated.operation());
        assertEquals("jobs", translated.segment());
        assertSame(failure, translated.getCause());
    }

    @Test
    void theMessageIsTheOneSegmentExceptionAlwaysGave() {
        SegmentException translated = NamedSegments.translate(new PlatformException(Kind.EXISTS, "create", "jobs",
                "CreateFileMapping: error 183, Cannot create a file when that file already exists."));

        assertEquals(Reason.EXISTS, translated.reason());
        assertEquals("cannot create segment 'jobs': it already exists (CreateFileMapping: error 183, "
                + "Cannot create a file when that file already exists.)", translated.getMessage());
    }

    @Test
    void aFileSystemFailureKeepsTheJdksReportAsTheRootCause(@TempDir Path directory) {
        Path missing = directory.resolve("missing");

        SegmentException e = assertThrows(SegmentException.class, () -> Segment.open(missing));

        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals("cannot open segment '" + missing + "': no such segment (NoSuchFileException)", e.getMessage());
        assertEquals(NoSuchFileException.class, e.getCause().getCause().getClass());
    }
}
