/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.structured.FuzzedSegments.ImageSegment;
import io.github.nativeshm.testing.TestSegments;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.github.nativeshm.structured.DirectoryDescriptor.*;
import static io.github.nativeshm.structured.HeaderDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fuzzes what a reader does with a segment's bytes: header and directory parsing in
 * {@link StructuredSegment#open}, then every read a segment offers (values, each array slot, ring
 * readers from several positions, raw bytes; see {@link FuzzedSegments#openAndReadEverything}).
 * The only acceptable outcomes are success, {@link io.github.nativeshm.SegmentException} with a
 * fitting reason (a CORRUPT one with a detail), {@link IndexOutOfBoundsException} and
 * {@link IllegalArgumentException}; any other exception, a ring reader that reports records out of
 * order, an input slower than {@value #SLOW_SECONDS} s, a hang or a crash is a finding.
 *
 * <p>Three Jazzer targets: {@link #anyBytes} maps the fuzzer's bytes as a whole segment (the
 * fuzzer cannot guess layout fingerprints, so it mostly explores the header and directory
 * checks); {@link #validImageWithOverwrites} starts from a valid, filled segment and lets the
 * fuzzer overwrite bytes, fields, slot sequences and layout descriptions (re-fingerprinted) and
 * resize it, which reaches the typed and untyped ({@link UntypedRegion}) region reads;
 * {@link #layoutDescriptions} feeds the stored layout text's parser directly.
 * A plain JUnit test, {@link #seededMutationsOfAValidImage}, runs the same mutations from a fixed
 * {@link Random} seed in every build. All share one named segment whose tmpfs file each input
 * rewrites and resizes, so this class runs on Linux only.
 *
 * <p><b>Regression mode</b> (every {@code mvn test}, no {@code JAZZER_FUZZ}): each target runs
 * over its seed corpus in {@code src/test/resources/io/github/nativeshm/structured/SegmentFormatFuzzTestInputs/<method>/}
 * (Jazzer's convention; {@link #writeSeedCorpus} regenerates the generated part), plus the empty
 * input. A finding saved there becomes a regression test.
 *
 * <p><b>Fuzzing</b> (one target per run; {@code jazzer.max_duration} overrides the
 * {@code maxDuration} below):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl native-shm test -Dbuild.root=/tmp/build-fuzz \
 *     -Dtest='SegmentFormatFuzzTest#anyBytes' -Djazzer.max_duration=10m
 * JAZZER_FUZZ=1 ./mvnw -pl native-shm test -Dbuild.root=/tmp/build-fuzz \
 *     -Dtest='SegmentFormatFuzzTest#validImageWithOverwrites' -Djazzer.max_duration=10m
 * JAZZER_FUZZ=1 ./mvnw -pl native-shm test -Dbuild.root=/tmp/build-fuzz \
 *     -Dtest='SegmentFormatFuzzTest#layoutDescriptions' -Djazzer.max_duration=10m
 * </pre>
 * Jazzer keeps its generated corpus in {@code native-shm/.cifuzz-corpus/} (never commit it) and
 * saves a finding as {@code crash-<sha1>} in the target's inputs directory above, printing the
 * stack trace; the next regression run replays it. Do not set a JUnit timeout
 * ({@code junit.jupiter.execution.timeout.*}): it would apply to the whole fuzzing run. Hangs
 * are caught by a watchdog instead (see {@link #HANG_SECONDS}).
 */
@ExtendWith(TestSegments.class)
class SegmentFormatFuzzTest {
    /** The largest image the byte target maps. */
    static final int MAX_IMAGE = 64 * 1024;
    /**
     * An input that takes longer than this to read is a finding. Reading one takes milliseconds;
     * the margin is for GC pauses and a busy 2-core CI machine, not for the 1-second stall timeout
     * of a slot (see {@link #forgetLiveWriter}).
     */
    static final int SLOW_SECONDS = 30;
    /** An input still being read after this long is a hang: the watchdog saves it and ends the JVM. */
    static final int HANG_SECONDS = 120;
    /** Inputs between two {@code System.gc()} calls that unmap closed segments (see {@link #openAndRead}). */
    static final int GC_EVERY = 2_048;
    /** How many images the plain JUnit test mutates in every build (about 4 s). */
    static final int SEEDED_IMAGES = 10_000;

    private static ImageSegment segment;
    private static byte[] valid;
    /** Offsets of every header, directory, region-header and slot-header field of {@link #valid}. */
    private static int[] fields;
    private static int[] slotSequences;

    @BeforeAll
    static void createTheSegment() {
        assumeTrue(ImageSegment.isSupported(), "needs /dev/shm (Linux)");
        valid = FuzzedSegments.validImage();
        segment = new ImageSegment();
        segment.write(valid);
        List<RegionInfo> regions;
        try (StructuredSegment opened = StructuredSegment.open(segment.name)) {
            regions = opened.regions();
        }
        List<Integer> offsets = new ArrayList<>(List.of(MAGIC_OFFSET, VERSION_OFFSET, HEADER_LENGTH_OFFSET,
                SEGMENT_SIZE_OFFSET, EPOCH_OFFSET, STATE_OFFSET, REGION_COUNT_OFFSET, DIRECTORY_OFFSET_OFFSET,
                DIRECTORY_ENTRY_LENGTH_OFFSET, WRITER_GENERATION_OFFSET, WRITER_PID_OFFSET, WRITER_HEARTBEAT_OFFSET,
                WRITER_START_OFFSET));
        List<Integer> sequences = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            int entry = entryOffset(HeaderDescriptor.LENGTH, i);
            for (int field : new int[] {NAME_OFFSET, KIND_OFFSET, ELEMENT_SIZE_OFFSET, FINGERPRINT_OFFSET,
                    CAPACITY_OFFSET, REGION_OFFSET_OFFSET, REGION_LENGTH_OFFSET, LAYOUT_NAME_OFFSET,
                    DESCRIPTION_OFFSET_OFFSET, DESCRIPTION_LENGTH_OFFSET}) {
                offsets.add(entry + field);
            }
            RegionInfo region = regions.get(i);
            int start = (int) region.offset();
            offsets.add(start);
            if (region.kind() == RegionKind.RAW) {
                continue;
            }
            offsets.add(start + RegionDescriptor.WAITERS_OFFSET);
            offsets.add(start + RegionDescriptor.WRITE_POSITION_OFFSET);
            offsets.add(start + RegionDescriptor.REPAIRS_OFFSET);
            for (long slot = 0; slot < region.capacity(); slot++) {
                int at = (int) (start + RegionDescriptor.HEADER_LENGTH + slot * RegionDescriptor.slotStride(region.elementSize()));
                sequences.add(at + RegionDescriptor.SLOT_SEQUENCE_OFFSET);
                offsets.add(at + RegionDescriptor.SLOT_FLAGS_OFFSET);
                offsets.add(at + RegionDescriptor.SLOT_HEADER_LENGTH);
            }
        }
        offsets.addAll(sequences);
        fields = offsets.stream().mapToInt(Integer::intValue).toArray();
        slotSequences = sequences.stream().mapToInt(Integer::intValue).toArray();
        watchdog = new Thread(SegmentFormatFuzzTest::watchForHangs, "fuzz-hang-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @AfterAll
    static void removeTheSegment() {
        if (watchdog != null) {
            watchdog.interrupt();
        }
        if (segment != null) {
            segment.close();
        }
    }

    /** The valid image reads back whole: the harness itself works. */
    @Test
    void theValidImageOpensAndReadsEveryRegion() {
        segment.write(valid);
        assertEquals(4, FuzzedSegments.openAndReadEverything(segment.name));
    }

    /**
     * The fuzzer's bytes are the segment: as many bytes as it gives (at most {@value #MAX_IMAGE}),
     * zero-padded up to the size the header claims when that is larger but within the limit, so
     * that the size check is not all the fuzzer ever meets.
     */
    @FuzzTest(maxDuration = "2m")
    void anyBytes(byte[] data) {
        int length = Math.min(data.length, MAX_IMAGE);
        if (length >= SEGMENT_SIZE_OFFSET + Long.BYTES) {
            long claimed = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getLong(SEGMENT_SIZE_OFFSET);
            if (claimed > length && claimed <= MAX_IMAGE) {
                length = (int) claimed;
            }
        }
        openAndRead(Arrays.copyOf(data, length));
    }

    /** A valid, filled segment, then up to 8 overwrites and maybe a new size, as the fuzzer chooses. */
    @FuzzTest(maxDuration = "2m")
    void validImageWithOverwrites(FuzzedDataProvider data) {
        openAndRead(mutate(new FuzzerChoices(data)));
    }

    /**
     * A layout description as a segment stores it (UTF-8), parsed as {@link UntypedRegion} does:
     * refused with an {@link IllegalArgumentException}, or accepted as exactly the canonical text
     * it is, and then decoding a struct of its size.
     */
    @FuzzTest(maxDuration = "2m")
    void layoutDescriptions(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        LayoutDescription layout;
        try {
            layout = LayoutDescription.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (!layout.canonical().equals(text) || layout.fingerprint() != Layout.fingerprintOf(text)) {
            throw new AssertionError("accepted \"" + text + "\" as \"" + layout.canonical() + "\"");
        }
        try {
            layout.cHeader();
        } catch (IllegalArgumentException notC) {
            // a Java identifier that C cannot spell, or two structs of one name: said, not crashed
        }
        if (layout.size() > MAX_IMAGE) {
            return;
        }
        ByteBuffer struct = ByteBuffer.allocateDirect(layout.size() + 7).order(ByteOrder.nativeOrder());
        for (int i = 0; i < struct.capacity(); i++) {
            struct.put(i, data.length == 0 ? 0 : data[i % data.length]);
        }
        for (int offset = 0; offset < 8; offset++) {
            try {
                Map<String, Object> values = layout.read(struct, offset);
                if (values.size() != layout.members().size()) {
                    throw new AssertionError(text + " decoded to " + values);
                }
            } catch (IndexOutOfBoundsException beyond) {
                if (offset + layout.size() <= struct.capacity()) {
                    throw beyond;
                }
            }
        }
    }

    /** The overwrites of {@link #validImageWithOverwrites}, from a fixed seed: every build runs these. */
    @Test
    void seededMutationsOfAValidImage() {
        Random random = new Random(0x5eed_f00dL);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(20);
        int images = 0;
        int opened = 0;
        while (images < SEEDED_IMAGES && System.nanoTime() < deadline) {
            opened += openAndRead(mutate(new RandomChoices(random))) > 0 ? 1 : 0;
            images++;
        }
        System.out.println("SegmentFormatFuzzTest: " + images + " mutated images in " + (System.nanoTime() - start) / 1_000_000
                + " ms, " + opened + " opened with at least one region read whole");
        assertTrue(images >= 1_000, "only " + images + " images in 20 s");
        assertTrue(opened > images / 20, "too few mutated images opened (" + opened + " of " + images
                + "): the mutations no longer reach the region reads");
    }

    /**
     * Rewrites the seed corpus from the current format and {@link FuzzedSegments#SPEC}; run from
     * the module directory with {@code -Dtest='SegmentFormatFuzzTest#writeSeedCorpus' -Dfuzz.writeSeeds=true}.
     * Findings and hand-picked inputs from fuzzing runs are added next to these files by hand.
     */
    @Test
    @EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
    void writeSeedCorpus() throws IOException {
        Path inputs = Path.of("src/test/resources/io/github/nativeshm/structured/SegmentFormatFuzzTestInputs");
        Path images = Files.createDirectories(inputs.resolve("anyBytes"));
        Files.write(images.resolve("valid-segment"), valid);
        Files.write(images.resolve("header-only"), Arrays.copyOf(valid, HeaderDescriptor.LENGTH));
        Files.write(images.resolve("directory-only"), Arrays.copyOf(valid, entryOffset(HeaderDescriptor.LENGTH, 4)));
        Files.write(images.resolve("formatting"), withInt(valid, STATE_OFFSET, STATE_FORMATTING));
        Files.write(images.resolve("retired"), withInt(valid, STATE_OFFSET, STATE_RETIRED));
        Files.write(images.resolve("one-region"), withInt(valid, REGION_COUNT_OFFSET, 1));
        Path texts = Files.createDirectories(inputs.resolve("layoutDescriptions"));
        for (Class<? extends Record> type : List.of(FuzzedSegments.Quote.class, FuzzedSegments.Event.class,
                FuzzedSegments.Point.class)) {
            Files.writeString(texts.resolve(type.getSimpleName()), Layout.of(type).canonical());
        }
        Path overwrites = Files.createDirectories(inputs.resolve("validImageWithOverwrites"));
        Random random = new Random(1);
        for (int i = 0; i < 8; i++) {
            byte[] choices = new byte[16 << i % 5];
            random.nextBytes(choices);
            Files.write(overwrites.resolve("random-" + i), choices);
        }
    }

    private static byte[] withInt(byte[] image, int offset, int value) {
        byte[] copy = image.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(offset, value);
        return copy;
    }

    // ---- the harness -------------------------------------------------------------------------------

    /** Makes the segment {@code image}, opens and reads it; checks the time it took. */
    private static int openAndRead(byte[] image) {
        if (++inputs % GC_EVERY == 0) {
            // A closed segment is unmapped only when the GC finds its buffers unreachable, and
            // these inputs allocate little: without this, tens of thousands of closed mappings
            // reach vm.max_map_count and the JVM dies failing to map its own memory.
            System.gc();
        }
        forgetLiveWriter(image);
        segment.write(image);
        long start = System.nanoTime();
        current = new Input(Thread.currentThread(), image, start);
        int regions;
        try {
            regions = FuzzedSegments.openAndReadEverything(segment.name);
        } finally {
            current = null;
        }
        long took = System.nanoTime() - start;
        if (took > TimeUnit.SECONDS.toNanos(SLOW_SECONDS)) {
            throw new AssertionError("reading a " + image.length + "-byte image took " + took / 1_000_000 + " ms");
        }
        return regions;
    }

    /** Inputs read so far; see {@link #GC_EVERY}. */
    private static int inputs;

    /** The input being read, for the watchdog. */
    private record Input(Thread thread, byte[] image, long startNanos) {
    }

    private static volatile Input current;
    private static Thread watchdog;

    /**
     * A read that never returns is a finding that no exception reports, and libFuzzer's own
     * timeout is 20 minutes: past {@value #HANG_SECONDS} s this saves the image, prints where the
     * reader is stuck and ends the JVM, so that neither a fuzzing run nor a build waits forever.
     */
    private static void watchForHangs() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            Input input = current;
            if (input != null && System.nanoTime() - input.startNanos() > TimeUnit.SECONDS.toNanos(HANG_SECONDS)) {
                StringBuilder report = new StringBuilder("HANG: reading a " + input.image().length
                        + "-byte segment image has not returned for " + HANG_SECONDS + " s");
                try {
                    Path saved = Files.createTempFile("segment-hang-", ".bin");
                    Files.write(saved, input.image());
                    report.append("; the image is in ").append(saved);
                } catch (IOException | RuntimeException e) {
                    report.append("; the image could not be saved: ").append(e);
                }
                report.append("\nthe reader is at:");
                for (StackTraceElement frame : input.thread().getStackTrace()) {
                    report.append("\n\tat ").append(frame);
                }
                System.err.println(report);
                System.err.flush();
                Runtime.getRuntime().halt(70);
            }
        }
    }

    /**
     * A writer pid that names a running process (this JVM, or pid 1, which fuzzers find soon)
     * would make every odd slot sequence a one-second TIMEOUT, a correct but slow outcome that
     * {@code CorruptSegmentTest} covers; here such a pid becomes 0.
     */
    private static void forgetLiveWriter(byte[] image) {
        if (image.length >= WRITER_PID_OFFSET + Long.BYTES) {
            ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
            long pid = bytes.getLong(WRITER_PID_OFFSET);
            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                bytes.putLong(WRITER_PID_OFFSET, 0);
            }
        }
    }

    /** What a mutation asks of its source of choices: the fuzzer's data, or a seeded random. */
    private interface Choices {
        int intIn(int min, int max);

        long anyLong();

        byte[] bytes(int count);

        boolean bool();
    }

    private record FuzzerChoices(FuzzedDataProvider data) implements Choices {
        @Override
        public int intIn(int min, int max) {
            return data.consumeInt(min, max);
        }

        @Override
        public long anyLong() {
            return data.consumeLong();
        }

        @Override
        public byte[] bytes(int count) {
            return data.consumeBytes(count);
        }

        @Override
        public boolean bool() {
            return data.consumeBoolean();
        }
    }

    private record RandomChoices(Random random) implements Choices {
        @Override
        public int intIn(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        @Override
        public long anyLong() {
            return random.nextLong();
        }

        @Override
        public byte[] bytes(int count) {
            byte[] bytes = new byte[count];
            random.nextBytes(bytes);
            return bytes;
        }

        @Override
        public boolean bool() {
            return random.nextBoolean();
        }
    }

    /** Values at the edges of what the format's checks compare against. */
    private static long interesting(Choices choices, long original) {
        return switch (choices.intIn(0, 19)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> Long.MAX_VALUE;
            case 4 -> Long.MIN_VALUE;
            case 5 -> Integer.MAX_VALUE;
            case 6 -> Integer.MIN_VALUE;
            case 7 -> 1L << choices.intIn(0, 63);
            case 8 -> original + choices.intIn(-130, 130);
            case 9 -> original * 2;
            case 10 -> original | 1;
            case 11 -> valid.length + choices.intIn(-130, 130);
            case 12 -> RingReader.MAX_POSITION + choices.intIn(-2, 1);
            case 13 -> 0xFFFF_FFFFL;
            case 14 -> original ^ (1L << choices.intIn(0, 63));
            case 15 -> choices.intIn(0, 64) * 64L;
            case 16 -> HeaderDescriptor.LENGTH + choices.intIn(-2, 2);
            case 17 -> ((long) choices.intIn(0, 10_000) << 1) | choices.intIn(0, 1);
            default -> choices.anyLong();
        };
    }

    /** Pieces of the layout grammar, for rewriting descriptions. */
    private static final String[] TOKENS = {"{", "}", "#", "@", ";", " ", "[", "]", "0", "1", "8", "9", "16", "64",
            "2147483647", "2147483648", "bool", "int8", "int16", "uint16", "int32", "int64", "float32", "float64",
            "char", "char[1]", "x", "Quote", "Point{float32 x@0;float32 y@4}#8", "\u00e9", "_", "$"};

    /**
     * Overwrites a struct region's layout description with grammar pieces (and maybe shortens it),
     * then stores the fingerprint of the new text, so that the directory still checks out and the
     * text reaches the description parser of {@link UntypedRegion}.
     */
    private static void rewriteDescription(Choices choices, byte[] image, ByteBuffer bytes) {
        int entry = entryOffset(HeaderDescriptor.LENGTH, choices.intIn(0, 3));
        if (entry + ENTRY_LENGTH > image.length) {
            return;
        }
        long offset = bytes.getLong(entry + DESCRIPTION_OFFSET_OFFSET);
        int length = bytes.getInt(entry + DESCRIPTION_LENGTH_OFFSET);
        if (length < 1 || offset < 0 || offset > image.length - length) {
            return;
        }
        for (int edits = choices.intIn(1, 4); edits > 0; edits--) {
            byte[] token = TOKENS[choices.intIn(0, TOKENS.length - 1)].getBytes(StandardCharsets.UTF_8);
            int at = choices.intIn(0, length - 1);
            System.arraycopy(token, 0, image, (int) offset + at, Math.min(token.length, length - at));
        }
        if (choices.intIn(0, 3) == 3) {
            length = choices.intIn(1, length);
            bytes.putInt(entry + DESCRIPTION_LENGTH_OFFSET, length);
        }
        String text = new String(image, (int) offset, length, StandardCharsets.UTF_8);
        bytes.putLong(entry + FINGERPRINT_OFFSET, Layout.fingerprintOf(text));
    }

    /** The valid image with 1 to 8 overwrites, and maybe cut or extended. */
    private static byte[] mutate(Choices choices) {
        byte[] image = valid.clone();
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
        int edits = choices.intIn(1, 8);
        for (int edit = 0; edit < edits; edit++) {
            switch (choices.intIn(0, 6)) {
                case 0 -> { // a run of bytes anywhere
                    int at = choices.intIn(0, image.length - 1);
                    byte[] run = choices.bytes(choices.intIn(1, 32));
                    System.arraycopy(run, 0, image, at, Math.min(run.length, image.length - at));
                }
                case 1 -> { // a 4-byte field
                    int at = fields[choices.intIn(0, fields.length - 1)];
                    if (at + Integer.BYTES <= image.length) {
                        bytes.putInt(at, (int) interesting(choices, bytes.getInt(at)));
                    }
                }
                case 2 -> { // an 8-byte field
                    int at = fields[choices.intIn(0, fields.length - 1)];
                    if (at + Long.BYTES <= image.length) {
                        bytes.putLong(at, interesting(choices, bytes.getLong(at)));
                    }
                }
                case 3 -> { // a slot sequence
                    int at = slotSequences[choices.intIn(0, slotSequences.length - 1)];
                    bytes.putLong(at, interesting(choices, bytes.getLong(at)));
                }
                case 4 -> { // a bit anywhere
                    int bit = choices.intIn(0, image.length * 8 - 1);
                    image[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                case 5 -> { // a byte of the header or directory
                    int at = choices.intIn(0, entryOffset(HeaderDescriptor.LENGTH, 4) - 1);
                    image[at] = (byte) choices.intIn(0, 255);
                }
                default -> rewriteDescription(choices, image, bytes);
            }
        }
        if (choices.intIn(0, 15) == 15) { // an exhausted fuzzer input chooses the minimum: no resize
            return Arrays.copyOf(image, choices.intIn(0, image.length * 2));
        }
        return image;
    }
}
