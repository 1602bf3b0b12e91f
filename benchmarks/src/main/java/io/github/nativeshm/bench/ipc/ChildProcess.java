/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The other process: a JVM with this one's java, JVM options and classpath, running
 * {@link Child}. Its standard output is read line by line (handshakes and results); its standard
 * error goes to ours.
 */
final class ChildProcess implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@link Child} with {@code args}; {@code cpu} (or -1) is the CPU it pins its thread to,
     * and {@code ownCpu} (or -1) the one the calling thread is pinned to.
     */
    static ChildProcess start(int cpu, int ownCpu, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : options) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        if (Runtime.version().feature() >= 22 && !options.contains("--enable-native-access=ALL-UNNAMED")) {
            command.add("--enable-native-access=ALL-UNNAMED"); // JNA, without the JDK's warning
        }
        if (cpu >= 0) {
            command.add("-D" + Affinity.PROPERTY + "=" + cpu);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildProcess(Affinity.unpinned(ownCpu, builder::start));
    }

    /** The next line that starts with {@code prefix} (other lines are skipped). */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new IllegalStateException("child " + process.pid() + " did not print '" + prefix + "' within "
                        + timeout.toSeconds() + " s" + (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits for a clean exit. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " still runs after " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("child " + process.pid() + " exited with " + process.exitValue());
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child is gone; the END marker tells waiters
        } finally {
            lines.add(END);
        }
    }
}
