/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.report;

import io.github.nativeshm.bench.AccessPath;
import io.github.nativeshm.bench.report.PairedRuns.Side;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed-read pair of {@code StructReadBenchmark} on both access paths of native-shm's
 * multi-release jar: the FFM {@code MemorySegment} path a JDK 22+ loads from
 * {@code META-INF/versions/22}, and the {@code ByteBuffer} path of JDK 17. Each comparison runs in
 * paired rounds ({@link PairedRuns}: one fork per side, seconds apart, order alternating; the ratio
 * is the median of the rounds'), with each side's forks on their own JVM:
 * <ol>
 *   <li>JDK 22+: JNA {@code Structure.read()} against the {@code Field} fill (FFM path): the target;</li>
 *   <li>JDK 17: the same pair on the {@code ByteBuffer} path, in the same form;</li>
 *   <li>the {@code Field} fill on JDK 17 against the fill on JDK 22+ (each JDK's path);</li>
 *   <li>the {@code Field} fill on JDK 22+ with multi-release jars turned off
 *       ({@code -Djdk.util.jar.enableMultiRelease=false}, so the {@code ByteBuffer} path) against
 *       the FFM path: the path alone, on one JDK.</li>
 * </ol>
 * Every fork checks that it loaded the path it is named after ({@code -Dbench.accessPath}).
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.report.FfmPaths --java22 /path/to/jdk25/bin/java
 *       [--java17 /path/to/jdk17/bin/java] [--pairs 3] [--out section.md] [JMH options]
 * </pre>
 * Without {@code --java17} the comparisons that need it are left out.
 */
public final class FfmPaths {
    private static final String BENCHMARK = "io.github.nativeshm.bench.jmh.StructReadBenchmark.";
    private static final String STRUCTURE_READ = BENCHMARK + "structureRead";
    private static final String FIELDS_READ = BENCHMARK + "layoutFields";
    private static final double TARGET = 30;

    private FfmPaths() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "out", "pairs", "java22", "java17");
        int pairs = (int) args.getLong("pairs", 3);
        String java22 = args.get("java22", null);
        if (java22 == null) {
            throw new IllegalArgumentException("--java22 /path/to/bin/java (a JDK 22 or newer) is required");
        }
        String java17 = args.get("java17", null);
        Options base = new OptionsBuilder().parent(new CommandLineOptions(args.rest().toArray(String[]::new))).build();
        Jvm ffm = Jvm.of(java22, true);
        if (ffm.feature < 22) {
            throw new IllegalArgumentException("--java22 " + java22 + " is JDK " + ffm.version + ", not 22 or newer");
        }
        Jvm bufferOn22 = Jvm.of(java22, false);
        Jvm buffer = java17 == null ? null : Jvm.of(java17, true);
        if (buffer != null && buffer.feature >= 22) {
            throw new IllegalArgumentException("--java17 " + java17 + " is JDK " + buffer.version
                    + ", which would load the FFM path; give a JDK 17-21");
        }

        Markdown table = new Markdown("comparison", "baseline: ns/op (median)", "contender: ns/op (median)",
                "baseline ÷ contender", "per round");
        Markdown targets = new Markdown("target", "verdict");
        PairedRuns target = PairedRuns.run(ffm.side(base, "target", STRUCTURE_READ), ffm.side(base, "target", FIELDS_READ),
                pairs);
        row(table, "JDK " + ffm.version + ", FFM path: JNA `Structure.read()` vs native-shm `Field` fill", target);
        if (buffer != null) {
            PairedRuns old = PairedRuns.run(buffer.side(base, "jdk17", STRUCTURE_READ),
                    buffer.side(base, "jdk17", FIELDS_READ), pairs);
            row(table, "JDK " + buffer.version + ", `ByteBuffer` path: JNA `Structure.read()` vs native-shm `Field` fill", old);
            PairedRuns jdks = PairedRuns.run(buffer.side(base, "jdks", FIELDS_READ), ffm.side(base, "jdks", FIELDS_READ),
                    pairs);
            row(table, "`Field` fill: JDK " + buffer.version + " (`ByteBuffer` path) vs JDK " + ffm.version
                    + " (FFM path)", jdks);
        }
        PairedRuns paths = PairedRuns.run(bufferOn22.side(base, "paths", FIELDS_READ),
                ffm.side(base, "paths", FIELDS_READ), pairs);
        row(table, "`Field` fill on JDK " + ffm.version + ": `ByteBuffer` path (multi-release off) vs FFM path", paths);

        double ratio = target.medianRatio();
        String goal = "typed struct read on JDK 22+ (FFM path) ≥ " + Markdown.ratio(TARGET)
                + " faster than JNA `Structure.read()` (the same fields filled)";
        targets.row(goal, Markdown.verdict(ratio, ratio >= TARGET, Markdown.ratio(ratio) + " faster"));
        String report = "## 4b. Typed access on JDK 22+: the FFM path of the multi-release jar\n\n"
                + "The pair of section 4 (`StructReadBenchmark.structureRead` and `layoutFields`, the same 256-byte "
                + "struct at the same address) on each access path of native-shm's jar: on JDK 22+ `Field` and `Layout` "
                + "reach memory through a bounds-checked FFM `MemorySegment` over the segment's buffer "
                + "(`META-INF/versions/22`), on JDK 17 through the `ByteBuffer` itself. Each comparison ran in "
                + pairs + " paired rounds (one JVM fork per side, seconds apart, order alternating, each fork on its "
                + "own JDK); the ratio is the median of the rounds' ratios, the medians pool all rounds' iterations. "
                + "Every fork checked that it loaded the path named.\n\n" + table
                + "\n" + targets;
        System.out.println(report);
        Markdown.write(args.get("out", null), report, targets);
    }

    private static void row(Markdown table, String what, PairedRuns runs) {
        table.row(what, Markdown.number(runs.baseline.getPercentile(50)), Markdown.number(runs.contender.getPercentile(50)),
                Markdown.ratio(runs.medianRatio()), runs.ratiosShown());
    }

    /** A JVM to fork: its java, version and whether it reads the jar as multi-release. */
    private record Jvm(String java, String version, int feature, boolean multiRelease) {
        private static final Pattern VERSION = Pattern.compile("version \"((\\d+)[^\"]*)\"");

        static Jvm of(String java, boolean multiRelease) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            process.waitFor();
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                throw new IllegalArgumentException(java + " -version says no version: " + output);
            }
            return new Jvm(java, matcher.group(1), Integer.parseInt(matcher.group(2)), multiRelease);
        }

        /** The path this JVM loads from native-shm's jar. */
        String path() {
            return feature >= 22 && multiRelease ? AccessPath.MEMORY_SEGMENT : AccessPath.BYTE_BUFFER;
        }

        /** A side of the comparison {@code comparison} (which names its result files). */
        Side side(Options parent, String comparison, String benchmark) {
            List<String> jvmArgs = new ArrayList<>();
            if (feature >= 22) {
                jvmArgs.add("--enable-native-access=ALL-UNNAMED");
            }
            if (!multiRelease) {
                jvmArgs.add("-Djdk.util.jar.enableMultiRelease=false");
            }
            jvmArgs.add("-D" + AccessPath.EXPECTED + "=" + path());
            ChainedOptionsBuilder options = new OptionsBuilder().parent(parent).jvm(java)
                    .jvmArgsAppend(jvmArgs.toArray(String[]::new));
            String tag = comparison + "." + PairedRuns.method(benchmark) + ".jdk" + feature + (multiRelease ? "" : "-no-multi-release");
            return new Side(options.build(), benchmark, tag);
        }
    }
}
