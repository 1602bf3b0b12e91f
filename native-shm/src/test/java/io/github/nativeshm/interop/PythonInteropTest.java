/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.interop;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Python's {@code multiprocessing.shared_memory.SharedMemory} ({@code interop/shm_peer.py}) and
 * Java reach the same segment by the same name, and each reads what the other wrote.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class PythonInteropTest {
    private static final long SIZE = 4096;
    /** Where a message goes; shm_peer.py uses the same offsets. */
    private static final long REQUEST_OFFSET = 0;
    private static final long REPLY_OFFSET = 256;
    private static final long TIMEOUT_SECONDS = 30;

    /**
     * What shm_peer.py exchanges: an int64 counter, an int32 byte count, then UTF-8 text, in
     * native byte order (Python's {@code "=qi"}).
     */
    record Message(long counter, String text) {
        private static final int TEXT = Long.BYTES + Integer.BYTES;

        void writeTo(Segment segment, long offset) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            segment.putLong(offset, counter);
            segment.putInt(offset + Long.BYTES, utf8.length);
            segment.putBytes(offset + TEXT, utf8, 0, utf8.length);
        }

        static Message readFrom(Segment segment, long offset) {
            byte[] utf8 = new byte[segment.getInt(offset + Long.BYTES)];
            segment.getBytes(offset + TEXT, utf8, 0, utf8.length);
            return new Message(segment.getLong(offset), new String(utf8, StandardCharsets.UTF_8));
        }

        /** The message in shm_peer.py's {@code counter=} and {@code text=} lines. */
        static Message printed(String output) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : output.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return new Message(Long.parseLong(fields.get("counter")), fields.get("text"));
        }
    }

    @Test
    void javaReadsAndAnswersASegmentPythonCreated() throws Exception {
        String name = TestSegments.uniqueName();
        Message request = new Message(0x0123_4567_89ab_cdefL, "grüße aus Python ✓");
        Message reply = new Message(-42, "Java antwortet: ça va ✓");
        try (Peer python = new Peer(pythonCommand("create", name, Long.toString(SIZE),
                Long.toString(request.counter()), HexFormat.of().formatHex(request.text().getBytes(StandardCharsets.UTF_8))))) {
            assertEquals("ready", python.readLine());

            try (Segment segment = Segment.open(name)) {
                assertEquals(SIZE, segment.size(), "the size Python gave it");
                assertEquals(request, Message.readFrom(segment, REQUEST_OFFSET), "what Java read");
                reply.writeTo(segment, REPLY_OFFSET);
            }
            python.writeLine("go");

            String output = python.finish();
            assertEquals(reply, Message.printed(output), "Java's reply, read by Python");
            assertTrue(output.endsWith("unlinked=yes\n"), () -> "Python unlinked it: " + output);
            SegmentException e = assertThrows(SegmentException.class, () -> Segment.open(name));
            assertEquals(SegmentException.Reason.NOT_FOUND, e.reason(), "Python unlinked the same name");
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    @Test
    void pythonReadsAndAnswersASegmentJavaCreated() throws Exception {
        String name = TestSegments.uniqueName();
        Message request = new Message(Long.MIN_VALUE + 7, "grüße aus Java ✓");
        try (Segment segment = Segment.create(name, SIZE)) {
            request.writeTo(segment, REQUEST_OFFSET);

            String output = Processes.run(pythonCommand("attach", name));

            assertEquals(request, Message.printed(output), "what Python read");
            assertEquals(new Message(request.counter() + 1, "python saw: " + request.text()),
                    Message.readFrom(segment, REPLY_OFFSET), "Python's reply, read by Java");
            try (Segment reopened = assertDoesNotThrow(() -> Segment.openReadOnly(name),
                    "the segment outlives the Python process that attached to it")) {
                assertEquals(request, Message.readFrom(reopened, REQUEST_OFFSET));
            }
        } finally {
            TestSegments.unlinkIfPresent(name);
        }
    }

    private static List<String> pythonCommand(String... arguments) throws URISyntaxException {
        URL script = Objects.requireNonNull(PythonInteropTest.class.getResource("/interop/shm_peer.py"),
                "test resource interop/shm_peer.py");
        List<String> command = new ArrayList<>(List.of("python3", "-u", Path.of(script.toURI()).toString()));
        command.addAll(List.of(arguments));
        return command;
    }


    /**
     * A peer process to talk to line by line over stdin and stdout. Every wait is bounded by
     * {@link #TIMEOUT_SECONDS}; {@link #close()} kills the process if it is still running.
     */
    private static final class Peer implements AutoCloseable {
        /** Queued when stdout ends; compared by identity. */
        private static final String END = new String("<end of output>");

        private final List<String> command;
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        private final StringBuffer stderr = new StringBuffer();

        Peer(List<String> command) throws IOException {
            this.command = command;
            this.process = new ProcessBuilder(command).start();
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            pump(process.getInputStream(), stdout::add, () -> stdout.add(END));
            pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { });
        }

        /** The next line of output; fails if none comes in time or the output has ended. */
        String readLine() throws InterruptedException {
            String line = stdout.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line == END) {
                fail((line == null ? "no output line in " + TIMEOUT_SECONDS + " s" : "output ended early") + describe());
            }
            return line;
        }

        void writeLine(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        /** Waits for a zero exit and returns the rest of the output. */
        String finish() throws InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("did not exit in " + TIMEOUT_SECONDS + " s" + describe());
            }
            StringBuilder rest = new StringBuilder();
            for (String line; (line = stdout.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)) != END; ) {
                if (line == null) {
                    fail("output did not end in " + TIMEOUT_SECONDS + " s" + describe());
                }
                rest.append(line).append('\n');
            }
            assertEquals(0, process.exitValue(), this::describe);
            return rest.toString();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }

        private String describe() {
            return ": " + command + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                    + "\n--- stderr\n" + stderr;
        }

        /** Hands each line of {@code stream} to {@code lines} on a thread of its own, then runs {@code atEnd}. */
        private static void pump(InputStream stream, Consumer<String> lines, Runnable atEnd) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines);
                } catch (IOException | UncheckedIOException e) {
                    lines.accept("<cannot read: " + e + ">");
                } finally {
                    atEnd.run();
                }
            }, "peer-output");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
