package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.report.Args;
import io.github.nativeshm.bench.report.Markdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Cross-process one-way ring throughput of 64-byte records: this process writes, a second JVM
 * reads; native-shm's ring against Agrona's over the same kind of mapped segment, interleaved
 * over {@code --rounds} rounds. Reports the writer's and the reader's rate (records per second,
 * medians of the rounds) and, for native-shm's lossy ring, how many records the reader lost.
 *
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.ipc.ThroughputHarness \
 *       [--warmup 1000000] [--records 5000000] [--rounds 3] [--pin true] [--out throughput.md]
 * </pre>
 */
public final class ThroughputHarness {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ThroughputHarness() {
    }

    /** One round of one stream. */
    record Run(double writerPerSecond, double readerPerSecond, double lostFraction) {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "warmup", "records", "rounds", "pin", "out");
        long warmup = args.getLong("warmup", 1_000_000);
        long records = args.getLong("records", 5_000_000);
        int rounds = (int) args.getLong("rounds", 3);
        boolean pinned = Boolean.parseBoolean(args.get("pin", "true")) && Affinity.pin(0);

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < Stream.IDS.size(); i++) {
                String id = Stream.IDS.get((i + round - 1) % Stream.IDS.size());
                descriptions.put(id, Stream.byId(id).description());
                if (failures.containsKey(id)) {
                    continue;
                }
                try {
                    Run run = run(Stream.byId(id), warmup, records, pinned ? 1 : -1);
                    runs.computeIfAbsent(id, k -> new ArrayList<>()).add(run);
                    System.out.printf("round %d  %-10s writer %,14.0f records/s  reader %,14.0f records/s  lost %.2f %%%n",
                            round, id, run.writerPerSecond, run.readerPerSecond, 100 * run.lostFraction);
                } catch (Exception e) {
                    failures.put(id, e.toString());
                    System.out.printf("round %d  %-10s FAILED: %s%n", round, id, e);
                    e.printStackTrace();
                }
            }
        }

        List<Run> agrona = runs.get(AgronaStream.ID);
        double agronaReader = agrona == null ? Double.NaN : median(agrona, Run::readerPerSecond);
        Markdown table = new Markdown("ring", "writer, M records/s", "reader delivered, M records/s", "lost by reader",
                "reader / Agrona (medians)", "reader M records/s per round");
        for (String id : Stream.IDS) {
            List<Run> list = runs.get(id);
            if (list == null) {
                table.row(descriptions.get(id), "failed", "", "", "", failures.get(id));
                continue;
            }
            double reader = median(list, Run::readerPerSecond);
            table.row(descriptions.get(id), Markdown.number(median(list, Run::writerPerSecond) / 1e6),
                    Markdown.number(reader / 1e6), String.format("%.2f %%", 100 * median(list, Run::lostFraction)),
                    Markdown.ratio(reader / agronaReader),
                    list.stream().map(run -> Markdown.number(run.readerPerSecond / 1e6)).collect(Collectors.joining(" / ")));
        }
        // Paired by round: the two streams of a round run minutes apart at most, under the same
        // vCPU placement and load, while rates swing several-fold between rounds.
        List<Run> shm = runs.get(NativeShmStream.ACKED_ID);
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; shm != null && agrona != null && i < Math.min(shm.size(), agrona.size()); i++) {
            perRound.add(shm.get(i).readerPerSecond / agrona.get(i).readerPerSecond);
        }
        double ratio = Markdown.median(perRound);
        Markdown targets = new Markdown("target", "verdict").row(
                "one-way ring throughput (records delivered, no loss: with the reader's acknowledgement) ≥ Agrona's",
                Markdown.verdict(ratio, ratio >= 1, Markdown.ratio(ratio) + " Agrona's, median of the rounds' ratios "
                        + perRound.stream().map(Markdown::ratio).collect(Collectors.joining(" / "))));
        String report = table + "\n" + String.format("%,d warm-up and %,d timed records of 64 bytes per ring and round, "
                + "%d rounds; medians of the rounds%s.%n", warmup, records, rounds,
                pinned ? "; writer and reader threads pinned to CPU 0 and CPU 1" : "")
                + (failures.isEmpty() ? "" : "\nFailed: " + failures + "\n") + "\n" + targets;
        System.out.println(report);
        Markdown.write(args.get("out", null), report, targets);
    }

    static Run run(Stream stream, long warmup, long records, int childCpu) throws Exception {
        try {
            String argument = stream.prepare();
            try (ChildProcess child = ChildProcess.start(childCpu, childCpu >= 0 ? 0 : -1, List.of("stream", stream.id(), Long.toString(warmup),
                    Long.toString(records), argument))) {
                child.awaitLine("READY", TIMEOUT);
                long writerNanos = stream.write(warmup, records);
                Stream.Result result = Stream.Result.parse(child.awaitLine("RESULT", TIMEOUT));
                child.awaitExit(TIMEOUT);
                return new Run(records * 1e9 / writerNanos, result.delivered() * 1e9 / result.nanos(),
                        (double) result.lost() / records);
            }
        } finally {
            stream.cleanup();
        }
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return Markdown.median(runs.stream().map(value::applyAsDouble).toList());
    }
}
