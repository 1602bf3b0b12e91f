/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.testing.TestSegment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StructuredSegment#isStructured}: the magic decides, read within the segment's bounds. */
@ExtendWith(TestSegments.class)
class IsStructuredTest {
    record Tick(long id, double price) {
    }

    @RegisterExtension
    final TestSegment testSegment = new TestSegment();
    private final String name = testSegment.name();

    @Test
    void aStructuredSegmentIsStructuredReadWriteAndReadOnly() {
        try (StructuredSegment writer = StructuredSegment.create(name, SegmentSpec.builder().value("tick", Tick.class).build());
             Segment readOnly = Segment.openReadOnly(name)) {
            assertTrue(StructuredSegment.isStructured(writer.segment()));
            assertTrue(StructuredSegment.isStructured(readOnly));
        }
    }

    @Test
    void aPlainSegmentIsNot() {
        try (Segment plain = Segment.create(name, 4096)) {
            plain.putLong(0, 42);
            assertFalse(StructuredSegment.isStructured(plain));
        }
    }

    @Test
    void aSegmentTooShortForTheMagicIsNot() {
        try (Segment tiny = Segment.create(name, 3)) {
            tiny.putBytes(0, "NSH".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertFalse(StructuredSegment.isStructured(tiny), "three bytes cannot hold the four-byte magic");
        }
    }

    @Test
    void theMagicAloneSaysStructuredEvenWhereTheRestIsNot() {
        try (Segment justTheMagic = Segment.create(name, 4)) {
            justTheMagic.putBytes(0, "NSHM".getBytes(StandardCharsets.US_ASCII), 0, 4);
            assertTrue(StructuredSegment.isStructured(justTheMagic), "it says it is a structured segment");
            assertEquals(Reason.CORRUPT, assertThrows(SegmentException.class, () -> StructuredSegment.open(name)).reason(),
                    "and open says what is wrong with it");
        }
    }

    @Test
    void aCorruptMagicIsNot() {
        try (StructuredSegment writer = StructuredSegment.create(name, SegmentSpec.builder().value("tick", Tick.class).build());
             Segment raw = Segment.open(name)) {
            raw.putByte(3, (byte) 'X');
            assertFalse(StructuredSegment.isStructured(writer.segment()));
            assertEquals(Reason.CORRUPT, assertThrows(SegmentException.class, () -> StructuredSegment.open(name)).reason());
        }
    }

    @Test
    void aClosedSegmentSaysSoWhateverItsSize() {
        Segment tiny = Segment.create(name, 2);
        tiny.close();
        assertEquals(Reason.CLOSED, assertThrows(SegmentException.class, () -> StructuredSegment.isStructured(tiny)).reason());
        Segment big = Segment.open(name);
        big.close();
        assertEquals(Reason.CLOSED, assertThrows(SegmentException.class, () -> StructuredSegment.isStructured(big)).reason());
    }
}
