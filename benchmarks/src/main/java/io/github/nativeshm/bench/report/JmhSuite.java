package io.github.nativeshm.bench.report;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the JMH benchmarks of {@link io.github.nativeshm.bench.jmh} (JMH's own command-line
 * options pass through, e.g. {@code -f 1 -wi 3 -w 2s -i 5 -r 2s}) and writes their tables: the
 * median of the measurement iterations, their range, and ratios to the native-shm way.
 *
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.report.JmhSuite [--out jmh.md] [JMH options]
 * </pre>
 */
public final class JmhSuite {
    private static final String PACKAGE = "io.github.nativeshm.bench.jmh.";

    private final Map<String, RunResult> results = new HashMap<>();

    private JmhSuite(Collection<RunResult> results) {
        for (RunResult result : results) {
            StringBuilder key = new StringBuilder(result.getParams().getBenchmark().substring(PACKAGE.length()));
            for (String param : result.getParams().getParamsKeys()) {
                key.append('@').append(param).append('=').append(result.getParams().getParam(param));
            }
            this.results.put(key.toString(), result);
        }
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "out");
        CommandLineOptions cli = new CommandLineOptions(args.rest().toArray(String[]::new));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(PACKAGE.replace(".", "\\.") + ".*");
        }
        if (Runtime.version().feature() >= 22) {
            options.jvmArgsAppend("--enable-native-access=ALL-UNNAMED");
        }
        JmhSuite suite = new JmhSuite(new Runner(options.build()).run());
        String report = suite.report();
        System.out.println(report);
        String out = args.get("out", null);
        if (out != null) {
            Files.writeString(Path.of(out), report);
        }
    }

    private String report() {
        return "### Seqlock read of a 256-byte struct (`SharedValue.read()`)\n\n" + seqlock()
                + "\n### Typed struct read: native-shm `Layout` vs JNA, same 256 bytes at the same address\n\n" + structs()
                + "\n### Ring append, 64-byte records, in one process\n\n" + rings();
    }

    private String seqlock() {
        Markdown table = new Markdown("case", "read, ns (median)", "range of iterations", "retries per read",
                "writer, ns per write", "× read alone");
        Result<?> alone = primary("SeqlockReadBenchmark.alone");
        table.row("`read()`, no writer", median(alone), range(alone),
                retryRate("SeqlockReadBenchmark.alone"), "–", "1×");
        for (String pause : new String[] {"0", "1000"}) {
            String benchmark = "SeqlockReadBenchmark.withWriter@writerPause=" + pause;
            Result<?> read = secondary(benchmark, "read");
            table.row("`read()` while another thread `write()`s " + ("0".equals(pause) ? "back to back"
                            : "with a pause (`Blackhole.consumeCPU(" + pause + ")`)"),
                    median(read), range(read), retryRate(benchmark), median(secondary(benchmark, "write")),
                    ratio(read, alone));
        }
        return table + "\nAverage time per operation (JMH `avgt`), two threads for the cases with a writer; "
                + "\"writer, ns per write\" includes its pause. A read copies the whole struct into a new record "
                + "(strings decoded), like `Layout.read` below, inside the seqlock.\n";
    }

    private String retryRate(String benchmark) {
        Result<?> reads = secondary(benchmark, "reads");
        Result<?> retries = secondary(benchmark, "retries");
        if (reads == null || retries == null || reads.getScore() == 0) {
            return "n/a";
        }
        return String.format("%.4f", retries.getScore() / reads.getScore());
    }

    private String structs() {
        Markdown table = new Markdown("reader", "what it returns", "ns/op (median)", "range of iterations",
                "× native-shm");
        Result<?> record = primary("StructReadBenchmark.layoutRecord");
        Result<?> field = primary("StructReadBenchmark.layoutField");
        structRow(table, "native-shm `Layout.read(buffer, offset)`", "a `Snapshot` record", "layoutRecord", record);
        structRow(table, "JNA `Structure.read()` (via `Segment.structureAt`)", "the filled `Structure` (byte[] strings)",
                "structureRead", record);
        structRow(table, "JNA `Structure.read()` + copy into the record", "a `Snapshot` record", "structureRecord", record);
        structRow(table, "JNA `Pointer.getX(offset)` per field", "a `Snapshot` record", "pointerRecord", record);
        structRow(table, "native-shm `layout.field(\"bid\").getDouble(buffer, offset)`", "one double", "layoutField", field);
        structRow(table, "JNA `Structure.readField(\"bid\")`", "one double", "structureField", field);
        structRow(table, "JNA `Pointer.getDouble(16)`", "one double", "pointerField", field);
        return table.toString();
    }

    private void structRow(Markdown table, String reader, String returns, String method, Result<?> baseline) {
        Result<?> result = primary("StructReadBenchmark." + method);
        table.row(reader, returns, median(result), range(result), ratio(result, baseline));
    }

    private String rings() {
        Markdown table = new Markdown("ring", "case", "producer, M records/s (median)", "range of iterations",
                "consumer, M records/s", "consumer lost, M records/s", "producer × Agrona");
        Result<?> shmAlone = primary("RingAppendBenchmark.nativeShmAlone");
        Result<?> agronaAlone = primary("RingAppendBenchmark.agronaAlone");
        table.row("native-shm `EventRing.append`", "producer alone", median(shmAlone), range(shmAlone), "–", "–",
                ratio(shmAlone, agronaAlone));
        table.row("Agrona `OneToOneRingBuffer.write`", "producer alone (drains itself when full)", median(agronaAlone),
                range(agronaAlone), "–", "–", "1×");
        Result<?> shmBoth = primary("RingAppendBenchmark.nativeShmAppendPoll");
        Result<?> agronaBoth = primary("RingAppendBenchmark.agronaWriteRead");
        table.row("native-shm `EventRing.append` + `RingReader.poll`", "one thread writes and reads back", median(shmBoth),
                range(shmBoth), median(secondary("RingAppendBenchmark.nativeShmAppendPoll", "records")), "–",
                ratio(shmBoth, agronaBoth));
        table.row("Agrona `write` + `read`", "one thread writes and reads back", median(agronaBoth), range(agronaBoth),
                median(secondary("RingAppendBenchmark.agronaWriteRead", "records")), "–", "1×");
        String shmGroup = "RingAppendBenchmark.nativeShmWithReader";
        String agronaGroup = "RingAppendBenchmark.agronaWithReader";
        Result<?> shmProducer = secondary(shmGroup, "nativeShmProducer");
        Result<?> agronaProducer = secondary(agronaGroup, "agronaProducer");
        table.row("native-shm `EventRing.append`", "with a reader thread (`RingReader.poll`)", median(shmProducer),
                range(shmProducer), median(secondary(shmGroup, "records")), median(secondary(shmGroup, "lost")),
                ratio(shmProducer, agronaProducer));
        table.row("Agrona `OneToOneRingBuffer.write`", "with a reader thread (`read`)", median(agronaProducer),
                range(agronaProducer), median(secondary(agronaGroup, "records")), "0", "1×");
        return table + "\nThroughput (JMH `thrpt`, operations per µs = M records/s). native-shm's ring never waits for "
                + "readers (a slow reader is lapped and told how many records it lost); Agrona's waits for space.\n";
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
        return result == null ? "n/a" : Markdown.number(result.getStatistics().getPercentile(50));
    }

    private static String range(Result<?> result) {
        if (result == null) {
            return "n/a";
        }
        Statistics statistics = result.getStatistics();
        return Markdown.number(statistics.getMin()) + " – " + Markdown.number(statistics.getMax());
    }

    private static String ratio(Result<?> result, Result<?> baseline) {
        if (result == null || baseline == null) {
            return "n/a";
        }
        return Markdown.ratio(result.getStatistics().getPercentile(50) / baseline.getStatistics().getPercentile(50));
    }
}
