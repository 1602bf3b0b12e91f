/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.TestSegments;

import com.sun.jna.Structure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The segment contract, run for named and file-backed segments alike: creating, opening,
 * sizes, bounds, read-only access, close and unlink, with the messages users see.
 */
@ExtendWith(TestSegments.class)
class SegmentTest {
    private static Path files;

    private final List<Segment> opened = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    /** Named and file-backed segments share one API; each kind knows how to make a fresh one. */
    enum Kind {
        NAMED, FILE;

        String freshName() {
            return this == NAMED ? TestSegments.uniqueName() : files.resolve(TestSegments.uniqueName()).toString();
        }

        Segment create(String name, long size) {
            return this == NAMED ? Segment.create(name, size) : Segment.create(Path.of(name), size);
        }

        Segment open(String name) {
            return this == NAMED ? Segment.open(name) : Segment.open(Path.of(name));
        }

        Segment openReadOnly(String name) {
            return this == NAMED ? Segment.openReadOnly(name) : Segment.openReadOnly(Path.of(name));
        }

        Segment openOrCreate(String name, long size) {
            return this == NAMED ? Segment.openOrCreate(name, size) : Segment.openOrCreate(Path.of(name), size);
        }

        void remove(String name) {
            try {
                if (this == NAMED) {
                    Segment.unlink(name);
                } else {
                    Files.deleteIfExists(Path.of(name));
                }
            } catch (SegmentException | IOException ignored) {
                // already gone
            }
        }
    }

    private String fresh(Kind kind) {
        String name = kind.freshName();
        cleanups.add(() -> kind.remove(name));
        return name;
    }

    private Segment track(Segment segment) {
        opened.add(segment);
        return segment;
    }

    @BeforeAll
    static void makeDirectoryForFiles() throws IOException {
        files = Files.createTempDirectory("native-shm-test");
    }

    @AfterEach
    void release() {
        opened.forEach(Segment::close);
        cleanups.forEach(Runnable::run);
    }

    /** Best effort: Windows refuses to delete a file that is still mapped until the JVM collects it. */
    @AfterAll
    static void removeDirectoryForFiles() throws IOException {
        System.gc();
        try (Stream<Path> paths = Files.walk(files)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoMappingsShareTheSameBytes(Kind kind) {
        String name = fresh(kind);
        Segment writer = track(kind.create(name, 4096));
        Segment reader = track(kind.openReadOnly(name));

        writer.putLong(0, 42);
        writer.putInt(100, -7);
        writer.putBytes(200, "hello".getBytes(), 0, 5);

        assertEquals(42, reader.getLong(0));
        assertEquals(-7, reader.getInt(100));
        byte[] text = new byte[5];
        reader.getBytes(200, text, 0, 5);
        assertArrayEquals("hello".getBytes(), text);
        assertTrue(writer.isCreated());
        assertFalse(reader.isCreated());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void newSegmentIsZeroedAndHasExactlyTheRequestedSize(Kind kind) {
        String name = fresh(kind);
        Segment created = track(kind.create(name, 1001));
        assertEquals(1001, created.size());
        assertEquals(1001, created.buffer().capacity());
        for (int offset = 0; offset < 1001; offset++) {
            assertEquals(0, created.getByte(offset));
        }
        if (kind == Kind.FILE || !com.sun.jna.Platform.isWindows()) {
            assertEquals(1001, track(kind.open(name)).size(), "opening reports the exact size");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createIsExclusive(Kind kind) {
        String name = fresh(kind);
        track(kind.create(name, 64));
        SegmentException e = assertThrows(SegmentException.class, () -> kind.create(name, 64));
        assertEquals(Reason.EXISTS, e.reason());
        assertTrue(e.getMessage().startsWith("cannot create segment '" + name + "': it already exists ("), e.getMessage());
        if (kind == Kind.NAMED) {
            assertTrue(e.getMessage().contains(OsErrors.EXISTS), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openingWhatDoesNotExistIsNotFound(Kind kind) {
        String name = fresh(kind);
        SegmentException e = assertThrows(SegmentException.class, () -> kind.open(name));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals(name, e.segment());
        assertEquals("open", e.operation());
        assertTrue(e.getMessage().startsWith("cannot open segment '" + name + "': no such segment ("), e.getMessage());
        if (kind == Kind.NAMED) {
            assertTrue(e.getMessage().contains(OsErrors.NOT_FOUND), e.getMessage());
        }
        assertEquals(Reason.NOT_FOUND, assertThrows(SegmentException.class, () -> kind.openReadOnly(name)).reason());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openOrCreateCreatesOnceThenOpensKeepingTheSize(Kind kind) {
        String name = fresh(kind);
        Segment first = track(kind.openOrCreate(name, 128));
        first.putLong(0, 5);
        Segment second = track(kind.openOrCreate(name, 64));
        assertTrue(first.isCreated());
        assertFalse(second.isCreated());
        assertEquals(5, second.getLong(0));
        if (kind == Kind.FILE || !com.sun.jna.Platform.isWindows()) {
            assertEquals(128, second.size(), "the existing segment keeps its size");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, Segment.MAX_SIZE + 1, Long.MAX_VALUE})
    void sizesOutsideTheRangeAreRejectedBeforeTouchingTheOs(long size) {
        for (Kind kind : Kind.values()) {
            String name = fresh(kind);
            SegmentException e = assertThrows(SegmentException.class, () -> kind.create(name, size));
            assertEquals(Reason.INVALID_SIZE, e.reason());
            assertEquals("cannot create segment '" + name + "': invalid size (size " + size
                    + " is outside 1..2147483647 bytes)", e.getMessage());
            assertThrows(SegmentException.class, () -> kind.open(name), "nothing was created");
        }
    }

    @Test
    void invalidNamesAreRejectedWithTheRule() {
        SegmentException e = assertThrows(SegmentException.class, () -> Segment.create("../etc/passwd", 64));
        assertEquals(Reason.INVALID_NAME, e.reason());
        assertTrue(e.getMessage().contains("a name is 1-30 characters"), e.getMessage());
        assertEquals(Reason.INVALID_NAME, assertThrows(SegmentException.class, () -> Segment.open("a".repeat(31))).reason());
        assertEquals(Reason.INVALID_NAME, assertThrows(SegmentException.class, () -> Segment.unlink("x y")).reason());
    }

    @Test
    void nameOfExactlyThirtyCharactersWorks() {
        String name = (TestSegments.uniqueName() + "_".repeat(SegmentName.MAX_LENGTH)).substring(0, SegmentName.MAX_LENGTH);
        cleanups.add(() -> Kind.NAMED.remove(name));
        Segment segment = track(Segment.create(name, 64));
        assertEquals(name, segment.name());
        assertEquals(64, track(Segment.openReadOnly(name)).size());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyAccessIsBoundsChecked(Kind kind) {
        Segment segment = track(kind.create(fresh(kind), 64));
        byte[] eight = new byte[8];
        List<Runnable> outOfBounds = List.of(
                () -> segment.getByte(64), () -> segment.getByte(-1), () -> segment.getInt(61),
                () -> segment.getLong(57), () -> segment.putLong(57, 1), () -> segment.putInt(Long.MAX_VALUE, 1),
                () -> segment.getLong(Long.MIN_VALUE), () -> segment.getBytes(60, eight, 0, 8),
                () -> segment.putBytes(Integer.MAX_VALUE + 1L, eight, 0, 1),
                () -> segment.structureAt(60, Pair.class));
        for (Runnable access : outOfBounds) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, access::run);
            assertTrue(e.getMessage().contains("is outside segment '" + segment.name() + "' of 64 bytes"), e.getMessage());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> segment.getBytes(0, eight, 4, 8), "array bounds too");
        segment.putLong(56, 9);
        assertEquals(9, segment.getLong(56), "the last full long is in bounds");
        assertThrows(IndexOutOfBoundsException.class, () -> segment.buffer().getLong(57), "the JDK checks the buffer");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readOnlySegmentsRefuseEveryWrite(Kind kind) {
        String name = fresh(kind);
        track(kind.create(name, 64)).putLong(0, 11);
        Segment readOnly = track(kind.openReadOnly(name));
        assertTrue(readOnly.isReadOnly());

        SegmentException e = assertThrows(SegmentException.class, () -> readOnly.putLong(0, 1));
        assertEquals(Reason.READ_ONLY, e.reason());
        assertEquals("cannot write segment '" + name + "': the segment is open read-only (offset 0)", e.getMessage());
        assertEquals(Reason.READ_ONLY, assertThrows(SegmentException.class, () -> readOnly.putBytes(0, new byte[1], 0, 1)).reason());
        assertThrows(ReadOnlyBufferException.class, () -> readOnly.buffer().putLong(0, 1));

        Pair pair = readOnly.structureAt(0, Pair.class);
        pair.read();
        assertEquals(11, pair.first);
        pair.first = 12;
        assertEquals(Reason.READ_ONLY, assertThrows(SegmentException.class, pair::write).reason());
        assertEquals(11, readOnly.getLong(0), "nothing was written");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeIsIdempotentAndUseAfterCloseThrows(Kind kind) {
        String name = fresh(kind);
        Segment segment = kind.create(name, 64);
        ByteBuffer keptBuffer = segment.buffer();
        segment.close();
        segment.close();
        assertTrue(segment.isClosed());
        List<Runnable> uses = List.of(() -> segment.getLong(0), () -> segment.putLong(0, 1), segment::buffer,
                segment::unlink, () -> segment.structureAt(0, Pair.class));
        for (Runnable use : uses) {
            SegmentException e = assertThrows(SegmentException.class, use::run);
            assertEquals(Reason.CLOSED, e.reason());
            assertEquals("cannot use segment '" + name + "': the segment is closed", e.getMessage());
        }
        keptBuffer.putLong(0, 3);
        assertEquals(3, keptBuffer.getLong(0), "a buffer taken before close still maps valid memory");
        assertEquals(64, segment.size(), "plain properties stay readable");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void unlinkRemovesTheNameButNotTheMemory() {
        String name = fresh(Kind.NAMED);
        Segment segment = track(Segment.create(name, 64));
        segment.putLong(0, 99);
        segment.unlink();
        assertEquals(Reason.NOT_FOUND, assertThrows(SegmentException.class, () -> Segment.open(name)).reason());
        assertEquals(99, segment.getLong(0), "attached processes keep their memory");
        Segment recreated = track(Segment.create(name, 64));
        assertEquals(0, recreated.getLong(0), "the name can be used again for a new segment");
        SegmentException twice = assertThrows(SegmentException.class, () -> Segment.unlink(TestSegments.uniqueName()));
        assertEquals(Reason.NOT_FOUND, twice.reason());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void unlinkIsANoOpOnWindows() {
        String name = fresh(Kind.NAMED);
        Segment segment = track(Segment.create(name, 64));
        segment.unlink();
        Segment.unlink(name);
        Segment again = track(Segment.open(name));
        segment.putLong(0, 5);
        assertEquals(5, again.getLong(0), "the mapping lives on while a handle is open");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void openingAndClosingInALoopNeverRunsOutOfKernelMappings() throws Exception {
        String name = fresh(Kind.NAMED);
        track(Segment.create(name, 4096)).putLong(0, 1);
        // More opens than vm.max_map_count (65530), in a JVM whose young generation is so large that
        // no collection would happen by itself: closed views must still be unmapped in time.
        String sum = ChildJvm.run(List.of("-Xms3g", "-Xmn2g"), SegmentChild.class, "open-close", name, "80000");
        assertEquals("80000", sum.strip());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void listShowsSegmentsWithTheirSizes() {
        String name = fresh(Kind.NAMED);
        track(Segment.create(name, 12345));
        assertTrue(Segment.list().contains(new SegmentInfo(name, 12345)), () -> Segment.list().toString());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void listIsUnsupportedOnWindows() {
        assertEquals(Reason.UNSUPPORTED, assertThrows(SegmentException.class, Segment::list).reason());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @EnabledOnOs(OS.LINUX)
    void createdSegmentsAreOwnerOnly(Kind kind) throws Exception {
        String name = fresh(kind);
        track(kind.create(name, 64));
        Path file = kind == Kind.NAMED ? Path.of("/dev/shm", name) : Path.of(name);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void structuresMapCStructsInPlace(Kind kind) {
        Segment segment = track(kind.create(fresh(kind), 64));
        Pair pair = segment.structureAt(16, Pair.class);
        pair.first = 0x1122334455667788L;
        pair.second = 7;
        pair.write();
        assertEquals(0x1122334455667788L, segment.getLong(16));
        assertEquals(7, segment.getInt(24));

        segment.putInt(24, 8);
        pair.read();
        assertEquals(8, pair.second);
        assertEquals(16, pair.size(), "C layout: long + int + 4 bytes of tail padding");
    }

    /** {@code struct pair { int64_t first; int32_t second; };} */
    @Structure.FieldOrder({"first", "second"})
    public static class Pair extends Structure {
        public long first;
        public int second;

        public Pair() {
        }

        public Pair(com.sun.jna.Pointer pointer) {
            super(pointer);
        }
    }
}
