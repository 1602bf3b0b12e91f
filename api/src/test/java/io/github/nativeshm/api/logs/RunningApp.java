/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.logs;

import io.github.nativeshm.api.Application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code java -jar app.jar ARGS} running as a child process (the test class path stands in for
 * the jar), its stdout and stderr collected line by line; stopped with SIGTERM on close.
 */
final class RunningApp implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread stdout;
    private final Thread stderr;

    RunningApp(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).start();
        stdout = collect(process.getInputStream());
        stderr = collect(process.getErrorStream());
    }

    private Thread collect(java.io.InputStream stream) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "app-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What it wrote so far, stdout and stderr interleaved as they came. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits until a line matches {@code which}. */
    void await(String what, Duration timeout, Predicate<String> which) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines().stream().noneMatch(which)) {
            if (System.nanoTime() > deadline || !process.isAlive() && lines().stream().noneMatch(which)) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s (alive: "
                        + process.isAlive() + "); output:\n" + String.join("\n", lines()));
            }
            Thread.sleep(100);
        }
    }

    /** Stops it as a service manager would (SIGTERM) and waits for its output to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        stdout.join(5000);
        stderr.join(5000);
    }
}
