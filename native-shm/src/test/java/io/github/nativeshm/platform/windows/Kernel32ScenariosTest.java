/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import io.github.nativeshm.platform.windows.Kernel32Scenarios.Step;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kernel32 stand-ins checked against a second implementation: the scenarios of
 * {@code windows/scenarios.txt} run through the stand-ins, and through {@code scenario-runner.c}
 * compiled with mingw-w64 and run under Wine (real Win32 code on Wine's kernel objects). Every step
 * must give its expected outcome in both, except where a {@code wine:} line names Wine's outcome and
 * why Windows differs. The Wine half is skipped, with the reason, where Wine or mingw-w64 is missing
 * ({@code .ci/run} installs both). The Java Windows provider itself is not run under Wine: that
 * needs a Windows JVM.
 */
class Kernel32ScenariosTest {
    private static final String COMPILER = "x86_64-w64-mingw32-gcc";
    /** The first start of Wine builds its prefix (about 10 s here, more on a loaded machine). */
    private static final long WINE_TIMEOUT_SECONDS = 180;

    private static Path workDirectory;

    @Test
    void theStandInsGiveTheExpectedOutcomes() throws IOException {
        List<Step> steps = Kernel32Scenarios.parse(Kernel32Scenarios.resource(Kernel32Scenarios.SCENARIOS));
        Map<Integer, String> standIn = Kernel32Scenarios.runOnStandIns(steps);

        List<String> differences = new ArrayList<>();
        for (Step step : steps) {
            String got = standIn.get(step.line());
            if (!step.expected().equals(got)) {
                differences.add(row(step, step.expected(), got));
            }
        }
        assertNoDifferences("the stand-ins differ from the expected outcomes", differences);
    }

    @Test
    void wineGivesTheSameOutcomesExceptTheDocumentedOnes() throws Exception {
        Path wine = executable("wine64").or(() -> executable("wine"))
                .or(() -> Optional.of(Path.of("/usr/lib/wine/wine64")).filter(Files::isExecutable))
                .orElse(null);
        Path compiler = executable(COMPILER).orElse(null);
        assumeTrue(wine != null, "Wine is not installed (apt-get install wine wine64; .ci/run does)");
        assumeTrue(compiler != null, COMPILER + " is not installed (apt-get install gcc-mingw-w64-x86-64-win32)");

        List<Step> steps = Kernel32Scenarios.parse(Kernel32Scenarios.resource(Kernel32Scenarios.SCENARIOS));
        Map<Integer, String> standIn = Kernel32Scenarios.runOnStandIns(steps);
        Map<Integer, String> underWine = runUnderWine(wine, compiler);

        List<String> differences = new ArrayList<>();
        for (Step step : steps) {
            String got = underWine.get(step.line());
            if (!step.expectedUnderWine().equals(got)) {
                differences.add(row(step, step.expectedUnderWine(), got) + "   (stand-in: " + standIn.get(step.line())
                        + (step.wineOutcome() == null ? "" : "; the wine: line says: " + step.wineReason()) + ")");
            }
        }
        assertNoDifferences("Wine differs from the scenarios (a stale 'wine:' line counts too)", differences);
        assertEquals(steps.size(), underWine.size(), "one outcome per step: " + underWine);
    }

    /** Compiles the runner and runs it under Wine in a prefix of this test run; the outcome of each step, by line. */
    private static Map<Integer, String> runUnderWine(Path wine, Path compiler) throws Exception {
        workDirectory = Files.createTempDirectory("nshm-wine-");
        Path source = workDirectory.resolve("scenario-runner.c");
        Path scenarios = workDirectory.resolve("scenarios.txt");
        Files.writeString(source, Kernel32Scenarios.resource(Kernel32Scenarios.RUNNER));
        Files.writeString(scenarios, Kernel32Scenarios.resource(Kernel32Scenarios.SCENARIOS));

        run(List.of(compiler.toString(), "-O1", "-Wall", "-o", "scenario-runner.exe", "scenario-runner.c"), 60);
        String output = run(List.of(wine.toString(), "scenario-runner.exe", "scenarios.txt"), WINE_TIMEOUT_SECONDS);

        Map<Integer, String> outcomes = new LinkedHashMap<>();
        for (String line : output.split("\r?\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split(" ", 2);
                outcomes.put(Integer.parseInt(parts[0]), parts.length == 2 ? parts[1] : "");
            }
        }
        return outcomes;
    }

    /** Runs {@code command} in the work directory with a private, quiet Wine; its stdout, or the test fails. */
    private static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        builder.environment().put("WINEPREFIX", workDirectory.resolve("prefix").toString());
        builder.environment().put("WINEDEBUG", "-all");
        builder.environment().put("WINEDLLOVERRIDES", "mscoree,mshtml="); // no Mono or Gecko install prompt
        builder.environment().remove("DISPLAY"); // a console program: no window, whatever the session has
        Path stdout = workDirectory.resolve("stdout.txt");
        Path stderr = workDirectory.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + timeoutSeconds + " s; stderr:\n" + Files.readString(stderr));
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(command + " exited with " + process.exitValue() + "\nstdout:\n" + out + "\nstderr:\n"
                    + Files.readString(stderr));
        }
        return out;
    }

    /** Stops this run's wineserver (it lingers a few seconds) and removes the prefix (about 700 MB). */
    @AfterAll
    static void removeThePrefix() throws IOException, InterruptedException {
        if (workDirectory == null) {
            return;
        }
        Optional<Path> wineserver = executable("wineserver")
                .or(() -> Optional.of(Path.of("/usr/lib/wine/wineserver64")).filter(Files::isExecutable));
        if (wineserver.isPresent()) {
            ProcessBuilder builder = new ProcessBuilder(wineserver.get().toString(), "-k");
            builder.environment().put("WINEPREFIX", workDirectory.resolve("prefix").toString());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.start().waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(workDirectory)) { // does not follow the prefix's links (z: is /)
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        workDirectory = null;
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String row(Step step, String expected, String got) {
        return String.format("%4d  %-44s  want %-40s  got %s", step.line(), step.text(), expected, got);
    }

    private static void assertNoDifferences(String title, List<String> differences) {
        assertTrue(differences.isEmpty(), () -> title + " (" + differences.size() + "):\nline  step"
                + " ".repeat(42) + "  outcomes\n" + String.join("\n", differences));
    }
}
