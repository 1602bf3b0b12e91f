/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The second process of the cross-process benchmarks, started by the harnesses:
 * <pre>
 *   echo PEER BLOCK FLOOR ARGS...              send back what arrives, in turns of BLOCK messages over the floor's
 *                                              segment FLOOR (- for none) and over PEER's transport, until -1
 *   streams WARMUP BLOCKS RECORDS (ID ARG)...  read one-way streams in the turns of ThroughputHarness, printing
 *                                              "BLOCK stream block delivered lost nanos" for each timed turn
 * </pre>
 * It prints {@code READY} once its end is set up.
 */
public final class Child {
    private Child() {
    }

    public static void main(String[] args) throws Exception {
        Affinity.pinFromProperty();
        switch (args[0]) {
            case "echo" -> echo(Peer.byId(args[1]), Integer.parseInt(args[2]), args[3],
                    Arrays.asList(args).subList(4, args.length));
            case "streams" -> streams(Long.parseLong(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    Arrays.asList(args).subList(4, args.length));
            default -> throw new IllegalArgumentException("unknown role '" + args[0] + "'");
        }
        System.out.flush();
    }

    /** Joins every stream, then reads them in the harness's turns (see {@link ThroughputHarness#inTurns}). */
    private static void streams(long warmup, int blocks, long records, List<String> args) throws Exception {
        List<Stream.Reader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i += 2) {
                readers.add(Stream.byId(args.get(i)).join(args.get(i + 1)));
            }
            System.out.println("READY");
            System.out.flush();
            List<String> lines = new ArrayList<>(); // printed at the end: printing between turns would delay the reader
            ThroughputHarness.inTurns(readers.size(), warmup, blocks, records, (stream, block, from, to) -> {
                Stream.Block seen = readers.get(stream).read(from, to);
                if (block >= 0) {
                    lines.add("BLOCK " + stream + " " + block + " " + seen.delivered() + " " + seen.lost() + " " + seen.nanos());
                }
            });
            lines.forEach(System.out::println);
        } finally {
            readers.forEach(Stream.Reader::close);
        }
    }

    /**
     * Sends back what it receives: {@code block} messages over the floor's transport, then
     * {@code block} over the peer's, and so on, until a -1 arrives (see {@link LatencyHarness});
     * only over the peer's if {@code floorSegment} is {@code -}.
     */
    private static void echo(Peer peer, int block, String floorSegment, List<String> args) throws Exception {
        try (Endpoint floor = floorSegment.equals("-") ? null : new RawLongTransport().childEndpoint(List.of(floorSegment));
             Endpoint other = peer.newTransport().childEndpoint(args)) {
            System.out.println("READY");
            System.out.flush();
            for (long turn = floor == null ? 1 : 0; ; turn++) {
                Endpoint endpoint = floor != null && turn % 2 == 0 ? floor : other;
                for (int i = 0; i < block; i++) {
                    long n = endpoint.receive();
                    if (n < 0) {
                        return;
                    }
                    endpoint.send(n);
                }
            }
        }
    }
}
