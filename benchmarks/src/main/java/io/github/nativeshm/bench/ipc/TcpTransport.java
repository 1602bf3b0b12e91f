/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** Loopback TCP: a blocking {@link Socket} each side, {@code TCP_NODELAY}, 8-byte messages. */
final class TcpTransport implements Transport {
    private ServerSocket server;

    @Override
    public List<String> prepare() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return List.of(Integer.toString(server.getLocalPort()));
    }

    @Override
    public Endpoint parentEndpoint() throws IOException {
        try (ServerSocket listening = server) {
            return new TcpEndpoint(listening.accept());
        }
    }

    @Override
    public Endpoint childEndpoint(List<String> args) throws IOException {
        return new TcpEndpoint(new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args.get(0))));
    }

    @Override
    public void cleanup() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket that is already closed
        }
    }

    private static final class TcpEndpoint implements Endpoint {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final byte[] message = new byte[Long.BYTES];

        TcpEndpoint(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        @Override
        public void send(long n) throws IOException {
            for (int i = 0; i < Long.BYTES; i++) {
                message[i] = (byte) (n >>> (56 - 8 * i));
            }
            out.write(message);
        }

        @Override
        public long receive() throws IOException {
            return in.readLong();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
