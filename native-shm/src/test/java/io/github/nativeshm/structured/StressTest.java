/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One writer process and several reader processes share a value, an array of 2 KB structs and a
 * ring for {@code -Dnshm.stress.seconds} (default 10; {@code -Dnshm.stress.readers}, default 2).
 * Every record carries a checksum over its other fields; the readers check every record they get,
 * that values and slots never go back in time, and that the ring hands over every sequence number
 * in order or reports it lost. Zero torn or impossible records are accepted, and every reader must
 * have done real work.
 *
 * <pre>
 * mvn -pl native-shm test -Dtest=StressTest -Dnshm.stress.seconds=120    # a long run by hand
 * </pre>
 */
@ExtendWith(TestSegments.class)
class StressTest {
    private static final double SECONDS = Double.parseDouble(System.getProperty("nshm.stress.seconds", "10"));
    private static final int READERS = Integer.getInteger("nshm.stress.readers", 2);
    /**
     * Value reads, array reads and ring records per second that each reader must at least manage:
     * 20 to 100 times below what it does on a 2-core VM, and several times below what it still
     * managed there while other builds kept the load average above 13.
     */
    private static final long MIN_READS_PER_SECOND = 500;
    private static final long MIN_RING_RECORDS_PER_SECOND = 500;

    @Test
    void readersInOtherProcessesNeverSeeATornRecordOrASilentGap() throws Exception {
        assertTrue(READERS >= 2, "at least two readers, not " + READERS);
        String name = TestSegments.uniqueName();
        List<Child> children = new ArrayList<>();
        try {
            Child writer = Child.start("writer", ChildJvm.command(StressChild.class, "stress-writer", name));
            children.add(writer);
            writer.awaitLine("ready", Duration.ofSeconds(60));

            List<Child> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                String id = String.valueOf((char) ('A' + i));
                Child reader = Child.start("reader " + id, ChildJvm.command(StressChild.class, "stress-reader", name,
                        Double.toString(SECONDS), id));
                children.add(reader);
                readers.add(reader);
            }
            List<Map<String, String>> results = new ArrayList<>();
            for (Child reader : readers) {
                results.add(reader.finish(Duration.ofSeconds((long) SECONDS + 60)));
            }
            writer.stdin().close(); // the writer stops when its stdin ends
            Map<String, String> written = writer.finish(Duration.ofSeconds(60));

            StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "stress: %.0f s, writer %s writes in %s s",
                    SECONDS, amount(written, "writes"), written.get("seconds")));
            for (Map<String, String> result : results) {
                summary.append(String.format(Locale.ROOT,
                        ", reader %s %s reads / %s retries / %s ring records / %s lost in %s gaps / %s torn / %s stalls",
                        result.get("id"), amount(result, "reads"), result.get("retries"), amount(result, "ringRecords"),
                        result.get("ringLosses"), result.get("lossEvents"), result.get("torn"), result.get("stalls")));
            }
            System.out.println(summary);

            for (int i = 0; i < READERS; i++) {
                Map<String, String> result = results.get(i);
                Child child = readers.get(i);
                String reader = "reader " + result.get("id");
                assertEquals(0, number(result, "torn"), () -> reader + " accepted torn or impossible records\n" + child);
                assertEquals(number(result, "ringLosses"), number(result, "lost"), reader + ": losses reported = losses counted");
                assertTrue(number(result, "valueReads") >= MIN_READS_PER_SECOND * SECONDS
                        && number(result, "arrayReads") >= MIN_READS_PER_SECOND * SECONDS,
                        reader + " read too little to prove anything: " + result);
                assertTrue(number(result, "ringRecords") >= MIN_RING_RECORDS_PER_SECOND * SECONDS,
                        reader + " took too few ring records to prove anything: " + result);
            }
            assertTrue(results.stream().mapToLong(r -> number(r, "retries")).sum() > 0,
                    "no reader ever met the writer inside a slot: the test did not exercise the seqlock");
        } finally {
            for (Child child : children) {
                child.close();
            }
            TestSegments.unlinkIfPresent(name);
        }
    }

    private static long number(Map<String, String> result, String key) {
        String value = result.get(key);
        if (value == null) {
            fail("no " + key + " in " + result);
        }
        return Long.parseLong(value);
    }

    private static String amount(Map<String, String> result, String key) {
        long count = number(result, key);
        return count >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", count / 1e6)
                : String.format(Locale.ROOT, "%.0f k", count / 1e3);
    }

    /**
     * A child JVM whose output is collected as it comes: its stdout lines can be awaited, its
     * stderr is kept for failure messages, and closing it kills it if it still runs.
     */
    static final class Child implements AutoCloseable {
        private final String label;
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread[] pumps;

        private Child(String label, Process process) {
            this.label = label;
            this.process = process;
            this.pumps = new Thread[] {
                pump(process.getInputStream(), stdout, true),
                pump(process.getErrorStream(), stderr, false)
            };
        }

        static Child start(String label, List<String> command) throws IOException {
            return new Child(label, new ProcessBuilder(command).start());
        }

        private Thread pump(InputStream stream, StringBuffer into, boolean queueLines) {
            Thread thread = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        into.append(line).append('\n');
                        if (queueLines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    into.append("[output lost: ").append(e).append("]\n");
                }
            }, label + "-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        Process process() {
            return process;
        }

        OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Sends one line to the child's stdin. */
        void send(String line) throws IOException {
            stdin().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin().flush();
        }

        /** Waits for the next stdout line that starts with {@code prefix}, failing with the child's output if none comes. */
        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && (System.nanoTime() >= deadline || !process.isAlive() && lines.isEmpty()
                        && !pumps[0].isAlive())) {
                    fail(label + " printed no line starting with '" + prefix + "' within " + timeout + "\n" + this);
                }
            }
        }

        /** Waits for the child to exit with status 0 and returns the key=value pairs of its "result" line. */
        Map<String, String> finish(Duration timeout) throws InterruptedException {
            awaitSuccess(timeout);
            return parse(awaitLine("result", Duration.ofSeconds(1)));
        }

        /** Waits for the child to exit, failing with its output unless it exits with status 0 in time. */
        void awaitSuccess(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(label + " did not finish within " + timeout + "\n" + this);
            }
            for (Thread pump : pumps) {
                pump.join(10_000);
            }
            assertEquals(0, process.exitValue(), () -> label + " failed\n" + this);
        }

        static Map<String, String> parse(String line) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String word : line.split(" ")) {
                int equals = word.indexOf('=');
                if (equals > 0) {
                    pairs.put(word.substring(0, equals), word.substring(equals + 1));
                }
            }
            return pairs;
        }

        /** Kills the child if it still runs (SIGKILL on Linux) and waits until it is gone. */
        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "--- " + label + " (pid " + process.pid() + ") stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
