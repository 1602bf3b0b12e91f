package io.github.nativeshm.bench.ipc;

import java.util.Arrays;
import java.util.List;

/**
 * The second process of the cross-process benchmarks, started by the harnesses:
 * <pre>
 *   echo PEER BLOCK FLOOR ARGS...              send back what arrives, in turns of BLOCK messages over the floor's
 *                                              segment FLOOR (- for none) and over PEER's transport, until -1
 *   stream RING WARMUP MEASURED ARGS...        read a one-way stream, print its RESULT line
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
            case "stream" -> {
                Stream stream = Stream.byId(args[1]);
                long warmup = Long.parseLong(args[2]);
                long measured = Long.parseLong(args[3]);
                System.out.println(stream.read(args[4], warmup, measured, () -> System.out.println("READY")).toLine());
            }
            default -> throw new IllegalArgumentException("unknown role '" + args[0] + "'");
        }
        System.out.flush();
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
