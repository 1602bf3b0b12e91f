/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.util.Arrays;
import java.util.function.Supplier;

/** The round-trip peers, in report order; {@link #FLOOR} is what the others are divided by. */
enum Peer {
    FLOOR("floor", "raw long in a Segment, VarHandle release/acquire (the floor)", "8 B", true, false,
            RawLongTransport::new),
    FLOOR_64("floor-64", "raw 64-byte message + sequence word in a Segment (the floor for 64 bytes: two cache lines)",
            "64 B", true, false, () -> new RawLongTransport(8)),
    VALUE_COUNT("value-count", "native-shm SharedValue in place, spin on changeCount() then read", "64 B", true, false,
            () -> new ValueTransport(false)),
    VALUE_READ("value-read", "native-shm SharedValue in place, spin on read(SlotReader)", "64 B", true, false,
            () -> new ValueTransport(true)),
    RING("ring", "native-shm EventRing in place (SlotWriter / SlotReader), one ring each way", "64 B", true, false,
            () -> new RingTransport(true)),
    RING_RECORD("ring-record", "native-shm EventRing of records (append(Event), new Event per read)", "64 B", true,
            false, () -> new RingTransport(false)),
    AGRONA("agrona", "Agrona OneToOneRingBuffer over a Segment, one each way", "64 B", true, false,
            AgronaTransport::new),
    TCP("tcp", "loopback TCP (Socket, TCP_NODELAY)", "8 B", false, false, TcpTransport::new),
    UDS("uds", "Unix domain socket (SocketChannel)", "8 B", false, false, UnixSocketTransport::new),
    TCP_BUSY("tcp-busy", "loopback TCP, CPUs kept out of idle (BusyCpus)", "8 B", false, true, TcpTransport::new),
    UDS_BUSY("uds-busy", "Unix domain socket, CPUs kept out of idle (BusyCpus)", "8 B", false, true,
            UnixSocketTransport::new);

    final String id;
    final String description;
    final String payload;
    /** Whether both sides busy-spin (shared memory) rather than block in the kernel (sockets). */
    final boolean spins;
    /** Whether the CPUs are kept out of their idle state while it runs ({@link BusyCpus}). */
    final boolean busyCpus;
    private final Supplier<Transport> transport;

    Peer(String id, String description, String payload, boolean spins, boolean busyCpus, Supplier<Transport> transport) {
        this.id = id;
        this.description = description;
        this.payload = payload;
        this.spins = spins;
        this.busyCpus = busyCpus;
        this.transport = transport;
    }

    Transport newTransport() {
        return transport.get();
    }

    static Peer byId(String id) {
        return Arrays.stream(values()).filter(peer -> peer.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer '" + id + "'; the peers are "
                        + Arrays.toString(Arrays.stream(values()).map(peer -> peer.id).toArray())));
    }
}
