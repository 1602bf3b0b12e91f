/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.report;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the JMH benchmarks of {@link io.github.nativeshm.bench.jmh} (JMH's own command-line
 * options pass through, e.g. {@code -f 1 -wi 3 -w 2s -i 5 -r 2s}) and writes their tables: the
 * median of the measurement iterations, their range, ratios to the peer, and the targets
 * met or missed ({@code --out}, and its target rows in {@code --out}{@code .targets}).
 *
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.report.JmhSuite [--section typed|seqlock|rings|all] [--pairs 3]
 *       [--out section.md] [JMH options]
 * </pre>
 */
public final class JmhSuite {
    private static final String PACKAGE = "io.github.nativeshm.bench.jmh.";

    /** The typed-read target's pair: the JNA baseline and native-shm's fill of the same fields. */
    private static final String STRUCTURE_READ = "StructReadBenchmark.structureRead";
    private static final String FIELDS_READ = "StructReadBenchmark.layoutFields";

    private final Map<String, RunResult> results = new HashMap<>();
    private final PairedRuns typedPair;
    private final Markdown targets = new Markdown("target", "verdict");

    private JmhSuite(Collection<RunResult> results, PairedRuns typedPair) {
        this.typedPair = typedPair;
        for (RunResult result : results) {
            StringBuilder key = new StringBuilder(result.getParams().getBenchmark().substring(PACKAGE.length()));
            for (String param : result.getParams().getParamsKeys()) {
                key.append('@').append(param).append('=').append(result.getParams().getParam(param));
            }
            this.results.put(key.toString(), result);
        }
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "out", "section", "pairs");
        Section section = Section.valueOf(args.get("section", "all").toUpperCase(Locale.ROOT));
        CommandLineOptions cli = new CommandLineOptions(args.rest().toArray(String[]::new));
        ChainedOptionsBuilder common = new OptionsBuilder().parent(cli);
        if (Runtime.version().feature() >= 22) {
            common.jvmArgsAppend("--enable-native-access=ALL-UNNAMED");
        }
        Options base = common.build();
        ChainedOptionsBuilder options = new OptionsBuilder().parent(base);
        PairedRuns typedPair = null;
        if (cli.getIncludes().isEmpty()) {
            options.include(PACKAGE.replace(".", "\\.") + section.benchmarks);
            if (section == Section.TYPED || section == Section.ALL) {
                // The target's two benchmarks run apart, in paired rounds; see PairedRuns.
                options.exclude(Pattern.quote(PACKAGE + STRUCTURE_READ) + "$").exclude(Pattern.quote(PACKAGE + FIELDS_READ) + "$");
                typedPair = PairedRuns.run(base, PACKAGE + STRUCTURE_READ, PACKAGE + FIELDS_READ,
                        (int) args.getLong("pairs", 3));
            }
        }
        JmhSuite suite = new JmhSuite(new Runner(options.build()).run(), typedPair);
        String report = suite.report(section);
        System.out.println(report);
        Markdown.write(args.get("out", null), report, suite.targets);
    }

    /** What to run and report: {@code --section typed|seqlock|rings|all}. */
    private enum Section {
        TYPED("StructReadBenchmark\\..*"),
        SEQLOCK("SeqlockReadBenchmark\\..*"),
        RINGS("RingAppendBenchmark\\..*"),
        ALL(".*");

        final String benchmarks;

        Section(String benchmarks) {
            this.benchmarks = benchmarks;
        }
    }

    private String report(Section section) {
        StringBuilder report = new StringBuilder();
        if (section == Section.TYPED || section == Section.ALL) {
            report.append(structs());
        }
        if (section == Section.SEQLOCK || section == Section.ALL) {
            report.append(report.length() == 0 ? "" : "\n").append(seqlock());
        }
        if (section == Section.RINGS || section == Section.ALL) {
            report.append(report.length() == 0 ? "" : "\n").append(rings());
        }
        return report.toString();
    }

    private String structs() {
        if (typedPair == null) {
            return "## 4. Typed access\n\nNot run: the section runs only without JMH includes of its own.\n";
        }
        Markdown table = new Markdown("reader", "what it returns", "ns/op (median)", "range of iterations",
                "JNA `Structure.read()` ÷ this");
        Statistics structure = typedPair.baseline;
        structRow(table, "native-shm `Field` getters into a reused object (`SnapshotFields`)",
                "every field; strings as bytes, `double[16]` copied: what `Structure.read()` fills", typedPair.contender,
                structure);
        structRow(table, "JNA `Structure.read()` (via `Segment.structureAt`)", "the same, into the `Structure`",
                structure, structure);
        structRow(table, "native-shm `Layout.read(buffer, offset)`", "a new `Snapshot` record, strings decoded",
                typed("layoutRecord"), structure);
        structRow(table, "JNA `Structure.read()` + copy into the record", "a new `Snapshot` record",
                typed("structureRecord"), structure);
        structRow(table, "JNA `Pointer.getX(offset)` per field", "a new `Snapshot` record", typed("pointerRecord"),
                structure);
        structRow(table, "native-shm `layout.field(\"bid\").getDouble(buffer, offset)`", "one double",
                typed("layoutField"), structure);
        structRow(table, "JNA `Structure.readField(\"bid\")`", "one double", typed("structureField"), structure);
        structRow(table, "JNA `Pointer.getDouble(16)`", "one double", typed("pointerField"), structure);
        double fields = typedPair.medianRatio();
        double records = speedup(typed("structureRecord"), typed("layoutRecord"));
        String target = "typed struct read ≥ 20× faster than JNA `Structure.read()` (the same fields filled)";
        String verdict = Markdown.verdict(fields, fields >= 20, Markdown.ratio(fields) + " faster");
        targets.row(target, verdict);
        return "## 4. Typed access: native-shm vs JNA, the same 256-byte struct at the same address\n\n" + table
                + "\nAverage time per read (JMH `avgt`), one thread. The last column divides `Structure.read()`'s median "
                + "by the row's. The first two rows ran in " + typedPair.ratios.length + " paired rounds (one JVM fork "
                + "each, seconds apart, order alternating); the target's ratio is the median of the rounds' ratios ("
                + typedPair.ratiosShown() + "), and their rows pool all rounds' iterations. The other rows ran one fork "
                + "each. A new record with its strings decoded: `Layout.read` is "
                + (Double.isNaN(records) ? "n/a" : Markdown.ratio(records)) + " faster than `Structure.read()` plus the "
                + "copy into the record.\n\n" + new Markdown("target", "verdict").row(target, verdict);
    }

    private void structRow(Markdown table, String reader, String returns, Statistics result, Statistics baseline) {
        table.row(reader, returns, median(result), range(result), Markdown.ratio(speedup(baseline, result)));
    }

    private Statistics typed(String method) {
        return statistics(primary("StructReadBenchmark." + method));
    }

    private String seqlock() {
        Markdown table = new Markdown("read", "writer", "read, ns (median)", "range of iterations", "retries per read",
                "writer, ns per write", "× the same read alone");
        for (String way : new String[] {"", "InPlace"}) {
            String read = way.isEmpty() ? "`read()`: copy inside, then decode a new record"
                    : "`read(SlotReader)`: every field in place into a reused object";
            Result<?> alone = primary("SeqlockReadBenchmark.alone" + way);
            table.row(read, "none", median(alone), range(alone), retryRate("SeqlockReadBenchmark.alone" + way), "–", "1×");
            for (String pause : new String[] {"0", "1000"}) {
                String benchmark = "SeqlockReadBenchmark.withWriter" + way + "@writerPause=" + pause;
                Result<?> reads = secondary(benchmark, way.isEmpty() ? "read" : "readInPlace");
                table.row(read, "0".equals(pause) ? "back to back" : "`Blackhole.consumeCPU(" + pause + ")` between writes",
                        median(reads), range(reads), retryRate(benchmark),
                        median(secondary(benchmark, way.isEmpty() ? "write" : "writeAlongsideInPlace")),
                        ratio(reads, alone));
            }
        }
        return "## 3. Seqlock read of a 256-byte struct with a concurrent writer (`SharedValue`, one process)\n\n" + table
                + "\nAverage time per operation (JMH `avgt`); with a writer, two threads. \"writer, ns per write\" "
                + "includes its pause; the writer writes a `Snapshot` record (`write(T)`). Retries per read: reads that "
                + "found the writer inside the slot and went round again.\n";
    }

    private String retryRate(String benchmark) {
        Result<?> reads = secondary(benchmark, "reads");
        Result<?> retries = secondary(benchmark, "retries");
        if (reads == null || retries == null || reads.getScore() == 0) {
            return "n/a";
        }
        return String.format("%.4f", retries.getScore() / reads.getScore());
    }

    private String rings() {
        Markdown table = new Markdown("ring", "case", "producer, M records/s (median)", "range of iterations",
                "consumer, M records/s", "consumer lost, M records/s", "producer ÷ Agrona");
        String b = "RingAppendBenchmark.";
        Result<?> agronaAlone = primary(b + "agronaAlone");
        ringRow(table, "native-shm `append(SlotWriter)`", "producer alone", b + "nativeShmAlone", agronaAlone, null, null);
        ringRow(table, "native-shm `appendQuietly(SlotWriter)`", "producer alone, no wake-up fence", b + "nativeShmQuietAlone",
                agronaAlone, null, null);
        ringRow(table, "native-shm `append(Event)`", "producer alone", b + "nativeShmRecordAlone", agronaAlone, null, null);
        ringRow(table, "Agrona `OneToOneRingBuffer.write`", "producer alone (drains itself when full)", b + "agronaAlone",
                agronaAlone, null, null);
        Result<?> agronaBoth = primary(b + "agronaWriteRead");
        ringRow(table, "native-shm in place: `append` + `poll`", "one thread writes and reads back",
                b + "nativeShmAppendPoll", agronaBoth, "records", null);
        ringRow(table, "native-shm records: `append` + `poll`", "one thread writes and reads back",
                b + "nativeShmRecordAppendPoll", agronaBoth, "records", null);
        ringRow(table, "Agrona `write` + `read`", "one thread writes and reads back", b + "agronaWriteRead", agronaBoth,
                "records", null);
        String shmGroup = b + "nativeShmWithReader";
        String agronaGroup = b + "agronaWithReader";
        Result<?> shmProducer = secondary(shmGroup, "nativeShmProducer");
        Result<?> agronaProducer = secondary(agronaGroup, "agronaProducer");
        table.row("native-shm in place", "with a reader thread", median(shmProducer), range(shmProducer),
                median(secondary(shmGroup, "records")), median(secondary(shmGroup, "lost")), ratio(shmProducer, agronaProducer));
        table.row("Agrona", "with a reader thread", median(agronaProducer), range(agronaProducer),
                median(secondary(agronaGroup, "records")), "0", "1×");
        return "## Ring append, 64-byte records, in one process (supplementary)\n\n" + table
                + "\nThroughput (JMH `thrpt`, operations per µs = M records/s). native-shm's ring never waits for "
                + "readers (a slow reader is lapped and told how many records it lost); Agrona's waits for space. In place "
                + "means `append(SlotWriter)` with a writer that writes every field of the 64-byte record (so the ring "
                + "does not zero the slot first) and a reader whose `SlotReader` reads the sequence into a reused object, "
                + "as Agrona's side copies in a 64-byte message and reads its first long; records means "
                + "`append(Event)` and a new `Event` per read.\n";
    }

    private void ringRow(Markdown table, String ring, String what, String benchmark, Result<?> agrona, String consumer,
                         Object lost) {
        Result<?> result = primary(benchmark);
        table.row(ring, what, median(result), range(result), consumer == null ? "–" : median(secondary(benchmark, consumer)),
                lost == null ? "–" : lost, ratio(result, agrona));
    }

    // ---- lookups and formats -----------------------------------------------------------------

    private Result<?> primary(String benchmark) {
        RunResult result = results.get(benchmark);
        return result == null ? null : result.getPrimaryResult();
    }

    private Result<?> secondary(String benchmark, String label) {
        RunResult result = results.get(benchmark);
        if (result == null) {
            return null;
        }
        Result<?> secondary = result.getSecondaryResults().get(label);
        if (secondary == null) {
            System.err.println("no result '" + label + "' for " + benchmark + "; it has "
                    + result.getSecondaryResults().keySet());
        }
        return secondary;
    }

    private static String median(Result<?> result) {
        return median(statistics(result));
    }

    private static String median(Statistics statistics) {
        return statistics == null ? "n/a" : Markdown.number(statistics.getPercentile(50));
    }

    private static String range(Result<?> result) {
        return range(statistics(result));
    }

    private static String range(Statistics statistics) {
        return statistics == null ? "n/a"
                : Markdown.number(statistics.getMin()) + " – " + Markdown.number(statistics.getMax());
    }

    private static Statistics statistics(Result<?> result) {
        return result == null ? null : result.getStatistics();
    }

    /** How many times faster (less time per operation) {@code result} is than {@code baseline}. */
    private static double speedup(Statistics baseline, Statistics result) {
        if (result == null || baseline == null) {
            return Double.NaN;
        }
        return baseline.getPercentile(50) / result.getPercentile(50);
    }

    private static String ratio(Result<?> result, Result<?> baseline) {
        if (result == null || baseline == null) {
            return "n/a";
        }
        return Markdown.ratio(result.getStatistics().getPercentile(50) / baseline.getStatistics().getPercentile(50));
    }
}
