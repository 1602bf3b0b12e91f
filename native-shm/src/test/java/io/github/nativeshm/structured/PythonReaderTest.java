/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Fixed;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An independent reader, {@code python/shm_reader.py} (standard library only, written from
 * {@code docs/segment-format.md}), reads a structured segment that Java wrote: the header, the
 * directory, the layout descriptions, every field of every slot decoded with the layout the segment
 * itself describes, and the ring with its losses; and it refuses a corrupt header, directory or
 * description naming the field, where Java's own reader refuses it too. The segment format is
 * thereby checked against its specification, not only against the Java code that writes it.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class PythonReaderTest {
    public record Point(int x, int y, @Fixed(8) String label) {
    }

    /** Every scalar width, text, a scalar array, a nested struct and an array of structs. */
    public record Status(long id, @Fixed(24) String title, short small, byte tiny, boolean ok, char letter,
                         int count, float ratio, double price, Point where, @Fixed(3) int[] sizes,
                         @Fixed(2) Point[] corners) {
    }

    public record Item(long id, @Fixed(16) String name, @Fixed(4) short[] scores, double weight, boolean active) {
    }

    public record Event(long number, @Fixed(12) String text, byte level, @Fixed(2) long[] pair) {
    }

    private static final int RING_CAPACITY = 4;
    private static final int APPENDED = 10;

    private static final SegmentSpec SPEC = SegmentSpec.builder()
            .value("status", Status.class)
            .array("items", Item.class, 4)
            .ring("events", Event.class, RING_CAPACITY)
            .raw("scratch", 100)
            .build();

    private static final Status STATUS = new Status(Long.MIN_VALUE, "grüße ✓ 日本語", Short.MIN_VALUE, (byte) -128,
            true, '\uffff', -1, 0.1f, -0.0, new Point(3, -4, "naïve"), new int[]{7, Integer.MAX_VALUE, -7},
            new Point[]{new Point(1, 2, "a"), new Point(Integer.MIN_VALUE, 0, "ß€")});
    private static final Item ITEM_0 = new Item(100, "Teekanne", new short[]{1, -2, 3, Short.MAX_VALUE}, 1.5, true);
    private static final Item ITEM_3 = new Item(-3, "", new short[4], Double.NaN, false);

    // ---- reading what Java wrote ----------------------------------------------------------------

    @Test
    void pythonReadsTheHeaderAndDirectoryJavaWrote() throws Exception {
        withSegment(segment -> {
            Map<String, String> out = read(segment.name());
            SegmentHeader header = segment.header();

            assertEquals("NSHM", out.get("header.magic"));
            assertEquals("1", out.get("header.version"));
            assertEquals("128", out.get("header.header_length"));
            assertEquals(Long.toString(header.size()), out.get("header.size"));
            assertEquals(Long.toString(segment.epoch()), out.get("header.epoch"));
            assertEquals(Long.toHexString(segment.epoch()), out.get("header.epoch_hex"),
                    "the hex form in the Windows event name");
            assertEquals("ready", out.get("header.state"));
            assertEquals("4", out.get("header.region_count"));
            assertEquals("128", out.get("header.directory_offset"));
            assertEquals("128", out.get("header.directory_entry_length"));
            assertEquals("1", out.get("header.writer_generation"));
            assertEquals(Long.toString(ProcessHandle.current().pid()), out.get("header.writer_pid"));
            assertEquals(Long.toString(header.writerHeartbeat().toEpochMilli()), out.get("header.writer_heartbeat_ms"));
            assertEquals(Long.toString(header.writerStart().toEpochMilli()), out.get("header.writer_start_ms"));
            assertEquals("true", out.get("header.writer_alive"), "this JVM, by pid and start time");

            List<RegionInfo> regions = segment.regions();
            long description = SegmentSpec.descriptionsOffset(regions.size()); // right after the directory
            for (int i = 0; i < regions.size(); i++) {
                RegionInfo region = regions.get(i);
                String key = "region." + i + ".";
                assertEquals(region.name(), out.get(key + "name"));
                assertEquals(region.kind().name().toLowerCase(Locale.ROOT), out.get(key + "kind"));
                assertEquals(region.layoutName(), out.get(key + "layout_name"));
                assertEquals(String.format("0x%016x", region.fingerprint()), out.get(key + "fingerprint"));
                assertEquals(Integer.toString(region.elementSize()), out.get(key + "element_size"));
                assertEquals(Long.toString(region.capacity()), out.get(key + "capacity"));
                assertEquals(Long.toString(region.offset()), out.get(key + "offset"));
                assertEquals(Long.toString(region.length()), out.get(key + "length"));
                assertEquals(region.layoutDescription(), out.get(key + "layout"), "the embedded canonical layout");
                int descriptionLength = region.layoutDescription().getBytes(StandardCharsets.UTF_8).length;
                assertEquals(Integer.toString(descriptionLength), out.get(key + "description_length"));
                assertEquals(region.kind() == RegionKind.RAW ? "0" : Long.toString(description),
                        out.get(key + "description_offset"), "descriptions follow each other in directory order");
                description += descriptionLength;
                if (region.kind() != RegionKind.RAW) {
                    assertEquals(Long.toString(RegionDescriptor.slotStride(region.elementSize())),
                            out.get(key + "slot_stride"));
                }
            }
            assertEquals("1", out.get("region.0.change_count"), "one write to the value");
            assertEquals("4", out.get("region.1.change_count"), "three writes and a clear");
            assertEquals("10", out.get("region.2.change_count"), "ten appends");
            assertEquals(Integer.toString(APPENDED), out.get("region.2.write_position"));
            assertEquals("0", out.get("region.2.waiters"));
            assertFalse(out.containsKey("region.3.change_count"), "a raw region has no region header");
            assertEquals(Long.toString(SegmentSpec.align(description)), out.get("region.0.offset"),
                    "the first region starts at the first 64-byte boundary after the descriptions");
        });
    }

    @Test
    void pythonDecodesEveryFieldOfValueAndArraySlots() throws Exception {
        withSegment(segment -> {
            Map<String, String> out = read(segment.name());

            assertEquals("full", out.get("slot.status[0]"));
            assertEquals("2", out.get("slot.status[0].sequence"), "one completed write");
            assertFields("data.status[0]", STATUS, out);

            assertEquals("full", out.get("slot.items[0]"));
            assertFields("data.items[0]", ITEM_0, out);
            assertEquals("empty", out.get("slot.items[1]"), "written, then cleared");
            assertEquals("4", out.get("slot.items[1].sequence"));
            assertEquals("empty", out.get("slot.items[2]"), "never written");
            assertEquals("0", out.get("slot.items[2].sequence"));
            assertEquals("full", out.get("slot.items[3]"));
            assertFields("data.items[3]", ITEM_3, out);
            assertFalse(out.keySet().stream().anyMatch(k -> k.startsWith("data.items[1]") || k.startsWith("data.items[2]")),
                    () -> "no data for empty slots: " + out);
        });
    }

    @Test
    void pythonReadsTheRingFromTheOldestRetainedRecord() throws Exception {
        withSegment(segment -> {
            Map<String, String> out = read(segment.name());

            assertEquals(Integer.toString(APPENDED), out.get("ring.events.to"));
            assertEquals("0", out.get("ring.events.lost"), "starting at the oldest retained record loses nothing");
            for (int p = 0; p < APPENDED; p++) {
                String key = "data.events[" + p + "].number";
                if (p < APPENDED - RING_CAPACITY) {
                    assertFalse(out.containsKey(key), () -> "record overwritten by the lapping writer: " + key);
                } else {
                    assertFields("data.events[" + p + "]", expectedEvent(p), out);
                }
            }
            assertEquals("ça va ✓", out.get("data.events[9].text"), "cut at a character boundary to 12 bytes");
        });
    }

    @Test
    void pythonReportsTheRecordsItLostToTheLappingWriter() throws Exception {
        withSegment(segment -> {
            Map<String, String> out = read(segment.name(), "--from", "events=1");

            // Gone before its first look: it resumes at the oldest retained record, as the Java reader does.
            int oldest = APPENDED - RING_CAPACITY;
            assertEquals(Integer.toString(oldest - 1), out.get("loss.events[1]"), "records 1..5 were overwritten");
            assertEquals(Integer.toString(oldest - 1), out.get("ring.events.lost"));
            assertFields("data.events[" + oldest + "]", expectedEvent(oldest), out);
            assertFalse(out.containsKey("data.events[1].number"));
        });
    }

    @Test
    void jsonOutputCarriesTheSameSegmentForHumans() throws Exception {
        withSegment(segment -> {
            String json = Processes.run(command(segment.name(), "--json"));
            assertTrue(json.startsWith("{") && json.strip().endsWith("}"), json);
            assertTrue(json.contains("\"epoch\": " + segment.epoch()), json);
            assertTrue(json.contains("\"title\": \"grüße ✓ 日本語\""), () -> "UTF-8, unescaped: " + json);
            assertTrue(json.contains("\"price\": -0.0") && json.contains("\"weight\": \"NaN\""), json);
        });
    }

    // ---- refusing what it must refuse ---------------------------------------------------------

    /**
     * A corruption of the segment, the exit status and message the Python reader must give, and the
     * reason Java's own reader refuses it with (null: Java accepts it; the reader checks more).
     */
    record Corruption(String what, Consumer<Segment> damage, int exitCode, String message, Reason javaReason) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Corruption> corruptions() {
        int status = DirectoryDescriptor.entryOffset(HeaderDescriptor.LENGTH, 0);
        int items = DirectoryDescriptor.entryOffset(HeaderDescriptor.LENGTH, 1);
        int events = DirectoryDescriptor.entryOffset(HeaderDescriptor.LENGTH, 2);
        int scratch = DirectoryDescriptor.entryOffset(HeaderDescriptor.LENGTH, 3);
        long area = SegmentSpec.descriptionsOffset(4);
        int itemsLength = utf8Length(Layout.of(Item.class).canonical());
        int eventsLength = utf8Length(Layout.of(Event.class).canonical());
        String beyondJava = Layout.of(Item.class).canonical().replace("weight@32", "weight@33");
        return List.of(
                new Corruption("bad magic", segment -> segment.putInt(HeaderDescriptor.MAGIC_OFFSET, 0x4b4e554a),
                        1, "magic is 0x4a554e4b, expected 0x4e53484d ('NSHM')", Reason.CORRUPT),
                new Corruption("zero magic in a ready segment", segment -> segment.putInt(HeaderDescriptor.MAGIC_OFFSET, 0),
                        1, "magic is 0x00000000, expected 0x4e53484d ('NSHM')", Reason.CORRUPT),
                new Corruption("unknown version", segment -> segment.putInt(HeaderDescriptor.VERSION_OFFSET,
                        versionAndHeaderLength(2, 128)), 1, "format version 2 is not supported", Reason.CORRUPT),
                new Corruption("other header length", segment -> segment.putInt(HeaderDescriptor.VERSION_OFFSET,
                        versionAndHeaderLength(1, 256)), 1, "header length 256, expected 128", Reason.CORRUPT),
                new Corruption("size past the mapping", segment -> segment.putLong(HeaderDescriptor.SEGMENT_SIZE_OFFSET,
                        SPEC.size() + 1), 1, "segment size " + (SPEC.size() + 1) + " is outside 128.." + SPEC.size()
                        + " (the mapped length)", Reason.CORRUPT),
                new Corruption("no regions", segment -> segment.putInt(HeaderDescriptor.REGION_COUNT_OFFSET, 0),
                        1, "region count 0 is outside 1..1024", Reason.CORRUPT),
                new Corruption("old directory entry length", segment -> segment.putInt(
                        HeaderDescriptor.DIRECTORY_ENTRY_LENGTH_OFFSET, 96),
                        1, "directory entry length 96, expected 128", Reason.CORRUPT),
                new Corruption("misaligned region offset", segment -> segment.putLong(
                        items + DirectoryDescriptor.REGION_OFFSET_OFFSET,
                        segment.getLong(items + DirectoryDescriptor.REGION_OFFSET_OFFSET) + 8),
                        1, "directory entry 1 ('items'): region offset ", Reason.CORRUPT),
                new Corruption("region length", segment -> segment.putLong(items + DirectoryDescriptor.REGION_LENGTH_OFFSET,
                        64), 1, "directory entry 1 ('items'): region length 64 does not match capacity 4", Reason.CORRUPT),
                new Corruption("unknown kind", segment -> segment.putInt(items + DirectoryDescriptor.KIND_OFFSET, 9),
                        1, "directory entry 1 ('items'): kind 9 is not 1 (value), 2 (array), 3 (ring) or 4 (raw)",
                        Reason.CORRUPT),
                new Corruption("duplicate region name", segment -> segment.putBytes(items + DirectoryDescriptor.NAME_OFFSET,
                        "status\0".getBytes(StandardCharsets.US_ASCII), 0, 7),
                        1, "directory entry 1 ('status'): region name 'status' is used by an earlier entry", Reason.CORRUPT),
                new Corruption("a changed description byte", segment -> {
                    long at = segment.getLong(status + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET);
                    segment.putByte(at, (byte) 'T'); // Status{...} -> Ttatus{...}: still UTF-8, another hash
                }, 1, "directory entry 0 ('status'): layout description does not hash to the fingerprint "
                        + String.format("0x%016x", Layout.of(Status.class).fingerprint()), Reason.CORRUPT),
                new Corruption("a description byte that is not UTF-8", segment -> segment.putByte(
                        segment.getLong(items + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET) + 5, (byte) 0xC0),
                        1, "directory entry 1 ('items'): layout description is not UTF-8", Reason.CORRUPT),
                new Corruption("a description offset inside the directory", segment -> segment.putLong(
                        items + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET, area - 8),
                        1, "directory entry 1 ('items'): layout description (offset " + (area - 8) + ", length "
                        + itemsLength + ") is not inside the description area " + area + "..", Reason.CORRUPT),
                new Corruption("a description reaching into the first region", segment -> {
                    long firstRegion = segment.getLong(status + DirectoryDescriptor.REGION_OFFSET_OFFSET);
                    segment.putLong(events + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET, firstRegion - eventsLength + 1);
                }, 1, "directory entry 2 ('events'): layout description (offset ", Reason.CORRUPT),
                new Corruption("an empty description", segment -> segment.putInt(
                        status + DirectoryDescriptor.DESCRIPTION_LENGTH_OFFSET, 0),
                        1, "directory entry 0 ('status'): layout description (offset " + area + ", length 0) is not "
                        + "inside the description area", Reason.CORRUPT),
                new Corruption("a description for a raw region", segment -> segment.putInt(
                        scratch + DirectoryDescriptor.DESCRIPTION_LENGTH_OFFSET, 1),
                        1, "directory entry 3 ('scratch'): a raw region has no layout description, but offset 0 length 1",
                        Reason.CORRUPT),
                new Corruption("a description that hashes but breaks C's placement", segment -> {
                    long at = segment.getLong(items + DirectoryDescriptor.DESCRIPTION_OFFSET_OFFSET);
                    byte[] text = beyondJava.getBytes(StandardCharsets.UTF_8);
                    segment.putBytes(at, text, 0, text.length);
                    segment.putLong(items + DirectoryDescriptor.FINGERPRINT_OFFSET, Layout.fingerprintOf(beyondJava));
                }, 1, "directory entry 1 ('items'): layout description is not a valid layout: Item.weight (float64) "
                        + "is at offset 33, but C's natural alignment places it at 32", null),
                new Corruption("ring write position at 2^62", segment -> segment.putLong(segment.getLong(
                        events + DirectoryDescriptor.REGION_OFFSET_OFFSET) + RegionDescriptor.WRITE_POSITION_OFFSET,
                        RingReader.MAX_POSITION), 1, "region 'events': write position " + RingReader.MAX_POSITION
                        + " is outside 0.." + (RingReader.MAX_POSITION - 1), Reason.CORRUPT),
                new Corruption("negative ring write position", segment -> segment.putLong(segment.getLong(
                        events + DirectoryDescriptor.REGION_OFFSET_OFFSET) + RegionDescriptor.WRITE_POSITION_OFFSET, -1),
                        1, "region 'events': write position -1 is outside 0..", Reason.CORRUPT),
                new Corruption("ring write position past the last published record", segment -> segment.putLong(
                        segment.getLong(events + DirectoryDescriptor.REGION_OFFSET_OFFSET)
                                + RegionDescriptor.WRITE_POSITION_OFFSET, APPENDED + 2),
                        1, "region 'events': write position 12 lies past the last published record: the slot of record 10"
                        + " holds sequence 14, not 22", Reason.CORRUPT),
                // A u32 or u64 with its top bit set: both read it signed, and fail the same check on the same number.
                new Corruption("segment size with its top bit set", segment -> segment.putLong(
                        HeaderDescriptor.SEGMENT_SIZE_OFFSET, Long.MIN_VALUE + SPEC.size()),
                        1, "segment size " + (Long.MIN_VALUE + SPEC.size()) + " is outside 128..", Reason.CORRUPT),
                new Corruption("region count with its top bit set", segment -> segment.putInt(
                        HeaderDescriptor.REGION_COUNT_OFFSET, Integer.MIN_VALUE + 4),
                        1, "region count " + (Integer.MIN_VALUE + 4) + " is outside 1..1024", Reason.CORRUPT),
                new Corruption("element size 2^32 - 1", segment -> segment.putInt(items + DirectoryDescriptor.ELEMENT_SIZE_OFFSET,
                        -1), 1, "directory entry 1 ('items'): element size -1 is not valid", Reason.CORRUPT),
                new Corruption("region offset with its top bit set", segment -> segment.putLong(
                        items + DirectoryDescriptor.REGION_OFFSET_OFFSET, Long.MIN_VALUE),
                        1, "directory entry 1 ('items'): region offset " + Long.MIN_VALUE + " is not positive", Reason.CORRUPT),
                new Corruption("still formatting", segment -> segment.putInt(HeaderDescriptor.STATE_OFFSET,
                        HeaderDescriptor.STATE_FORMATTING), 4, "is not ready: its creator is still formatting it",
                        Reason.NOT_READY),
                new Corruption("still formatting, magic not yet written", segment -> {
                    segment.putInt(HeaderDescriptor.STATE_OFFSET, HeaderDescriptor.STATE_FORMATTING);
                    segment.putInt(HeaderDescriptor.MAGIC_OFFSET, 0);
                }, 4, "is not ready: its creator is still formatting it", Reason.NOT_READY),
                new Corruption("formatting state with a foreign magic", segment -> {
                    segment.putInt(HeaderDescriptor.STATE_OFFSET, HeaderDescriptor.STATE_FORMATTING);
                    segment.putInt(HeaderDescriptor.MAGIC_OFFSET, 0x4b4e554a);
                }, 1, "magic is 0x4a554e4b, expected 0x4e53484d ('NSHM')", Reason.CORRUPT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aCorruptSegmentFailsNamingTheFieldAsJavasReaderDoes(Corruption corruption) throws Exception {
        withSegment(segment -> {
            try (Segment raw = Segment.open(segment.name())) {
                corruption.damage().accept(raw);
            }
            Processes.Result result = Processes.runForResult(command(segment.name()));
            assertEquals(corruption.exitCode(), result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(corruption.message()),
                    () -> "expected '" + corruption.message() + "' in: " + result);
            assertEquals("", result.stdout(), "nothing printed from a segment that failed validation");

            Reason javaReason = null;
            try (StructuredSegment reader = StructuredSegment.open(segment.name())) {
                EventRing<Event> ring = reader.ring("events", Event.class);
                long end = ring.writePosition();
                RingReader<Event> oldest = ring.reader(EventRing.Start.OLDEST); // to the end, as the Python reader
                RingHandler<Event> ignore = new RingHandler<>() {
                    @Override
                    public void onRecord(long sequence, Event record) {
                    }

                    @Override
                    public void onLoss(long firstLost, long count) {
                    }
                };
                while (oldest.position() < end && oldest.poll(ignore, 100) > 0) {
                    assertTrue(oldest.position() <= end);
                }
            } catch (SegmentException e) {
                javaReason = e.reason();
            }
            assertEquals(corruption.javaReason(), javaReason, "what Java's own reader makes of it");
        });
    }

    @Test
    void anExpectedLayoutOtherThanTheRegionsIsRefusedNamingBothFingerprints() throws Exception {
        withSegment(segment -> {
            Layout<Item> wrong = Layout.of(Item.class);
            Processes.Result result = Processes.runForResult(command(segment.name(), "--layout",
                    "status=" + wrong.canonical()));
            assertEquals(5, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("region 'status' holds Status") && result.stderr().contains(
                    String.format("0x%016x", Layout.of(Status.class).fingerprint())) && result.stderr().contains(
                    String.format("0x%016x", wrong.fingerprint())), result::toString);

            Map<String, String> out = read(segment.name(), "--layout", "status=" + Layout.of(Status.class).canonical());
            assertEquals("full", out.get("slot.status[0]"), "the expected layout is the embedded one");
        });
    }

    @Test
    void aSlotLeftMidWriteByADeadWriterFailsInsteadOfSpinning() throws Exception {
        long deadPid = deadProcessId();
        withSegment(segment -> {
            try (Segment raw = Segment.open(segment.name())) {
                raw.putLong(HeaderDescriptor.WRITER_PID_OFFSET, deadPid);
                long slot = segment.regions().get(0).offset() + RegionDescriptor.HEADER_LENGTH;
                raw.putLong(slot + RegionDescriptor.SLOT_SEQUENCE_OFFSET, 3); // odd: mid-write
            }
            Processes.Result result = Processes.runForResult(command(segment.name()));
            assertEquals(6, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("slot 0 of region 'status': its writer died while writing it"),
                    result::toString);

            Map<String, String> out = read(segment.name(), "--region", "items");
            assertEquals("false", out.get("header.writer_alive"), "pid " + deadPid + " has exited");
            assertEquals("full", out.get("slot.items[0]"), "--region items reads the other regions' slots only");
            assertFalse(out.containsKey("slot.status[0]"));
        });
    }

    // ---- the segment, the reader, the comparison -------------------------------------------------

    private interface SegmentTest {
        void accept(StructuredSegment segment) throws Exception;
    }

    /** A fresh segment with the test data, handed to {@code test}, then closed and unlinked. */
    private static void withSegment(SegmentTest test) throws Exception {
        String name = TestSegments.uniqueName();
        try (StructuredSegment segment = StructuredSegment.create(name, SPEC)) {
            segment.value("status", Status.class).write(STATUS);
            SharedArray<Item> items = segment.array("items", Item.class);
            items.write(0, ITEM_0);
            items.write(1, new Item(1, "gone", new short[4], 0, true));
            items.clear(1);
            items.write(3, ITEM_3);
            EventRing<Event> events = segment.ring("events", Event.class);
            for (int p = 0; p < APPENDED; p++) {
                events.append(writtenEvent(p));
            }
            segment.raw("scratch").putLong(0, 42);
            segment.heartbeat();
            test.accept(segment);
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    private static Event writtenEvent(int p) {
        return new Event(1000L + p, p == 9 ? "ça va ✓✓" : "e" + p + "→", (byte) (p - 5), new long[]{p, -p * 1_000_000_000_000L});
    }

    /** What a reader finds: the text of record 9 is 13 UTF-8 bytes, cut to the 12 that fit. */
    private static Event expectedEvent(int p) {
        Event written = writtenEvent(p);
        return p == 9 ? new Event(written.number(), "ça va ✓", written.level(), written.pair()) : written;
    }

    /** The int at offset 4: format version and header length, two native-order u16. */
    private static int versionAndHeaderLength(int version, int headerLength) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) version)
                .putShort((short) headerLength).getInt(0);
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    /** Runs the reader, which decodes with the layouts the segment describes, and parses its key=value lines. */
    private static Map<String, String> read(String name, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(name));
        arguments.addAll(List.of(more));
        return parse(Processes.run(command(arguments.toArray(String[]::new))));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> command(String... arguments) throws URISyntaxException {
        URL script = Objects.requireNonNull(PythonReaderTest.class.getResource("/python/shm_reader.py"),
                "test resource python/shm_reader.py");
        List<String> command = new ArrayList<>(List.of("python3", Path.of(script.toURI()).toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && lines.put(line.substring(0, equals), unescape(line.substring(equals + 1))) != null) {
                fail("key printed twice: " + line);
            }
        }
        return lines;
    }

    /** Undoes the reader's escapes: \\ \n \r and backslash-u followed by four hex digits. */
    private static String unescape(String value) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 'u' -> {
                    text.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> text.append(next);
            }
        }
        return text.toString();
    }

    /** Every component of {@code record}, recursively, equals the reader's line under {@code prefix}. */
    private static void assertFields(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    assertFields(prefix + "." + component.getName(), component.getAccessor().invoke(record), out);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                assertFields(prefix + "[" + i + "]", Array.get(value, i), out);
            }
        } else {
            String actual = out.get(prefix);
            if (actual == null) {
                fail("the reader printed no " + prefix + "; it printed " + out.keySet());
            }
            assertEquals(value, decoded(value, actual), () -> prefix + "=" + actual);
        }
    }

    /** The reader's text as the Java type of {@code expected}; floats compare bit for bit (NaN, -0.0). */
    private static Object decoded(Object expected, String text) {
        if (expected instanceof Float) {
            return (float) Double.parseDouble(text);
        }
        if (expected instanceof Double) {
            return Double.parseDouble(text);
        }
        if (expected instanceof Character) {
            return (char) Integer.parseInt(text);
        }
        if (expected instanceof Boolean) {
            return Boolean.parseBoolean(text);
        }
        if (expected instanceof Byte) {
            return Byte.parseByte(text);
        }
        if (expected instanceof Short) {
            return Short.parseShort(text);
        }
        if (expected instanceof Integer) {
            return Integer.parseInt(text);
        }
        if (expected instanceof Long) {
            return Long.parseLong(text);
        }
        return text;
    }
}
