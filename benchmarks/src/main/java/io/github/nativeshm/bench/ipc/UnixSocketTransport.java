/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Unix domain sockets: a blocking {@link SocketChannel} each side (JDK 16+), 8-byte messages. */
final class UnixSocketTransport implements Transport {
    private Path path;
    private ServerSocketChannel server;

    @Override
    public List<String> prepare() throws IOException {
        path = Files.createTempDirectory("nsb-uds").resolve("socket");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return List.of(path.toString());
    }

    @Override
    public Endpoint parentEndpoint() throws IOException {
        try (ServerSocketChannel listening = server) {
            return new UnixEndpoint(listening.accept());
        }
    }

    @Override
    public Endpoint childEndpoint(List<String> args) throws IOException {
        return new UnixEndpoint(SocketChannel.open(UnixDomainSocketAddress.of(Path.of(args.get(0)))));
    }

    @Override
    public void cleanup() {
        try {
            server.close();
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.getParent());
        } catch (IOException ignored) {
            // a temporary file the OS cleans up eventually
        }
    }

    private static final class UnixEndpoint implements Endpoint {
        private final SocketChannel channel;
        private final ByteBuffer message = ByteBuffer.allocateDirect(Long.BYTES);

        UnixEndpoint(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(long n) throws IOException {
            message.clear();
            message.putLong(0, n);
            while (message.hasRemaining()) {
                channel.write(message);
            }
        }

        @Override
        public long receive() throws IOException {
            message.clear();
            while (message.hasRemaining()) {
                if (channel.read(message) < 0) {
                    throw new EOFException("the other process closed the socket");
                }
            }
            return message.getLong(0);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
