/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.testing.Processes;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compiles C programs with gcc, strictly, and runs them. */
final class CPrograms {
    /** C11, every warning an error. */
    static final List<String> GCC = List.of("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic");

    private CPrograms() {
    }

    /** Runs gcc on {@code source} in {@code directory} (which holds its headers) and returns what it did. */
    static Processes.Result compile(Path directory, Path source) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(GCC);
        command.addAll(List.of("-I", directory.toString(), "-o", executable(directory, source).toString(),
                source.toString(), "-lrt"));
        return Processes.runForResult(command);
    }

    /** Compiles {@code source}, failing the test on any error or warning, and returns the program. */
    static Path build(Path directory, Path source) throws IOException, InterruptedException {
        Processes.Result result = compile(directory, source);
        if (result.exitCode() != 0) {
            throw new AssertionError("gcc failed on " + source + "\n" + result);
        }
        return executable(directory, source);
    }

    /** Writes {@code text} to {@code directory/name} and returns its path. */
    static Path write(Path directory, String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    /** Runs a program and returns its key=value output lines, in order. */
    static Map<String, String> run(Path program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(arguments));
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Processes.run(command).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    /** A test resource of {@code layout/}. */
    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CPrograms.class.getResource("/layout/" + name),
                "test resource layout/" + name).toURI());
    }

    private static Path executable(Path directory, Path source) {
        return directory.resolve(source.getFileName().toString().replaceFirst("\\.c$", ""));
    }
}
