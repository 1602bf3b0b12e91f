/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar app.jar ARGS} as a real child process (the test class path stands in for the jar). */
public final class AppProcess {
    private AppProcess() {
    }

    /** What the process did. */
    public record Result(int exitCode, String out, String err) {
        /** The lines it wrote to stderr. */
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs the app with {@code args} and extra {@code environment}, waiting at most {@code timeout}. */
    public static Result run(Duration timeout, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("app-out-", ".txt");
        Path err = Files.createTempFile("app-err-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("app " + String.join(" ", args) + " still running after " + timeout
                        + "; stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
