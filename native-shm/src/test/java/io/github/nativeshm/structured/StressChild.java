/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Fixed;
import io.github.nativeshm.layout.Layout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child processes of {@link StressTest} and {@link WriterCrashTest}, and the records they share.
 * Every record carries a 64-bit checksum over all its other fields, and every other field is
 * derived from a few numbers in the record itself, so that a reader can tell a torn or impossible
 * record from a good one without knowing what the writer wrote.
 *
 * <pre>
 * java -cp ... StressChild stress-writer NAME            creates NAME, writes until stdin ends
 * java -cp ... StressChild stress-reader NAME SECONDS ID reads and checks for SECONDS
 * java -cp ... StressChild crash-writer  NAME ROUND      attaches and writes big structs until killed
 * java -cp ... StressChild recover       NAME ROUND      attaches (repairs), then writes markers on "write"
 * </pre>
 *
 * Lines starting with {@code ready}, {@code result}, {@code attached} and {@code written} on stdout
 * tell the parent what happened; {@code result} lines are {@code key=value} pairs.
 */
public final class StressChild {
    /** Array slots of the stress segment: few, so that readers often meet the writer in one. */
    static final int STRESS_SLOTS = 16;
    static final int STRESS_RING = 4096;
    static final SegmentSpec STRESS_SPEC = SegmentSpec.builder()
            .value("value", Sample.class)
            .array("blocks", Block.class, STRESS_SLOTS)
            .ring("ticks", Tick.class, STRESS_RING)
            .build();

    static final int CRASH_SLOTS = 8;
    /** Distinct records the crash writer cycles through per slot (precomputed: it only copies). */
    static final int CRASH_VARIANTS = 4;
    /** The variant of the records a recovering writer writes. */
    static final int MARKER = -1;
    static final SegmentSpec CRASH_SPEC = SegmentSpec.builder()
            .value("big", Heavy.class)
            .array("heavies", Heavy.class, CRASH_SLOTS)
            .build();

    private StressChild() {
    }

    // ---- records ------------------------------------------------------------------------------

    /** The stress value: small, written on every step. */
    public record Sample(long seq, long square, long mixed, int low, int high, double half, double root,
                         @Fixed(24) String tag, long checksum) {
        static Sample of(long seq) {
            long square = seq * seq;
            long mixed = Long.rotateLeft(seq * GOLDEN, 17) ^ 0x5DEECE66DL;
            int low = (int) seq ^ 0x7f4a7c15;
            int high = Integer.reverse((int) seq);
            double half = seq / 2.0;
            double root = Math.sqrt(seq);
            String tag = "S" + Long.toString(seq, 36) + "-" + seq % 97;
            return new Sample(seq, square, mixed, low, high, half, root, tag,
                    sum(seq, square, mixed, low, high, half, root, tag));
        }

        static long sum(long seq, long square, long mixed, int low, int high, double half, double root, String tag) {
            long h = mix(mix(mix(mix(mix(mix(mix(SEED, seq), square), mixed), low), high), bits(half)), bits(root));
            return mix(h, tag);
        }

        /** Null if the record is good, else what is wrong with it. */
        String problem() {
            if (checksum != sum(seq, square, mixed, low, high, half, root, tag)) {
                return "checksum mismatch: " + this;
            }
            return equals(of(seq)) ? null : "impossible values for seq " + seq + ": " + this;
        }
    }

    /** The stress array's element: about 2 KB, so the writer spends a while inside each slot. */
    public record Block(long seq, int slot, int count, @Fixed(240) long[] data, @Fixed(40) String tag, double ratio,
                        long checksum) {
        static Block of(long seq, int slot) {
            long[] data = new long[240];
            for (int i = 0; i < data.length; i++) {
                data[i] = element(seq, slot, i);
            }
            String tag = "B" + slot + "/" + Long.toString(seq, 36);
            double ratio = seq / (double) (slot + 1);
            return new Block(seq, slot, data.length, data, tag, ratio, sum(seq, slot, data.length, data, tag, ratio));
        }

        static long element(long seq, int slot, int i) {
            return (seq + i) * GOLDEN ^ ((long) slot << 40) ^ i;
        }

        static long sum(long seq, int slot, int count, long[] data, String tag, double ratio) {
            long h = mix(mix(mix(SEED, seq), slot), count);
            for (long value : data) {
                h = mix(h, value);
            }
            return mix(mix(h, tag), bits(ratio));
        }

        /** Null if the record is good and belongs in {@code index}, else what is wrong with it. */
        String problem(int index) {
            if (checksum != sum(seq, slot, count, data, tag, ratio)) {
                return "checksum mismatch in slot " + index + ": seq " + seq + ", slot " + slot;
            }
            if (slot != index || seq % STRESS_SLOTS != index || count != data.length) {
                return "impossible block in slot " + index + ": seq " + seq + ", slot " + slot + ", count " + count;
            }
            Block expected = of(seq, slot);
            return Arrays.equals(data, expected.data) && tag.equals(expected.tag)
                    && Double.compare(ratio, expected.ratio) == 0 ? null
                    : "impossible values in slot " + index + " for seq " + seq;
        }
    }

    /** A ring event; its seq is the ring's sequence number of the record. */
    public record Tick(long seq, long mixed, int low, short kind, double half, @Fixed(20) String tag, long checksum) {
        static Tick of(long seq) {
            long mixed = seq * GOLDEN ^ (seq >>> 7);
            int low = (int) (seq * 31);
            short kind = (short) (seq % 5);
            double half = seq * 0.5;
            String tag = "T" + Long.toHexString(seq);
            return new Tick(seq, mixed, low, kind, half, tag, sum(seq, mixed, low, kind, half, tag));
        }

        static long sum(long seq, long mixed, int low, short kind, double half, String tag) {
            return mix(mix(mix(mix(mix(mix(SEED, seq), mixed), low), kind), bits(half)), tag);
        }

        String problem() {
            if (checksum != sum(seq, mixed, low, kind, half, tag)) {
                return "checksum mismatch: " + this;
            }
            return equals(of(seq)) ? null : "impossible values for seq " + seq + ": " + this;
        }
    }

    /** The crash test's element: about 8 KB, so that a writer killed at random is most likely inside one. */
    public record Heavy(long round, int slot, int variant, @Fixed(1000) long[] data, @Fixed(32) String tag,
                        long checksum) {
        static Heavy of(long round, int slot, int variant) {
            long[] data = new long[1000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (round * 1_000_003 + variant * 7919L + i) * GOLDEN ^ slot;
            }
            String tag = "H" + round + "." + slot + "." + variant;
            return new Heavy(round, slot, variant, data, tag, sum(round, slot, variant, data, tag));
        }

        static long sum(long round, int slot, int variant, long[] data, String tag) {
            long h = mix(mix(mix(SEED, round), slot), variant);
            for (long value : data) {
                h = mix(h, value);
            }
            return mix(h, tag);
        }

        /** Null if the record is good and belongs in {@code slot} (-1: the value), else what is wrong with it. */
        String problem(int expectedSlot) {
            if (checksum != sum(round, slot, variant, data, tag)) {
                return "checksum mismatch in slot " + expectedSlot + ": round " + round + ", variant " + variant;
            }
            if (slot != expectedSlot || (variant != MARKER && (variant < 0 || variant >= CRASH_VARIANTS))) {
                return "impossible record in slot " + expectedSlot + ": slot " + slot + ", variant " + variant;
            }
            Heavy expected = of(round, slot, variant);
            return Arrays.equals(data, expected.data) && tag.equals(expected.tag) ? null
                    : "impossible values in slot " + expectedSlot + ": round " + round + ", variant " + variant;
        }
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SEED = 0x243F6A8885A308D3L;

    static long mix(long hash, long value) {
        long h = (hash ^ value) * GOLDEN;
        return h ^ (h >>> 29);
    }

    static long mix(long hash, String text) {
        long h = hash;
        for (int i = 0; i < text.length(); i++) {
            h = mix(h, text.charAt(i));
        }
        return mix(h, text.length());
    }

    static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    // ---- processes ------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stress-writer" -> stressWriter(args[1]);
            case "stress-reader" -> stressReader(args[1], Double.parseDouble(args[2]), args[3]);
            case "crash-writer" -> crashWriter(args[1], Integer.parseInt(args[2]));
            case "recover" -> recover(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Creates the segment, fills it, says "ready", then writes until stdin says "stop" or ends. */
    private static void stressWriter(String name) throws IOException {
        try (StructuredSegment segment = StructuredSegment.create(name, STRESS_SPEC)) {
            SharedValue<Sample> value = segment.value("value", Sample.class);
            SharedArray<Block> blocks = segment.array("blocks", Block.class);
            EventRing<Tick> ticks = segment.ring("ticks", Tick.class);
            StopSignal stop = StopSignal.fromStdin();
            long started = System.nanoTime();
            long step = 0;
            while (!stop.requested() || step < STRESS_SLOTS) {
                value.write(Sample.of(step));
                blocks.write((int) (step % STRESS_SLOTS), Block.of(step, (int) (step % STRESS_SLOTS)));
                long position = ticks.append(Tick.of(step));
                if (position != step) {
                    throw new AssertionError("ring position " + position + " for step " + step);
                }
                step++;
                if (step == STRESS_SLOTS) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "result writes=%d valueWrites=%d arrayWrites=%d ringAppends=%d seconds=%.2f%n",
                    3 * step, step, step, step, seconds);
        }
    }

    /** Reads value, array slots and the ring for {@code seconds}, checking every record, then prints counts. */
    private static void stressReader(String name, double seconds, String id) {
        try (StructuredSegment segment = StructuredSegment.open(name)) {
            SharedValue<Sample> value = segment.value("value", Sample.class);
            SharedArray<Block> blocks = segment.array("blocks", Block.class);
            EventRing<Tick> ticks = segment.ring("ticks", Tick.class);
            RingReader<Tick> cursor = ticks.reader(EventRing.Start.OLDEST);
            RingChecker checker = new RingChecker(cursor.position());
            SlotReader<Sample> inPlace = sampleInPlace(value.layout());
            Problems problems = new Problems(id);
            long[] lastBlock = new long[STRESS_SLOTS];
            Arrays.fill(lastBlock, -1);
            long lastSample = -1;
            long valueReads = 0;
            long arrayReads = 0;
            long stalls = 0;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            for (long i = 0; (i & 255) != 0 || System.nanoTime() < deadline; i++) {
                try {
                    Sample sample = (i & 1) == 0 ? value.read() : value.read(inPlace);
                    valueReads++;
                    if (sample == null) {
                        problems.add("the value read as empty after the writer filled it");
                    } else {
                        problems.add(sample.problem());
                        if (sample.seq() < lastSample) {
                            problems.add("the value went back from seq " + lastSample + " to " + sample.seq());
                        }
                        lastSample = Math.max(lastSample, sample.seq());
                    }
                    int index = random.nextInt(STRESS_SLOTS);
                    Block block = blocks.read(index);
                    arrayReads++;
                    if (block == null) {
                        problems.add("slot " + index + " read as empty after the writer filled it");
                    } else {
                        problems.add(block.problem(index));
                        if (block.seq() < lastBlock[index]) {
                            problems.add("slot " + index + " went back from seq " + lastBlock[index] + " to " + block.seq());
                        }
                        lastBlock[index] = Math.max(lastBlock[index], block.seq());
                    }
                } catch (SegmentException e) {
                    if (e.reason() == Reason.TIMEOUT) {
                        stalls++; // a live writer held a slot odd for over a second: the machine is overloaded
                    } else {
                        problems.add("read failed although the writer is alive: " + e.getMessage());
                    }
                }
                cursor.poll(checker, 64);
                problems.add(checker.takeProblem());
            }
            System.out.printf(Locale.ROOT, "result id=%s valueReads=%d arrayReads=%d reads=%d retries=%d ringRecords=%d ringLosses=%d"
                            + " lossEvents=%d torn=%d stalls=%d lost=%d%n",
                    id, valueReads, arrayReads, valueReads + arrayReads, value.retries() + blocks.retries(),
                    checker.records, checker.lost, checker.lossEvents, problems.count, stalls, cursor.lost());
        }
    }

    /** A flyweight read of the whole sample, field by field in place: user code that sees torn bytes. */
    private static SlotReader<Sample> sampleInPlace(Layout<Sample> layout) {
        Field seq = layout.field("seq");
        Field square = layout.field("square");
        Field mixed = layout.field("mixed");
        Field low = layout.field("low");
        Field high = layout.field("high");
        Field half = layout.field("half");
        Field root = layout.field("root");
        Field tag = layout.field("tag");
        Field checksum = layout.field("checksum");
        return (buffer, offset) -> new Sample(seq.getLong(buffer, offset), square.getLong(buffer, offset),
                mixed.getLong(buffer, offset), low.getInt(buffer, offset), high.getInt(buffer, offset),
                half.getDouble(buffer, offset), root.getDouble(buffer, offset), tag.getString(buffer, offset),
                checksum.getLong(buffer, offset));
    }

    /** Checks that the ring hands over every sequence number in order, or reports it lost: never a silent gap. */
    private static final class RingChecker implements RingHandler<Tick> {
        private long next;
        long records;
        long lost;
        long lossEvents;
        private String problem;

        RingChecker(long first) {
            this.next = first;
        }

        @Override
        public void onRecord(long sequence, Tick record) {
            if (sequence != next) {
                report("record " + sequence + " delivered where " + next + " was due (a silent gap or disorder)");
            }
            String bad = record.problem();
            if (bad != null) {
                report("record " + sequence + ": " + bad);
            } else if (record.seq() != sequence) {
                report("record " + sequence + " holds the content of record " + record.seq());
            }
            records++;
            next = sequence + 1;
        }

        @Override
        public void onLoss(long firstLost, long count) {
            if (firstLost != next || count <= 0) {
                report("loss of " + count + " from " + firstLost + " reported where " + next + " was due");
            }
            lost += count;
            lossEvents++;
            next = firstLost + count;
        }

        private void report(String text) {
            if (problem == null) {
                problem = text;
            }
        }

        String takeProblem() {
            String taken = problem;
            problem = null;
            return taken;
        }
    }

    /** Counts problems and prints the first few on stderr. */
    private static final class Problems {
        private final String id;
        long count;

        Problems(String id) {
            this.id = id;
        }

        void add(String problem) {
            if (problem != null) {
                if (++count <= 20) {
                    System.err.println("reader " + id + ": " + problem);
                }
            }
        }
    }

    /** Set when stdin has a line "stop" or ends (the parent closed it, or died). */
    static final class StopSignal {
        private volatile boolean requested;

        static StopSignal fromStdin() {
            StopSignal signal = new StopSignal();
            Thread watcher = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    String line;
                    do {
                        line = in.readLine();
                    } while (line != null && !line.strip().equals("stop"));
                } catch (IOException e) {
                    // the parent is gone: stop as well
                }
                signal.requested = true;
            }, "stop-signal");
            watcher.setDaemon(true);
            watcher.start();
            return signal;
        }

        boolean requested() {
            return requested;
        }
    }

    // ---- writer crash -----------------------------------------------------------------------------

    /**
     * Attaches as writer (creating the segment in round 1), fills every slot with records of
     * {@code round}, says "ready", then rewrites slots as fast as it can until it is killed. The
     * records are precomputed so that nearly all of its time is spent inside a slot.
     */
    private static void crashWriter(String name, int round) {
        StructuredSegment segment = StructuredSegment.createOrAttach(name, CRASH_SPEC);
        SharedValue<Heavy> value = segment.value("big", Heavy.class);
        SharedArray<Heavy> heavies = segment.array("heavies", Heavy.class);
        Heavy[][] pool = new Heavy[CRASH_SLOTS + 1][CRASH_VARIANTS];
        for (int slot = 0; slot <= CRASH_SLOTS; slot++) {
            for (int variant = 0; variant < CRASH_VARIANTS; variant++) {
                pool[slot][variant] = Heavy.of(round, slot == CRASH_SLOTS ? -1 : slot, variant);
            }
        }
        for (long i = 0; ; i++) {
            int slot = (int) (i % (CRASH_SLOTS + 1));
            Heavy record = pool[slot][(int) ((i / (CRASH_SLOTS + 1)) % CRASH_VARIANTS)];
            if (slot == CRASH_SLOTS) {
                value.write(record);
            } else {
                heavies.write(slot, record);
            }
            if (i == CRASH_SLOTS) {
                System.out.println("ready pid=" + ProcessHandle.current().pid());
                System.out.flush();
            }
        }
    }

    /**
     * Attaches as writer after a crash (which repairs half-written slots), says how many slots
     * each region had repaired, then on the line "write" writes a marker record to every slot.
     */
    private static void recover(String name, int round) throws IOException {
        try (StructuredSegment segment = StructuredSegment.createOrAttach(name, CRASH_SPEC)) {
            ByteBuffer bytes = segment.segment().buffer();
            StringBuilder repairs = new StringBuilder();
            for (RegionInfo region : segment.regions()) {
                repairs.append(' ').append(region.name()).append('=')
                        .append(bytes.getLong((int) region.offset() + RegionDescriptor.REPAIRS_OFFSET));
            }
            System.out.println("attached" + repairs);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"write".equals(in.readLine())) {
                return;
            }
            segment.value("big", Heavy.class).write(Heavy.of(round, -1, MARKER));
            SharedArray<Heavy> heavies = segment.array("heavies", Heavy.class);
            for (int slot = 0; slot < CRASH_SLOTS; slot++) {
                heavies.write(slot, Heavy.of(round, slot, MARKER));
            }
            System.out.println("written");
            System.out.flush();
        }
    }
}
