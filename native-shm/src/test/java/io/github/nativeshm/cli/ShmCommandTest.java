package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestSegments.class)
class ShmCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int shm(String... args) {
        return new ShmCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void listInspectHexdumpAndRemove() {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 56)) {
            segment.putBytes(0, "shared!".getBytes(StandardCharsets.US_ASCII), 0, 7);

            assertEquals(ShmCommand.OK, shm("list"));
            assertTrue(out().lines().anyMatch(line -> line.matches(name + " +56")), out());

            assertEquals(ShmCommand.OK, shm("inspect", name));
            assertTrue(out().contains("size: 56 bytes"), out());
            assertTrue(out().contains("permissions: rw-------"), out());

            out.reset();
            assertEquals(ShmCommand.OK, shm("hexdump", name));
            assertEquals(String.join("\n",
                    "00000000  73 68 61 72 65 64 21 00  00 00 00 00 00 00 00 00  |shared!.........|",
                    "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
                    "*",
                    "00000030  00 00 00 00 00 00 00 00                           |........|",
                    "00000038", ""), out());

            out.reset();
            assertEquals(ShmCommand.OK, shm("hexdump", name, "0x2", "3"));
            assertEquals("00000002  61 72 65                                          |are|\n00000005\n", out());

            assertEquals(ShmCommand.OK, shm("rm", name));
            assertEquals(ShmCommand.FAILED, shm("inspect", name));
            assertTrue(err().startsWith("shm: cannot open read-only segment '" + name + "': no such segment"), err());
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void errorsAreOneLineWithAnExitCode() {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 16)) {
            try {
                assertEquals(ShmCommand.FAILED, shm("hexdump", name, "8", "9"));
                assertEquals("shm: offset 8 length 9 is outside segment '" + name + "' of 16 bytes\n", err());
                err.reset();
                assertEquals(ShmCommand.USAGE, shm("hexdump", name, "ten"));
                assertTrue(err().startsWith("shm: OFFSET must be a number (decimal or 0x hex): ten\nusage: shm"), err());
            } finally {
                segment.unlink();
            }
        }
        err.reset();
        assertEquals(ShmCommand.FAILED, shm("rm", "no/slash"));
        assertTrue(err().startsWith("shm: cannot use segment 'no/slash': invalid name ("), err());
        assertEquals(ShmCommand.USAGE, shm("frobnicate"));
        assertTrue(err().contains("shm: unknown command 'frobnicate'"), err());
        assertEquals(ShmCommand.USAGE, shm("inspect"));
        assertTrue(err().contains("shm: expected 1 arguments, got 0"), err());
        assertEquals(ShmCommand.USAGE, shm());
    }

    @Test
    void demoSharesMessagesBetweenTwoProcesses() {
        assertEquals(ShmCommand.OK, shm("demo"), err());
        for (int number = 1; number <= 5; number++) {
            assertTrue(out().matches("(?s).*parent \\d+: read message " + number + ": \"hello #" + number
                    + " from process \\d+\".*"), out());
        }
        assertTrue(out().contains("parent: done; removing the segment"), out());
    }
}
