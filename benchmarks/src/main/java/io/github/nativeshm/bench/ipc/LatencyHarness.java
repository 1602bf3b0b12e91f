/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.report.Args;
import io.github.nativeshm.bench.report.Markdown;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cross-process round-trip latency. For every {@link Peer} this process starts a second JVM and
 * plays ping-pong with it over two transports at once, in alternating blocks of
 * {@code --block} round trips: the peer's, and the floor ({@link RawLongTransport}). After a
 * warm-up (at least {@code --warmup} round trips and {@code --warmup-seconds}), it records
 * {@code --samples} timed round trips of each into HdrHistograms (fewer if that takes more than
 * {@code --max-seconds}, which bounds the run on a loaded machine). The measuring threads are
 * pinned to CPU 0 (here) and CPU 1 (the child) for the busy-spinning peers, as one would deploy
 * them, unless {@code --pin false}; socket peers run unpinned, as sockets normally do (pinned, each
 * message costs a cross-CPU wake-up, which on this VM made loopback TCP several times slower).
 * See {@link Affinity}.
 *
 * <p>Why paired: on a virtual machine the cost of moving a cache line between the two vCPUs
 * changes as the host moves them between physical cores — here by 2-4× from one minute to the
 * next. A floor measured in the same two processes, interleaved with the peer block by block,
 * sees the same placement, so that the ratio peer / floor stays meaningful when the absolute
 * numbers move. All peers run in the same run, over {@code --rounds} rounds (a new pair of
 * processes each time); the report merges the rounds.
 *
 * <pre>
 *   java -cp benchmarks.jar io.github.nativeshm.bench.ipc.LatencyHarness \
 *       [--warmup 50000] [--warmup-seconds 2] [--samples 200000] [--max-seconds 10] [--block 2000]
 *       [--rounds 3] [--pin true] [--peers value-count,ring,agrona,tcp] [--out latency.md]
 * </pre>
 */
public final class LatencyHarness {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private LatencyHarness() {
    }

    /** The timed round trips of one peer, and of the floor measured alongside it (null for sockets). */
    record Session(Histogram peer, Histogram floor) {
        /** The peer's percentile over the floor's: its own floor's, else {@code otherwise}'s. */
        double ratio(double percentile, Histogram otherwise) {
            Histogram base = floor != null ? floor : otherwise;
            return base == null ? Double.NaN
                    : (double) peer.getValueAtPercentile(percentile) / base.getValueAtPercentile(percentile);
        }
    }

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments, "warmup", "warmup-seconds", "samples", "max-seconds", "block", "rounds", "pin",
                "peers", "out");
        long warmup = args.getLong("warmup", 50_000);
        Duration warmupTime = Duration.ofSeconds(args.getLong("warmup-seconds", 2));
        long samples = args.getLong("samples", 200_000);
        int block = (int) args.getLong("block", 2000);
        int rounds = (int) args.getLong("rounds", 3);
        Duration maxTime = Duration.ofSeconds(args.getLong("max-seconds", 10));
        boolean pin = Boolean.parseBoolean(args.get("pin", "true")) && Affinity.pin(0) && Affinity.unpin();
        List<Peer> peers = args.get("peers", null) == null
                ? Arrays.stream(Peer.values()).filter(peer -> peer != Peer.FLOOR).toList()
                : Arrays.stream(args.get("peers", "").split(",")).map(Peer::byId).toList();

        Map<Peer, List<Session>> sessions = new EnumMap<>(Peer.class);
        Map<Peer, String> failures = new EnumMap<>(Peer.class);
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < peers.size(); i++) {
                Peer peer = peers.get((i + round - 1) % peers.size()); // rotate, so that no peer always goes first
                if (failures.containsKey(peer)) {
                    continue;
                }
                long began = System.nanoTime();
                try {
                    Session session = run(peer, warmup, warmupTime, samples, maxTime, block, pin && peer.spins);
                    sessions.computeIfAbsent(peer, p -> new ArrayList<>()).add(session);
                    System.out.printf("round %d  %-12s p50 %8.2f µs  p99 %8.2f µs  p99.9 %9.2f µs  max %10.1f µs"
                                    + "%s  (%.1f s)%n",
                            round, peer.id, us(session.peer, 50), us(session.peer, 99),
                            us(session.peer, 99.9), session.peer.getMaxValue() / 1000.0,
                            session.floor == null ? "" : String.format("  | floor p50 %5.2f µs p99 %6.2f µs | p50/floor %5.2f",
                                    us(session.floor, 50), us(session.floor, 99), session.ratio(50, null)),
                            (System.nanoTime() - began) / 1e9);
                } catch (Exception e) {
                    failures.put(peer, e.toString());
                    System.out.printf("round %d  %-12s FAILED: %s%n", round, peer.id, e);
                    e.printStackTrace();
                }
            }
        }
        Markdown targets = targets(sessions);
        String report = report(peers, sessions, failures, warmup, warmupTime, samples, maxTime, block, rounds, pin)
                + "\n" + targets;
        System.out.println(report);
        String out = args.get("out", null);
        Markdown.write(out, report, targets);
        if (out != null) {
            for (Map.Entry<Peer, List<Session>> entry : sessions.entrySet()) {
                Path file = Path.of(out).resolveSibling("latency-" + entry.getKey().id + ".hgrm");
                try (PrintStream print = new PrintStream(file.toFile())) {
                    merge(entry.getValue(), Session::peer).outputPercentileDistribution(print, 1000.0); // in µs
                }
            }
        }
    }

    /**
     * One pair of processes. For a busy-spinning (shared-memory) peer, its transport and the
     * floor's side by side, used in alternating blocks (floor, peer, floor, peer, …) in the
     * warm-up and in the timed part. A socket peer runs alone: interleaved with spinning, its
     * latency changes (the guest kernel's idle and wake-up behaviour adapts to the mix; in a trial
     * here loopback TCP went from about 18 µs to 115 µs at the median), so its ratios are to the
     * floor of the other sessions. The warm-up lasts at least {@code warmup} round trips of each
     * transport and at least {@code warmupTime}, so that both JVMs have compiled their loops (the
     * JIT competes with two spinning processes for the two cores here).
     */
    static Session run(Peer peer, long warmup, Duration warmupTime, long samples, Duration maxTime, int block,
                       boolean pin) throws Exception {
        Transport floorTransport = peer.spins ? new RawLongTransport() : null;
        Transport peerTransport = peer.newTransport();
        try {
            List<String> childArgs = new ArrayList<>(List.of("echo", peer.id, Integer.toString(block)));
            childArgs.addAll(floorTransport == null ? List.of("-") : floorTransport.prepare());
            childArgs.addAll(peerTransport.prepare());
            if (pin) {
                Affinity.pin(0);
            }
            BusyCpus busy = peer.busyCpus ? new BusyCpus() : null;
            try (ChildProcess child = ChildProcess.start(pin ? 1 : -1, pin ? 0 : -1, childArgs)) {
                child.awaitLine("READY", STARTUP);
                Session session = new Session(new Histogram(HIGHEST_NANOS, 3),
                        floorTransport == null ? null : new Histogram(HIGHEST_NANOS, 3));
                try (Endpoint floor = floorTransport == null ? null : floorTransport.parentEndpoint();
                     Endpoint other = peerTransport.parentEndpoint()) {
                    long n = 0;
                    long warmupEnd = System.nanoTime() + warmupTime.toNanos();
                    while (n < (floor == null ? 1 : 2) * warmup || System.nanoTime() - warmupEnd < 0) {
                        if (floor != null) {
                            n = blockOf(floor, n, block, null);
                        }
                        n = blockOf(other, n, block, null);
                    }
                    long deadline = System.nanoTime() + maxTime.toNanos();
                    while (session.peer.getTotalCount() < samples && System.nanoTime() - deadline < 0) {
                        if (floor != null) {
                            n = blockOf(floor, n, block, session.floor);
                        }
                        n = blockOf(other, n, block, session.peer);
                    }
                    (floor == null ? other : floor).send(-1); // the child's cue to stop, where it expects the next turn
                }
                child.awaitExit(STARTUP);
                return session;
            } finally {
                if (busy != null) {
                    busy.close();
                }
            }
        } finally {
            if (pin) {
                Affinity.unpin();
            }
            if (floorTransport != null) {
                floorTransport.cleanup();
            }
            peerTransport.cleanup();
        }
    }

    /** {@code block} round trips numbered from {@code n + 1}, timed into {@code histogram} unless null. */
    private static long blockOf(Endpoint endpoint, long n, int block, Histogram histogram) throws IOException {
        for (int i = 0; i < block; i++) {
            long start = System.nanoTime();
            endpoint.send(++n);
            long back = endpoint.receive();
            long elapsed = System.nanoTime() - start;
            if (back != n) {
                throw new IllegalStateException("sent " + n + ", received " + back);
            }
            if (histogram != null) {
                histogram.recordValue(Math.min(elapsed, HIGHEST_NANOS));
            }
        }
        return n;
    }

    private static String report(List<Peer> peers, Map<Peer, List<Session>> sessions, Map<Peer, String> failures,
                                 long warmup, Duration warmupTime, long samples, Duration maxTime, int block,
                                 int rounds, boolean pinned) {
        Markdown table = new Markdown("peer", "payload", "samples", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
                "p50 / floor", "p99 / floor", "p99.9 / floor", "p50 per round, µs", "p50 / floor per round");
        List<Session> paired = sessions.values().stream().flatMap(List::stream).filter(s -> s.floor != null).toList();
        Histogram floor = paired.isEmpty() ? null : merge(paired, Session::floor);
        if (floor != null) {
            table.row(Peer.FLOOR.description + ", measured alongside each shared-memory peer", Peer.FLOOR.payload,
                    String.format("%,d", floor.getTotalCount()), micros(floor, 50), micros(floor, 99), micros(floor, 99.9),
                    Markdown.number(floor.getMaxValue() / 1000.0), "1×", "1×", "1×", "", "");
        }
        for (Peer peer : peers) {
            List<Session> list = sessions.get(peer);
            if (list == null) {
                table.row(peer.description, peer.payload, "failed", "", "", "", "", "", "", "", "", failures.get(peer));
                continue;
            }
            Histogram h = merge(list, Session::peer);
            Histogram base = peer.spins ? merge(list, Session::floor) : floor;
            table.row(peer.description + (peer.spins ? "" : " ¹"), peer.payload, String.format("%,d", h.getTotalCount()),
                    micros(h, 50), micros(h, 99), micros(h, 99.9), Markdown.number(h.getMaxValue() / 1000.0),
                    ratio(h, base, 50), ratio(h, base, 99), ratio(h, base, 99.9),
                    list.stream().map(s -> micros(s.peer, 50)).collect(Collectors.joining(" / ")),
                    list.stream().map(s -> Markdown.number(s.ratio(50, floor))).collect(Collectors.joining(" / ")));
        }
        return table + "\n" + String.format("Per peer and round: one new pair of processes%s; a warm-up of at least %,d "
                        + "round trips of each transport and %d s; then %,d timed round trips of the peer (or as many as fit in "
                        + "%d s) and as many of the floor, alternating in blocks of %,d. %d rounds; the percentiles merge the "
                        + "rounds. Ratios divide a peer's percentile by that of the floor measured in the same processes.%n%n"
                        + "¹ Sockets run alone, unpinned, and are divided by the floor row: interleaved with busy-spinning, "
                        + "their latency changes (see `LatencyHarness.run`). Plain socket rows take the machine as it is (a "
                        + "vCPU with nothing to run halts, and waking it costs a trip through the hypervisor); \"kept out of "
                        + "idle\" rows run a `nice -n 19` busy loop per CPU, so that no vCPU halts between messages "
                        + "(see `BusyCpus`).%n",
                pinned ? " (shared-memory peers: measuring threads pinned to CPU 0 and CPU 1)" : "", warmup,
                warmupTime.toSeconds(), samples, maxTime.toSeconds(), block, rounds)
                + (failures.isEmpty() ? "" : "\nFailed: " + failures + "\n");
    }

    /**
     * The round-trip targets, from this run: native-shm's p50 within 1.1× the floor and no
     * slower than Agrona's (both compared through their ratio to the floor measured alongside,
     * since the absolute times move with the vCPUs' placement), and at least 15× faster than
     * loopback TCP and Unix domain sockets (their p50 over the shared-memory peer's).
     */
    private static Markdown targets(Map<Peer, List<Session>> sessions) {
        Markdown targets = new Markdown("target", "verdict");
        double agrona = floorRatio(sessions.get(Peer.AGRONA));
        double floor64 = floorRatio(sessions.get(Peer.FLOOR_64));
        for (Peer peer : List.of(Peer.RING, Peer.VALUE_READ)) {
            double ratio = floorRatio(sessions.get(peer));
            if (Double.isNaN(ratio)) {
                continue;
            }
            String name = "round trip p50, `" + peer.id + "`";
            targets.row(name + ", within 1.1× the floor",
                    Markdown.verdict(ratio, ratio <= 1.1, Markdown.ratio(ratio) + " the floor; the raw 64-byte "
                            + "message, two cache lines: " + Markdown.ratio(floor64)));
            targets.row(name + ", no slower than Agrona's",
                    Markdown.verdict(agrona, ratio <= agrona, Markdown.ratio(ratio) + " the floor, Agrona "
                            + Markdown.ratio(agrona)));
            List<String> faster = new ArrayList<>();
            double slowest = Double.NaN;
            for (Peer socket : List.of(Peer.TCP, Peer.UDS, Peer.TCP_BUSY, Peer.UDS_BUSY)) {
                List<Session> socketSessions = sessions.get(socket);
                if (socketSessions != null) {
                    double times = (double) p50(socketSessions) / p50(sessions.get(peer));
                    faster.add(socket.id + " " + Markdown.ratio(times));
                    slowest = Double.isNaN(slowest) ? times : Math.min(slowest, times);
                }
            }
            targets.row(name + ", ≥ 15× faster than loopback TCP and Unix domain sockets (also with CPUs kept out of idle)",
                    Markdown.verdict(slowest, slowest >= 15, String.join(", ", faster)));
        }
        return targets;
    }

    /** The merged p50 of a peer's sessions over that of the floor measured alongside; NaN if none. */
    private static double floorRatio(List<Session> sessions) {
        if (sessions == null || sessions.stream().anyMatch(session -> session.floor == null)) {
            return Double.NaN;
        }
        return (double) p50(sessions) / merge(sessions, Session::floor).getValueAtPercentile(50);
    }

    private static long p50(List<Session> sessions) {
        return merge(sessions, Session::peer).getValueAtPercentile(50);
    }

    private static Histogram merge(List<Session> sessions, Function<Session, Histogram> part) {
        Histogram merged = new Histogram(HIGHEST_NANOS, 3);
        sessions.forEach(session -> merged.add(part.apply(session)));
        return merged;
    }

    /** A percentile in microseconds. */
    private static double us(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A percentile in microseconds, formatted. */
    private static String micros(Histogram histogram, double percentile) {
        return Markdown.number(us(histogram, percentile));
    }

    private static String ratio(Histogram histogram, Histogram floor, double percentile) {
        if (floor == null) {
            return "n/a";
        }
        return Markdown.ratio((double) histogram.getValueAtPercentile(percentile) / floor.getValueAtPercentile(percentile));
    }
}
