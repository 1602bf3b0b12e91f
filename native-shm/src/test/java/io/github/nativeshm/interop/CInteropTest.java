/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.interop;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A C program ({@code interop/shm_peer.c}, compiled with gcc) and Java share a C struct in a POSIX
 * segment: Java maps it with a JNA {@link Structure} through {@link Segment#structureAt}.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class CInteropTest {
    private static final long SIZE = 4096;
    /** Where the struct lives: not at 0, so that structureAt's offset is exercised. */
    private static final long OFFSET = 128;
    private static final Payload PAYLOAD = new Payload(0x0123_4567_89ab_cdefL, 0xcafe_f00d, "grüße aus Java ✓", Math.E);

    @TempDir
    static Path buildDirectory;
    private static Path peer;

    /** {@code struct shared} of shm_peer.c, field for field. */
    @Structure.FieldOrder({"counter", "flags", "text", "ratio", "reply"})
    public static class Shared extends Structure {
        public long counter;
        public int flags;
        public byte[] text = new byte[32];
        public double ratio;
        public long reply;

        public Shared() {
        }

        public Shared(Pointer memory) {
            super(memory);
        }

        List<String> fields() {
            return getFieldOrder();
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** What the struct carries besides the reply. */
    record Payload(long counter, int flags, String text, double ratio) {
        static Payload of(Shared shared) {
            int length = 0;
            while (length < shared.text.length && shared.text[length] != 0) {
                length++;
            }
            return new Payload(shared.counter, shared.flags,
                    new String(shared.text, 0, length, StandardCharsets.UTF_8), shared.ratio);
        }

        static Payload printed(Map<String, String> fields) {
            return new Payload(Long.parseLong(fields.get("counter")), Integer.parseInt(fields.get("flags")),
                    fields.get("text"), Double.parseDouble(fields.get("ratio")));
        }

        void writeTo(Shared shared) {
            shared.counter = counter;
            shared.flags = flags;
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            Arrays.fill(shared.text, (byte) 0);
            System.arraycopy(utf8, 0, shared.text, 0, utf8.length);
            shared.ratio = ratio;
            shared.write();
        }

        /** The arguments of {@code shm_peer create} after NAME SIZE OFFSET. */
        List<String> peerArguments() {
            return List.of(Long.toString(counter), Integer.toString(flags),
                    HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)), Double.toString(ratio));
        }
    }

    @BeforeAll
    static void compilePeer() throws Exception {
        peer = buildDirectory.resolve("shm_peer");
        Processes.run(List.of("gcc", "-O2", "-Wall", "-Werror", "-o", peer.toString(),
                resource("shm_peer.c").toString(), "-lrt"));
    }

    @Test
    void jnaStructureHasTheLayoutOfTheCStruct() throws Exception {
        Map<String, String> layout = runPeer("layout");
        Shared shared = new Shared();
        assertEquals(layout.get("sizeof"), Integer.toString(shared.size()), "sizeof");
        for (String field : shared.fields()) {
            assertEquals(layout.get("offset." + field), Integer.toString(shared.offsetOf(field)), "offset of " + field);
        }
    }

    @Test
    void cReadsAndAnswersAStructJavaWrote() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, SIZE)) {
            Shared shared = segment.structureAt(OFFSET, Shared.class);
            PAYLOAD.writeTo(shared);

            Map<String, String> seen = runPeer("update", name, Long.toString(OFFSET));

            assertEquals(PAYLOAD, Payload.printed(seen), "what C read");
            assertEquals("0", seen.get("reply"), "the reply C read before answering");
            assertEquals(Long.toString(SIZE), seen.get("size"), "the size C sees");
            shared.read();
            assertEquals(PAYLOAD.counter() + 1, shared.reply, "C's answer, read through the structure");
            assertEquals(PAYLOAD, Payload.of(shared), "the rest is unchanged");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void segmentJavaCreatedIsOwnerOnlyForC() throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment ignored = Segment.create(name, SIZE)) {
            assertEquals("600", runPeer("read", name, Long.toString(OFFSET)).get("mode"), "st_mode & 0777, in octal");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void javaReadsAndAnswersAStructCCreated() throws Exception {
        String name = TestSegments.uniqueName();
        try {
            List<String> create = new ArrayList<>(List.of("create", name, Long.toString(SIZE), Long.toString(OFFSET)));
            create.addAll(PAYLOAD.peerArguments());
            assertEquals(PAYLOAD, Payload.printed(runPeer(create.toArray(String[]::new))), "what C wrote");

            long answer = -PAYLOAD.counter();
            try (Segment segment = Segment.open(name)) {
                assertEquals(SIZE, segment.size(), "the size C gave it");
                Shared shared = segment.structureAt(OFFSET, Shared.class);
                shared.read();
                assertEquals(PAYLOAD, Payload.of(shared), "what Java read");
                shared.reply = answer;
                shared.writeField("reply");
            }

            Map<String, String> seen = runPeer("read", name, Long.toString(OFFSET));
            assertEquals(Long.toString(answer), seen.get("reply"), "Java's answer, read by C");
            assertEquals(PAYLOAD, Payload.printed(seen), "the rest is unchanged");

            runPeer("unlink", name);
            SegmentException e = assertThrows(SegmentException.class, () -> Segment.open(name));
            assertEquals(SegmentException.Reason.NOT_FOUND, e.reason(), "C unlinked the same name");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    /** Runs the compiled peer and returns its key=value output lines. */
    private static Map<String, String> runPeer(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(peer.toString());
        command.addAll(List.of(arguments));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Processes.run(command).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return fields;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CInteropTest.class.getResource("/interop/" + name),
                "test resource interop/" + name).toURI());
    }

}
