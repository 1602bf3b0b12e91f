/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a class's {@code main} in a second JVM with this test's classpath: a real second process. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The command line that runs {@code mainClass} with {@code args} in a new JVM. */
    public static List<String> command(Class<?> mainClass, String... args) {
        return command(List.of(), mainClass, args);
    }

    /** The same, with options for the JVM such as {@code -Xmn2g}. */
    public static List<String> command(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // JNA, without the JDK's warning
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the child to completion and returns its stdout; fails the test if it exits non-zero. */
    public static String run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return Processes.run(command(mainClass, args));
    }

    /** The same, with options for the JVM. */
    public static String run(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        return Processes.run(command(jvmOptions, mainClass, args));
    }
}
