/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.IOException;

/**
 * One process's side of a ping-pong: it sends numbers and receives the other side's. The parent
 * sends 1, 2, 3, … and expects each back; the child sends back whatever it receives, until it
 * receives -1.
 */
interface Endpoint extends AutoCloseable {
    /** Sends message {@code n}. */
    void send(long n) throws IOException;

    /** Busy-waits (shared memory) or blocks (sockets) for the next message, and returns it. */
    long receive() throws IOException;

    @Override
    void close() throws IOException;
}
