/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.report.Args;
import io.github.nativeshm.bench.report.Markdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Cross-process one-way ring throughput of 64-byte records: this process writes, a second JVM
 * reads; native-shm's ring against Agrona's over the same kind of mapped segment.
 *
 * <p>All streams run in the same two processes, taking turns: after a warm-up of each, every
 * stream carries a block of {@code --block} records in turn, {@code --blocks} times (the order
 * rotates every time), and each block is timed on both sides. On a shared VM the rate of one
 * stream moves 3-4× from one second to the next as the host moves the two vCPUs; streams timed in
 * alternating blocks of a fraction of a second see the same placements, so the ratio of two
 * streams' blocks of the same turn is the number to compare. {@code --rounds} repeats it all
 * with a new second process.
 *
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.ipc.ThroughputHarness \
 *       [--warmup 1000000] [--block 2000000] [--blocks 6] [--rounds 3] [--pin true]
 *       [--streams native-shm,native-shm-acked,agrona] [--out throughput.md]
 * </pre>
 */
public final class ThroughputHarness {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ThroughputHarness() {
    }

    /** One timed block of one stream: the writer's and the reader's rate, and what the reader lost. */
    record Run(int round, int block, double writerPerSecond, double readerPerSecond, double lostFraction) {
    }

    /** One turn of one stream: records {@code from} to {@code to - 1}; {@code block} is -1 for the warm-up. */
    interface Turn {
        void take(int stream, int block, long from, long to) throws Exception;
    }

    /**
     * The order both processes follow: each stream's warm-up, then {@code blocks} rounds of one
     * block per stream, the first stream of each round moving on by one.
     */
    static void inTurns(int streams, long warmup, int blocks, long records, Turn turn) throws Exception {
        for (int stream = 0; stream < streams; stream++) {
            turn.take(stream, -1, 0, warmup);
        }
        for (int block = 0; block < blocks; block++) {
            long from = warmup + block * records;
            for (int i = 0; i < streams; i++) {
                turn.take((i + block) % streams, block, from, from + records);
            }
        }
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "warmup", "block", "blocks", "rounds", "pin", "streams", "out");
        long warmup = args.getLong("warmup", 1_000_000);
        long records = args.getLong("block", 2_000_000);
        int blocks = (int) args.getLong("blocks", 6);
        int rounds = (int) args.getLong("rounds", 3);
        boolean pinned = Boolean.parseBoolean(args.get("pin", "true")) && Affinity.pin(0);
        List<String> ids = args.get("streams", null) == null ? Stream.IDS
                : Arrays.stream(args.get("streams", "").split(",")).map(id -> Stream.byId(id).id()).toList();

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        ids.forEach(id -> runs.put(id, new ArrayList<>()));
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            try {
                round(round, ids, warmup, blocks, records, pinned ? 1 : -1, runs);
            } catch (Exception e) {
                failures.add("round " + round + ": " + e);
                System.out.printf("round %d FAILED: %s%n", round, e);
                e.printStackTrace();
            }
        }

        String report = report(ids, runs, failures, warmup, records, blocks, rounds, pinned);
        Markdown targets = targets(runs);
        System.out.println(report + "\n" + targets);
        Markdown.write(args.get("out", null), report + "\n" + targets, targets);
    }

    /** One pair of processes: every stream's warm-up and blocks, added to {@code runs}. */
    private static void round(int round, List<String> ids, long warmup, int blocks, long records, int childCpu,
                              Map<String, List<Run>> runs) throws Exception {
        List<Stream> streams = ids.stream().map(Stream::byId).toList();
        try {
            List<String> command = new ArrayList<>(List.of("streams", Long.toString(warmup), Integer.toString(blocks),
                    Long.toString(records)));
            for (Stream stream : streams) {
                command.add(stream.id());
                command.add(stream.prepare());
            }
            try (ChildProcess child = ChildProcess.start(childCpu, childCpu >= 0 ? 0 : -1, command)) {
                child.awaitLine("READY", TIMEOUT);
                long[][] writerNanos = new long[streams.size()][blocks];
                inTurns(streams.size(), warmup, blocks, records, (stream, block, from, to) -> {
                    long start = System.nanoTime();
                    streams.get(stream).write(from, to);
                    if (block >= 0) {
                        writerNanos[stream][block] = System.nanoTime() - start;
                    }
                });
                for (int i = 0; i < streams.size() * blocks; i++) {
                    String[] line = child.awaitLine("BLOCK", TIMEOUT).split(" ");
                    int stream = Integer.parseInt(line[1]);
                    int block = Integer.parseInt(line[2]);
                    Stream.Block seen = new Stream.Block(Long.parseLong(line[3]), Long.parseLong(line[4]),
                            Long.parseLong(line[5]));
                    Run run = new Run(round, block, records * 1e9 / writerNanos[stream][block], seen.perSecond(),
                            (double) seen.lost() / records);
                    runs.get(ids.get(stream)).add(run);
                    System.out.printf("round %d  block %d  %-17s writer %,12.0f records/s  reader %,12.0f records/s"
                            + "  lost %.2f %%%n", round, block, ids.get(stream), run.writerPerSecond,
                            run.readerPerSecond, 100 * run.lostFraction);
                }
                child.awaitExit(TIMEOUT);
            }
        } finally {
            streams.forEach(Stream::cleanup);
        }
    }

    private static String report(List<String> ids, Map<String, List<Run>> runs, List<String> failures, long warmup,
                                 long records, int blocks, int rounds, boolean pinned) {
        List<Run> agrona = runs.getOrDefault(AgronaStream.ID, List.of());
        Markdown table = new Markdown("ring", "writer, M records/s", "reader delivered, M records/s", "lost by reader",
                "reader ÷ Agrona's, same turn (median; middle half)", "reader M records/s, median per round");
        for (String id : ids) {
            List<Run> list = runs.get(id);
            String description = Stream.byId(id).description();
            if (list.isEmpty()) {
                table.row(description, "failed", "", "", "", "");
                continue;
            }
            List<Double> ratios = pairedRatios(list, agrona);
            table.row(description, Markdown.number(median(list, Run::writerPerSecond) / 1e6),
                    Markdown.number(median(list, Run::readerPerSecond) / 1e6),
                    String.format("%.2f %%", 100 * median(list, Run::lostFraction)),
                    ratios.isEmpty() ? "" : Markdown.ratio(Markdown.median(ratios)) + "; "
                            + Markdown.ratio(quantile(ratios, 0.25)) + " – " + Markdown.ratio(quantile(ratios, 0.75)),
                    perRound(list, rounds));
        }
        return table + "\n" + String.format("%,d warm-up records per stream, then %d blocks of %,d records of 64 bytes "
                        + "per stream, taking turns (rotating order) in the same two processes; %d rounds, each with a "
                        + "new second process. Rates are medians over all blocks; ratios divide a block's reader rate "
                        + "by that of Agrona's block in the same turn%s.%n", warmup, blocks, records, rounds,
                pinned ? "; writer and reader threads pinned to CPU 0 and CPU 1" : "")
                + (failures.isEmpty() ? "" : "\nFailed: " + String.join("; ", failures) + "\n");
    }

    private static Markdown targets(Map<String, List<Run>> runs) {
        List<Double> ratios = pairedRatios(runs.getOrDefault(NativeShmStream.ACKED_ID, List.of()),
                runs.getOrDefault(AgronaStream.ID, List.of()));
        double ratio = Markdown.median(ratios);
        return new Markdown("target", "verdict").row(
                "one-way ring throughput (records delivered, no loss: with the reader's acknowledgement) ≥ Agrona's",
                Markdown.verdict(ratio, ratio >= 1, Markdown.ratio(ratio) + " Agrona's: median of " + ratios.size()
                        + " blocks, each divided by Agrona's block of the same turn; middle half "
                        + Markdown.ratio(quantile(ratios, 0.25)) + " – " + Markdown.ratio(quantile(ratios, 0.75))));
    }

    /** Each block's reader rate divided by that of the same round and block of {@code other}. */
    private static List<Double> pairedRatios(List<Run> list, List<Run> other) {
        Map<String, Double> otherRates = other.stream()
                .collect(Collectors.toMap(run -> run.round + "/" + run.block, Run::readerPerSecond));
        return list.stream().filter(run -> otherRates.containsKey(run.round + "/" + run.block))
                .map(run -> run.readerPerSecond / otherRates.get(run.round + "/" + run.block)).toList();
    }

    private static String perRound(List<Run> list, int rounds) {
        List<String> medians = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            List<Run> ofRound = list.stream().filter(run -> run.round == r).toList();
            if (!ofRound.isEmpty()) {
                medians.add(Markdown.number(median(ofRound, Run::readerPerSecond) / 1e6));
            }
        }
        return String.join(" / ", medians);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return Markdown.median(runs.stream().map(value::applyAsDouble).toList());
    }

    /** The value below which a fraction {@code q} of the values lie (nearest rank). */
    private static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
