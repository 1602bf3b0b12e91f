/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;
import io.github.nativeshm.layout.Bindings;
import io.github.nativeshm.layout.Fixed;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestSegments.class)
class ShmCommandTest {
    public record Status(long sequence, @Fixed(32) String state, double load, boolean up) {
    }

    public record Order(long id, @Fixed(8) String symbol, int quantity, @Fixed(2) short[] flags) {
    }

    public record Tick(long number, @Fixed(16) String text, float price) {
    }

    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("status", Status.class)
            .array("orders", Order.class, 4)
            .ring("ticks", Tick.class, 8)
            .raw("scratch", 32)
            .build();
    /** Text that JSON must escape: quotes, a backslash, a tab, a control character, and non-ASCII. */
    private static final String AWKWARD = "\"q\" \\ \t\u0001 \u00e9\u20ac\ud83d\ude00";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

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

    // ---- structured segments ----------------------------------------------------------------------

    /** A segment with a set value, two of four array slots, ten ticks in a ring of eight, and raw bytes. */
    private static StructuredSegment structured(String name) {
        StructuredSegment segment = StructuredSegment.create(name, SPEC);
        segment.value("status", Status.class).write(new Status(7, AWKWARD, 0.75, true));
        SharedArray<Order> orders = segment.array("orders", Order.class);
        orders.write(1, new Order(11, "ACME", 100, new short[] {1, -1}));
        orders.write(3, new Order(13, "XYZ", 300, new short[] {3, 0}));
        EventRing<Tick> ticks = segment.ring("ticks", Tick.class);
        for (long number = 0; number < 10; number++) {
            ticks.append(new Tick(number, "tick " + number, number + 0.5f));
        }
        return segment;
    }

    @Test
    void inspectShowsTheHeaderAndEachRegionWithHowFullItIs() throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            assertEquals(ShmCommand.OK, shm("inspect", name), err());
            List<String> lines = out().lines().toList();
            assertTrue(lines.containsAll(List.of("name: " + name, "structured: yes, format version 1",
                    "segment size: " + SPEC.size() + " bytes", String.format("epoch: 0x%016x", segment.epoch()),
                    "state: READY", "writer: pid " + ProcessHandle.current().pid() + ", alive, generation 1",
                    "regions: 4")), out());
            assertTrue(lines.stream().anyMatch(line -> line.matches("heartbeat: \\d+\\.\\d{3} s ago")), out());
            String fingerprint = String.format("0x%016x", Layout.of(Order.class).fingerprint());
            assertTrue(lines.contains("  NAME     KIND   LAYOUT  FINGERPRINT         ELEMENT  CAPACITY  OFFSET  LENGTH  FILL"),
                    out());
            for (String row : List.of("status +value +Status +0x\\p{XDigit}{16} +56 +1 +\\d+ +136 +set",
                    "orders +array +Order +" + fingerprint + " +24 +4 +\\d+ +224 +2 of 4 set",
                    "ticks +ring +Tick +0x\\p{XDigit}{16} +32 +8 +\\d+ +448 +write position 10, 8 retained",
                    "scratch +raw +- +- +1 +32 +\\d+ +32 +-")) {
                assertTrue(lines.stream().anyMatch(line -> line.matches("  " + row)), () -> row + " in\n" + out());
            }

            out.reset();
            assertEquals(ShmCommand.OK, shm("inspect", name, "--json"), err());
            assertEquals(String.join("\n", "True READY " + ProcessHandle.current().pid() + " True 1 "
                            + String.format("0x%016x", segment.epoch()),
                    "status value Status True None None None",
                    "orders array Order None 2 None None " + fingerprint,
                    "ticks ring Tick None None 10 8",
                    "scratch raw None None None None None", ""),
                    python("d = json.load(open(sys.argv[1])); h = d['header']\n"
                            + "print(d['structured'], h['state'], h['writer_pid'], h['writer_alive'],"
                            + " h['writer_generation'], h['epoch'])\n"
                            + "for r in d['regions']:\n"
                            + "    print(r['name'], r['kind'], r['layout_name'], r.get('set'), r.get('occupied'),"
                            + " r.get('write_position'), r.get('retained'), *([r['fingerprint']] if r.get('occupied')"
                            + " else []))", out()));
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void inspectSaysWhenASegmentIsNotStructured() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 4096)) {
            assertEquals(ShmCommand.OK, shm("inspect", name), err());
            assertTrue(out().startsWith("name: " + name + "\nsize: 4096 bytes\n"), out());
            assertTrue(out().endsWith("\nstructured: no (not a native-shm structured segment)\n"), out());
            out.reset();
            assertEquals(ShmCommand.OK, shm("inspect", "--json", name), err());
            assertEquals("False 4096\n", python("d = json.load(open(sys.argv[1])); print(d['structured'], d['size'])",
                    out()));
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void dumpPrintsEveryRecordWithItsFieldNames() throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            assertEquals(ShmCommand.OK, shm("dump", name, "status"), err());
            assertEquals("status: value of Status\n{sequence=7, state=\"\\\"q\\\" \\\\ \\t\\u0001 \u00e9\u20ac\ud83d\ude00\","
                    + " load=0.75, up=true}\n", out());
            out.reset();
            assertEquals(ShmCommand.OK, shm("dump", name, "orders"), err());
            assertEquals("orders: array of Order, 2 of 4 slots set\n"
                    + "[1] {id=11, symbol=\"ACME\", quantity=100, flags=[1, -1]}\n"
                    + "[3] {id=13, symbol=\"XYZ\", quantity=300, flags=[3, 0]}\n", out());
            out.reset();
            assertEquals(ShmCommand.OK, shm("dump", name, "ticks"), err());
            List<String> ticks = out().lines().toList();
            assertEquals("ticks: ring of Tick, capacity 8, write position 10, 8 records", ticks.get(0));
            assertEquals("#2 {number=2, text=\"tick 2\", price=2.5}", ticks.get(1), "from the oldest retained");
            assertEquals("#9 {number=9, text=\"tick 9\", price=9.5}", ticks.get(8));
            assertEquals(9, ticks.size());

            String script = "d = json.load(open(sys.argv[1]))\n"
                    + "print(d['kind'], d['layout_name'], d.get('value', {}).get('state', '').encode('utf-8').hex(),"
                    + " [(s['index'], s['record']['symbol'], s['record']['flags']) for s in d.get('slots', [])],"
                    + " [(r['sequence'], r['record']['price']) for r in d.get('records', [])[:2]], d.get('losses'))";
            out.reset();
            assertEquals(ShmCommand.OK, shm("dump", name, "status", "--json"), err());
            assertEquals("value Status " + HexFormat.of().formatHex(AWKWARD.getBytes(StandardCharsets.UTF_8))
                    + " [] [] None\n", python(script, out()));
            out.reset();
            assertEquals(ShmCommand.OK, shm("dump", "--json", name, "orders"), err());
            assertEquals("array Order  [(1, 'ACME', [1, -1]), (3, 'XYZ', [3, 0])] [] None\n", python(script, out()));
            out.reset();
            assertEquals(ShmCommand.OK, shm("dump", name, "ticks", "--json"), err());
            assertEquals("ring Tick  [] [(2, 2.5), (3, 3.5)] []\n", python(script, out()));
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void watchPrintsChangedSlotsAndNewRecordsAsTheyHappen() throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            SharedArray<Order> orders = segment.array("orders", Order.class);
            CompletableFuture<Integer> watch = inBackground(() -> shm("watch", name, "orders", "--count", "2",
                    "--timeout", "30"));
            awaitOutput("watching array 'orders' of segment '" + name + "' (Order)\n");
            orders.write(0, new Order(10, "NEW", 1, new short[] {0, 0}));
            awaitOutput("[0] {id=10, symbol=\"NEW\", quantity=1, flags=[0, 0]}\n");
            orders.clear(3);
            assertEquals(ShmCommand.OK, watch.get(30, TimeUnit.SECONDS), err());
            assertEquals("watching array 'orders' of segment '" + name + "' (Order)\n"
                    + "[0] {id=10, symbol=\"NEW\", quantity=1, flags=[0, 0]}\n[3] (empty)\n", out());

            out.reset();
            EventRing<Tick> ticks = segment.ring("ticks", Tick.class);
            watch = inBackground(() -> shm("watch", name, "ticks", "--count", "2", "--timeout", "30"));
            awaitOutput("watching ring 'ticks' of segment '" + name + "' (Tick)\n");
            ticks.append(new Tick(10, "ten", 10));
            ticks.append(new Tick(11, "eleven", 11));
            ticks.append(new Tick(12, "not awaited", 12));
            assertEquals(ShmCommand.OK, watch.get(30, TimeUnit.SECONDS), err());
            assertEquals("watching ring 'ticks' of segment '" + name + "' (Tick)\n"
                    + "#10 {number=10, text=\"ten\", price=10.0}\n#11 {number=11, text=\"eleven\", price=11.0}\n", out());

            out.reset();
            long start = System.nanoTime();
            assertEquals(ShmCommand.OK, shm("watch", name, "status", "--timeout", "0.2"), err());
            assertEquals("watching value 'status' of segment '" + name + "' (Status)\n", out(), "no change: none printed");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped at the timeout");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void headerIsTheCDeclarationGccAgreesWith() throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            assertEquals(ShmCommand.OK, shm("header", name), err());
            Files.writeString(directory.resolve("segment.h"), out());
            Path source = Files.writeString(directory.resolve("check.c"), "#include \"segment.h\"\n"
                    + "int main(void) {\n"
                    + "    return sizeof(struct Status) == 56 && sizeof(struct Order) == 24 && sizeof(struct Tick) == 32"
                    + " && offsetof(struct Tick, price) == 24 ? 0 : 1;\n}\n");
            Path program = directory.resolve("check");
            Processes.run(List.of("gcc", "-std=c11", "-Wall", "-Werror", "-o", program.toString(), source.toString()));
            Processes.run(List.of(program.toString()));

            out.reset();
            assertEquals(ShmCommand.OK, shm("header", name, "ticks"), err());
            assertEquals(Layout.of(Tick.class).cHeader().replace(Tick.class.getName() + ":", "Tick:"), out());
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void headerInOtherLanguagesIsWhatBindingsGivesAndItsCompilerAccepts() throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            List<LayoutDescription> layouts = List.of(UntypedRegion.of(segment, "status").layout(),
                    UntypedRegion.of(segment, "orders").layout(), UntypedRegion.of(segment, "ticks").layout());

            assertEquals(ShmCommand.OK, shm("header", "--lang", "python", name), err());
            assertEquals(Bindings.of(Bindings.Language.PYTHON, layouts), out());
            Files.writeString(directory.resolve("segment.py"), out());
            assertEquals("56 24 32 24\n", Processes.run(List.of("python3", "-c", "import sys; sys.path.insert(0, '"
                    + directory + "'); import segment as s, ctypes; print(ctypes.sizeof(s.Status),"
                    + " ctypes.sizeof(s.Order), ctypes.sizeof(s.Tick), s.Tick.price.offset)")));

            out.reset();
            assertEquals(ShmCommand.OK, shm("header", name, "ticks", "--lang", "rust"), err());
            assertEquals(Bindings.of(Bindings.Language.RUST, List.of(layouts.get(2))), out());
            if (Processes.runForResult(List.of("sh", "-c", "command -v rustc")).exitCode() == 0) {
                Files.writeString(directory.resolve("segment.rs"), out());
                Processes.run(List.of("rustc", "--edition", "2021", "--crate-type", "lib", "-D", "warnings",
                        "--out-dir", directory.toString(), directory.resolve("segment.rs").toString()));
            }

            out.reset();
            assertEquals(ShmCommand.OK, shm("header", "--lang", "GO", name, "orders"), err());
            assertEquals(Bindings.of(Bindings.Language.GO, List.of(layouts.get(1))), out());

            out.reset();
            assertEquals(ShmCommand.OK, shm("header", "--lang", "c", name, "ticks"), err());
            assertEquals(LayoutDescription.cHeader(List.of(layouts.get(2))), out(), "C, as without --lang");

            err.reset();
            assertEquals(ShmCommand.USAGE, shm("header", "--lang", "java", name));
            assertTrue(err().startsWith("shm: --lang must be one of c, python, rust, go: java\nusage: shm"), err());
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void regionCommandsFailInOneLine() {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = structured(name)) {
            assertEquals(ShmCommand.FAILED, shm("dump", name, "nope"));
            assertEquals("shm: cannot use segment '" + name + "': no such region (no region 'nope'; it has status,"
                    + " orders, ticks, scratch)\n", err());
            err.reset();
            assertEquals(ShmCommand.FAILED, shm("header", name, "scratch"));
            assertEquals("shm: cannot use segment '" + name + "': no such region (region 'scratch' is RAW, which holds"
                    + " bytes, not structs)\n", err());
            err.reset();
            assertEquals(ShmCommand.USAGE, shm("watch", name, "ticks", "--count", "0"));
            assertTrue(err().startsWith("shm: --count must be at least 1: 0\nusage: shm"), err());
            err.reset();
            assertEquals(ShmCommand.USAGE, shm("dump", name, "ticks", "--count", "2"));
            assertTrue(err().startsWith("shm: unknown option '--count'\n"), err());
            err.reset();
            assertEquals(ShmCommand.USAGE, shm("watch", name, "ticks", "--timeout"));
            assertTrue(err().startsWith("shm: --timeout needs a value\n"), err());

            try (Segment raw = Segment.open(name)) {
                raw.putInt(128 + 32, 9); // docs/segment-format.md: the directory is at 128, an entry's kind at +32
            }
            for (List<String> command : List.of(List.of("inspect", name), List.of("dump", name, "status"),
                    List.of("watch", name, "status"), List.of("header", name))) {
                err.reset();
                assertEquals(ShmCommand.FAILED, shm(command.toArray(String[]::new)));
                assertTrue(err().startsWith("shm: cannot open segment '" + name + "': the segment is corrupt"
                        + " (directory entry 0 ('status'): kind 9 is not 1 (value)"), command + ": " + err());
            }
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
        String plain = TestSegments.uniqueName();
        try (Segment segment = Segment.create(plain, 4096)) {
            err.reset();
            assertEquals(ShmCommand.FAILED, shm("dump", plain, "status"));
            assertEquals("shm: segment '" + plain + "' is not a native-shm structured segment (shm hexdump shows its"
                    + " bytes)\n", err());
        } finally {
            TestSegments.unlinkIfPresent(plain);
        }
    }

    private CompletableFuture<Integer> inBackground(Supplier<Integer> command) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> result.complete(command.get()), "shm-watch");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Waits until standard output ends with {@code expected} (the command runs in another thread). */
    private void awaitOutput(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out().endsWith(expected)) {
            assertTrue(System.nanoTime() < deadline, () -> "waited for " + expected + " in\n" + out() + err());
            Thread.sleep(10);
        }
    }

    /** Runs a python3 script with {@code json} and {@code sys} imported on {@code document}, as a file; returns stdout. */
    private String python(String script, String document) throws Exception {
        Path file = Files.writeString(directory.resolve("document.json"), document);
        return Processes.run(List.of("python3", "-c", "import json, sys\n" + script, file.toString()));
    }
}
