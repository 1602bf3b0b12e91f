/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.Segment;
import io.github.nativeshm.layout.Shapes.Price;
import io.github.nativeshm.layout.Shapes.Tick;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A C program compiled against the generated header ({@code layout/tick_peer.c}) and Java share
 * {@link Tick} in a POSIX segment: C reads, field by field, what Java wrote, and Java reads what C
 * wrote.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class CStructInteropTest {
    private static final Layout<Tick> LAYOUT = Layout.of(Tick.class);
    private static final int OFFSET = 200; // not 0, and a multiple of the struct's alignment

    /** What Java writes: extremes, NaN with a payload, −0, non-ASCII text cut inside a character. */
    private static final Tick JAVA_WROTE = new Tick(Byte.MIN_VALUE, Long.MAX_VALUE, (short) -1, 'é', Integer.MIN_VALUE,
            Double.longBitsToDouble(0x7ff800000000abcdL), -0.0f, false, "Grüße, Ünïcödé ✓",
            new boolean[] {false, true, true},
            new Price(Long.MIN_VALUE, (byte) 5), new Price[] {new Price(42, (byte) -1), new Price(-42, (byte) 1)},
            new short[] {Short.MIN_VALUE, 0, 7}, new double[] {-0.0, Double.MIN_VALUE}, "a😀", (byte) 42);
    /** What C should find: the same, with the text cut at the last whole character that fits. */
    private static final Tick C_READS = new Tick(Byte.MIN_VALUE, Long.MAX_VALUE, (short) -1, 'é', Integer.MIN_VALUE,
            Double.longBitsToDouble(0x7ff800000000abcdL), -0.0f, false, "Grüße, Ün",
            new boolean[] {false, true, true},
            new Price(Long.MIN_VALUE, (byte) 5), new Price[] {new Price(42, (byte) -1), new Price(-42, (byte) 1)},
            new short[] {Short.MIN_VALUE, 0, 7}, new double[] {-0.0, Double.MIN_VALUE}, "a", (byte) 42);
    /** What fill() in tick_peer.c writes. */
    private static final Tick C_WROTE = new Tick((byte) -7, Long.MIN_VALUE, Short.MIN_VALUE, '\uffff',
            Integer.MAX_VALUE, -0.0, Float.NaN, true, "Grüße ✓", new boolean[] {true, false, true},
            new Price(Long.MAX_VALUE, Byte.MIN_VALUE),
            new Price[] {new Price(-1, (byte) 0), new Price(1234567890123L, Byte.MAX_VALUE)},
            new short[] {1, -2, Short.MAX_VALUE},
            new double[] {Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7ff800000000abcdL)}, "€x", (byte) -1);

    @TempDir
    static Path directory;
    private static Path peer;

    @BeforeAll
    static void compilePeer() throws Exception {
        CPrograms.write(directory, "tick.h", LAYOUT.cHeader());
        peer = CPrograms.build(directory, CPrograms.resource("tick_peer.c"));
    }

    @Test
    void cReadsEachFieldJavaWrote() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            LAYOUT.write(segment.buffer(), OFFSET, JAVA_WROTE);

            Map<String, String> printed = CPrograms.run(peer, "print", name, Integer.toString(OFFSET));

            assertEquals(Integer.toString(LAYOUT.size()), printed.remove("sizeof"), "sizeof");
            assertEquals(String.format("%016x", LAYOUT.fingerprint()), printed.remove("fingerprint"),
                    "TICK_FINGERPRINT");
            assertEquals(RecordValues.flatten(C_READS), printed);
            assertEquals("4772c3bcc39f652c20c39c6e00", printed.get("symbol"), "Grüße, Ün: 12 bytes and one NUL");
            assertEquals(RecordValues.flatten(C_READS), RecordValues.flatten(LAYOUT.read(segment.buffer(), OFFSET)),
                    "and Java reads the same");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void javaReadsEachFieldCWrote() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            Map<String, String> printed = CPrograms.run(peer, "fill", name, Integer.toString(OFFSET));
            printed.keySet().removeAll(List.of("sizeof", "fingerprint"));

            Tick read = LAYOUT.read(segment.buffer(), OFFSET);

            assertEquals(printed, RecordValues.flatten(read), "what C printed");
            assertEquals(RecordValues.flatten(C_WROTE), RecordValues.flatten(read), "what fill() writes");
            assertEquals("Grüße ✓", read.symbol());
            assertEquals("€x", read.code(), "text that fills every byte");
            assertEquals(Long.MIN_VALUE, read.sequence());
            assertTrue(Double.isNaN(read.marks()[1]) && Float.isNaN(read.ratio()));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.price()), "-0.0");
            assertEquals('\uffff', LAYOUT.field("flag").getChar(segment.buffer(), OFFSET));
            assertEquals("Grüße ✓", LAYOUT.field("symbol").getString(segment.buffer(), OFFSET));
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }
}
