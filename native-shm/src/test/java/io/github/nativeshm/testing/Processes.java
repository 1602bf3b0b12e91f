/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs external processes with a bounded wait, keeping their output for failure messages. */
public final class Processes {
    private static final long TIMEOUT_SECONDS = 60;

    private Processes() {
    }

    /** A finished process: exit code and output. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} and returns stdout; fails the test on a non-zero exit. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Result result = runForResult(command);
        assertEquals(0, result.exitCode(), () -> "command failed: " + command + "\n" + result);
        return result.stdout();
    }

    /** Runs {@code command} with no input, waits at most 60 s, and returns what it did. */
    public static Result runForResult(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        try {
            Result result = new Result(process.exitValue(), stdout.get(), stderr.get());
            assertTrue(exited, () -> "command did not finish in " + TIMEOUT_SECONDS + " s: " + command + "\n" + result);
            return result;
        } catch (ExecutionException e) {
            throw new IOException("reading the output of " + command, e.getCause());
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        // A thread of its own per stream: the common pool may have one thread, and a child that
        // fills one pipe while we block on the other would never finish.
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> new Thread(task, "process-output").start());
    }
}
