/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.AllArrays;
import io.github.nativeshm.layout.Shapes.Deep;
import io.github.nativeshm.layout.Shapes.Inner;
import io.github.nativeshm.layout.Shapes.Nested;
import io.github.nativeshm.layout.Shapes.OddStrings;
import io.github.nativeshm.layout.Shapes.Price;
import io.github.nativeshm.layout.Shapes.Small;
import io.github.nativeshm.layout.Shapes.Tick;
import io.github.nativeshm.layout.Shapes.WithArrays;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python (ctypes and numpy), Rust and Go programs built on the generated bindings read a live
 * structured segment that Java wrote: each maps {@code /dev/shm/NAME}, finds the regions in the
 * directory, checks their fingerprints against the generated constants, and prints every field of
 * every slot asked for, which must be what Java's own reader decodes there. The structs have
 * nested structs two deep, arrays of structs and of every scalar, every scalar kind, odd text
 * sizes, invalid UTF-8 and member names that are keywords in the peers' languages. And a binding
 * whose layout was tampered with is refused: by rustc, by Go at init, by Python at import.
 * A language's tests are skipped, saying so, only when its tool is absent.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class BindingPeersTest {
    /** Names that are keywords in Python or Rust, clash after Go capitalizes them, or look like padding. */
    public record Keywords(int type, long match, @Fixed(6) String fn, short self, byte lambda, boolean in, float def,
                           int type_, double from, long id, long Id, byte _pad0, @Fixed(3) String None) {
    }

    private static final Tick TICK = new Tick(Byte.MIN_VALUE, Long.MAX_VALUE, (short) -1, 'é', Integer.MIN_VALUE,
            Double.longBitsToDouble(0x7ff800000000abcdL), -0.0f, true, "Grüße, Ünïcödé ✓",
            new boolean[] {false, true, true}, new Price(Long.MIN_VALUE, (byte) 5),
            new Price[] {new Price(42, (byte) -1), new Price(-42, (byte) 1)}, new short[] {Short.MIN_VALUE, 0, 7},
            new double[] {-0.0, Double.MIN_VALUE}, "a😀", (byte) 42);
    private static final AllArrays ARRAYS = new AllArrays(new boolean[] {true, false}, new byte[] {-1, 0, 127},
            new short[] {Short.MAX_VALUE, -2}, new char[] {'\uffff', 'x'}, new int[] {Integer.MAX_VALUE, -3},
            new long[] {Long.MIN_VALUE, 4}, new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1.5e-42f},
            new double[] {Double.MAX_VALUE, -1.25});
    private static final Keywords KEYWORDS = new Keywords(1, 2, "fn ✓", (short) 3, (byte) 4, true, 5.5f, 6, 7.25, 8, 9,
            (byte) 10, "No");
    /** Invalid UTF-8 in OddStrings.c (13 bytes): a cut 3-byte sequence, a cut 4-byte one, C0, FF, a surrogate. */
    private static final byte[] INVALID_UTF8 = {'A', (byte) 0xE2, (byte) 0x82, 'B', (byte) 0xF0, (byte) 0x9F,
            (byte) 0x98, (byte) 0xC0, (byte) 0xFF, 'z', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    /** The regions the peers read, with the slots written. */
    private static final Map<String, Integer> SLOTS = new LinkedHashMap<>();

    static {
        SLOTS.put("tick", 1);
        SLOTS.put("deep", 2);
        SLOTS.put("arrays", 1);
        SLOTS.put("odd", 2);
        SLOTS.put("keywords", 1);
    }

    @TempDir
    static Path directory;
    private static String name;
    private static StructuredSegment segment;
    private static List<LayoutDescription> layouts;
    private static Map<String, String> expected;

    @BeforeAll
    static void writeSegment() {
        name = TestSegments.uniqueName();
        segment = StructuredSegment.create(name, SegmentSpec.builder()
                .value("tick", Tick.class)
                .array("deep", Deep.class, 2)
                .value("arrays", AllArrays.class)
                .array("odd", OddStrings.class, 2)
                .value("keywords", Keywords.class)
                .raw("scratch", 16)
                .build());
        segment.value("tick", Tick.class).write(TICK);
        segment.array("deep", Deep.class).write(0, deep(1));
        segment.array("deep", Deep.class).write(1, deep(-1));
        segment.value("arrays", AllArrays.class).write(ARRAYS);
        segment.array("odd", OddStrings.class).write(0, new OddStrings("x", "ünï", 42, "日本語のテキスト"));
        segment.array("odd", OddStrings.class).write(1, new OddStrings("", "", -42, ""));
        segment.value("keywords", Keywords.class).write(KEYWORDS);
        long c = elementOffset("odd", 1) + Layout.of(OddStrings.class).field("c").offset();
        segment.segment().putBytes(c, INVALID_UTF8, 0, INVALID_UTF8.length);

        layouts = new ArrayList<>();
        expected = new LinkedHashMap<>();
        ByteBuffer memory = segment.segment().buffer();
        for (Map.Entry<String, Integer> region : SLOTS.entrySet()) {
            LayoutDescription layout = UntypedRegion.of(segment, region.getKey()).layout();
            layouts.add(layout);
            expected.put(region.getKey() + ".fingerprint", String.format("%016x", layout.fingerprint()));
            for (int slot = 0; slot < region.getValue(); slot++) {
                PeerPrinters.flatten(region.getKey() + "[" + slot + "].", layout,
                        layout.read(memory, (int) elementOffset(region.getKey(), slot)), expected);
            }
        }
        assertEquals("A\ufffdB\ufffd\ufffd\ufffdz\ufffd\ufffd\ufffd", expected.get("odd[1].c"),
                "Java's reader: one U+FFFD for each maximal invalid subsequence");
        assertEquals("Grüße, Ün", expected.get("tick[0].symbol"), "cut at a character boundary");
    }

    @AfterAll
    static void removeSegment() {
        if (segment != null) {
            segment.close();
            TestSegments.unlinkIfPresent(name);
        }
    }

    // ---- Python ------------------------------------------------------------------------------

    @Test
    void pythonReadsEveryFieldThroughCtypes() throws Exception {
        assertEquals(expected, printed(run(pythonPeer(), command("python3", "peer.py", "ctypes", name))));
    }

    @Test
    void pythonReadsEveryFieldThroughTheNumpyDtype() throws Exception {
        Path peer = pythonPeer();
        Result numpy = run(peer, "python3", "-c", "import numpy");
        assumeTrue(numpy.exitCode() == 0, "numpy is not importable here; the dtype test is skipped");
        assertEquals(expected, printed(run(peer, command("python3", "peer.py", "numpy", name))));
    }

    @Test
    void pythonModuleImportsWithoutNumpy() throws Exception {
        Result result = run(pythonPeer(), "python3", "-c", "import sys; sys.modules['numpy'] = None\n"
                + "import shm_bindings as b\nprint(b.TICK_DTYPE, b.Tick.symbol.offset, b._np)");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("None 37 None", result.stdout().strip());
    }

    @Test
    void pythonRefusesAModuleWhoseLayoutWasTamperedWith() throws Exception {
        Path dir = pythonPeer();
        tamper(dir.resolve("shm_bindings.py"), "(\"tag\", ctypes.c_int8),\n        (\"_pad0\", ctypes.c_uint8 * 7)",
                "(\"tag\", ctypes.c_int8),\n        (\"_pad0\", ctypes.c_uint8 * 8)");
        Result result = run(dir, "python3", "-c", "import shm_bindings");
        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("AssertionError: ctypes lays out Inner otherwise: size is 24, not 16,"
                + " value is 16, not 8"), result::toString);
    }

    // ---- Rust --------------------------------------------------------------------------------

    @Test
    void rustReadsEveryField() throws Exception {
        Path dir = rustPeer(false);
        assertEquals(expected, printed(run(dir, command(dir.resolve("peer").toString(), name))));
    }

    @Test
    void rustcRefusesBindingsWhoseLayoutWasTamperedWith() throws Exception {
        Result result = compileRust(rustSources(true));
        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("offset_of!(Inner, value) is not 8"), result::toString);
        assertTrue(result.stderr().contains("size_of::<Inner>() is not 16"), result::toString);
    }

    // ---- Go ----------------------------------------------------------------------------------

    @Test
    void goReadsEveryField() throws Exception {
        Path dir = goPeer(false);
        assertEquals(expected, printed(run(dir, command(dir.resolve("peer").toString(), name))));
    }

    @Test
    void goPanicsAtInitOnBindingsWhoseLayoutWasTamperedWith() throws Exception {
        Path dir = goPeer(true);
        Result result = run(dir, command(dir.resolve("peer").toString(), name));
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("panic: unsafe.Offsetof(Inner{}.Value) is 16, not 8"), result::toString);
    }

    @Test
    void goBindingsAreGofmtClean() throws Exception {
        Path dir = goPeer(false);
        Result result = run(dir, "gofmt", "-l", "shmlayout");
        assertEquals(new Result(0, "", ""), result);
    }

    // ---- the peers -----------------------------------------------------------------------------

    private static Path pythonPeer() throws Exception {
        requireTool("python3", "--version");
        Path dir = Files.createTempDirectory(directory, "python");
        Files.writeString(dir.resolve("shm_bindings.py"), Bindings.of(Bindings.Language.PYTHON, layouts));
        String table = perRegion(PythonBindings.NAMING, (region, type) -> "    \"" + region + "\": (b." + type + ", b."
                + StructWalk.upperSnake(type) + "_DTYPE, b." + StructWalk.upperSnake(type) + "_FINGERPRINT, print_"
                + type + ", nprint_" + type + "),\n");
        String functions = PeerPrinters.functions(PeerDialects.python(false), layouts)
                + PeerPrinters.functions(PeerDialects.python(true), layouts);
        Files.writeString(dir.resolve("peer.py"), resource("peer.py").replace("# FUNCTIONS\n", functions)
                .replace("# DISPATCH\n", table));
        return dir;
    }

    private static Map<String, String> rustSources(boolean tampered) throws IOException {
        String bindings = Bindings.of(Bindings.Language.RUST, layouts);
        String dispatch = perRegion(RustBindings.NAMING, (region, type) -> "            \"" + region + "\" => show::<"
                + type + ">(memory, \"" + region + "\", slot, " + StructWalk.upperSnake(type) + "_FINGERPRINT, print_"
                + type + "),\n");
        String peer = resource("peer.rs").replace("// FUNCTIONS\n", PeerPrinters.functions(PeerDialects.RUST, layouts))
                .replace("            // DISPATCH\n", dispatch);
        return Map.of("shm_bindings.rs", tampered ? tampered(bindings, "pub tag: i8,\n    pub _pad0: [u8; 7],",
                "pub tag: i8,\n    pub _pad0: [u8; 8],")
                : bindings, "peer.rs", peer);
    }

    private static Path rustPeer(boolean tampered) throws Exception {
        Result result = compileRust(rustSources(tampered));
        assertEquals(0, result.exitCode(), result::toString);
        return Path.of(result.stdout().strip());
    }

    /** Compiles the sources with rustc, warnings as errors; the result's stdout is the directory. */
    private static Result compileRust(Map<String, String> sources) throws Exception {
        requireTool("rustc", "--version");
        Path dir = Files.createTempDirectory(directory, "rust");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(dir.resolve(source.getKey()), source.getValue());
        }
        Result result = run(dir, "rustc", "--edition", "2021", "-D", "warnings", "-o", "peer", "peer.rs");
        return new Result(result.exitCode(), dir.toString(), result.stderr());
    }

    private static Path goPeer(boolean tampered) throws Exception {
        requireTool("go", "version");
        Path dir = Files.createTempDirectory(directory, "go");
        Files.createDirectories(dir.resolve("shmlayout"));
        String bindings = Bindings.of(Bindings.Language.GO, layouts);
        Files.writeString(dir.resolve("shmlayout/shmlayout.go"), tampered
                ? tampered(bindings, "\tTag   int8\n\t_     [7]byte", "\tTag   int8\n\t_     [8]byte") : bindings);
        String dispatch = perRegion(GoBindings.NAMING, (region, type) -> "\t\tcase \"" + region + "\":\n\t\t\tprint"
                + type + "(key, (*shmlayout." + type + ")(element(memory, \"" + region + "\", slot, shmlayout." + type
                + "Fingerprint, unsafe.Sizeof(shmlayout." + type + "{}))))\n");
        Files.writeString(dir.resolve("peer.go"), resource("peer.go")
                .replace("// FUNCTIONS\n", PeerPrinters.functions(PeerDialects.GO, layouts))
                .replace("\t\t// DISPATCH\n", dispatch));
        Files.writeString(dir.resolve("go.mod"), "module peer\n\ngo 1.19\n");
        Result result = run(dir, "go", "build", "-o", "peer", ".");
        assertEquals(0, result.exitCode(), result::toString);
        return dir;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A finished process. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Runs a command in {@code dir} with no input, at most 5 minutes (a first Go or Rust build on a
     * busy machine), with the Go tool kept offline and its caches under {@code target/}.
     */
    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Path cache = Path.of("target", "go-cache").toAbsolutePath();
        builder.environment().putAll(Map.of("GOCACHE", cache.resolve("build").toString(),
                "GOPATH", cache.resolve("path").toString(), "GOPROXY", "off", "GOFLAGS", "-mod=mod",
                "GO111MODULE", "on", "GOTELEMETRY", "off"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("did not finish in 5 minutes: " + List.of(command));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** {@code command} followed by every region and slot the peers read. */
    private static String[] command(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        SLOTS.forEach((region, slots) -> {
            for (int slot = 0; slot < slots; slot++) {
                line.add(region);
                line.add(Integer.toString(slot));
            }
        });
        return line.toArray(String[]::new);
    }

    private static void requireTool(String... versionCommand) throws InterruptedException {
        boolean present;
        try {
            present = run(directory, versionCommand).exitCode() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, versionCommand[0] + " is not installed here; its bindings test is skipped");
    }

    /** The key=value lines a peer printed; fails the test on a non-zero exit. */
    private static Map<String, String> printed(Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private static long elementOffset(String region, int slot) {
        RegionInfo info = segment.regions().stream().filter(r -> r.name().equals(region)).findFirst().orElseThrow();
        return info.offset() + 64 + slot * ((16L + info.elementSize() + 7) & ~7L) + 16;
    }

    /** A line for each region the peers read, of the region's name and its struct's name in the language. */
    private static String perRegion(StructWalk.Naming naming, java.util.function.BinaryOperator<String> line) {
        StructWalk walk = StructWalk.of(layouts, naming);
        return layouts.stream().map(layout -> line.apply(regionOf(layout), walk.typeName(layout)))
                .collect(Collectors.joining());
    }

    private static String regionOf(LayoutDescription layout) {
        List<String> regions = SLOTS.keySet().stream()
                .filter(region -> UntypedRegion.of(segment, region).layout().name().equals(layout.name()))
                .collect(Collectors.toList());
        return regions.get(0);
    }

    private static String tampered(String text, String from, String to) {
        assertTrue(text.contains(from), () -> "no '" + from + "' to tamper with in\n" + text);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), to);
    }

    private static void tamper(Path file, String from, String to) throws IOException {
        Files.writeString(file, tampered(Files.readString(file), from, to));
    }

    private static String resource(String name) throws IOException {
        try (var in = Objects.requireNonNull(BindingPeersTest.class.getResourceAsStream("/bindings/" + name), name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Deep deep(int sign) {
        Nested nested = new Nested((byte) (sign * 1), new Inner((byte) (sign * 2), sign * 3_000_000_000L),
                new Small((short) (sign * 4), (byte) (sign * 5)), (byte) (sign * 6));
        Nested other = new Nested(Byte.MAX_VALUE, new Inner(Byte.MIN_VALUE, Long.MAX_VALUE),
                new Small(Short.MIN_VALUE, (byte) 0), (byte) sign);
        WithArrays arrays = new WithArrays(new Small[] {new Small((short) 1, (byte) 2), new Small((short) 3, (byte) 4),
                new Small((short) sign, (byte) -sign)}, new Inner[] {new Inner((byte) 7, -8), new Inner((byte) 9, sign)},
                new short[] {10, 11, (short) sign}, new double[] {Math.PI * sign, Double.NaN}, (byte) 12);
        return new Deep(new Nested[] {nested, other}, new WithArrays[] {arrays}, (short) (sign * 13));
    }
}
