/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compressed transfers: asked for, decoded as they arrive, and limited by their decoded size. */
class CompressionTest {
    private static final String PAGE = "<html><body>" + "<p>déjà vu, 你好</p>".repeat(500) + "</body></html>";

    private final TestServer server;

    CompressionTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void gzipAndDeflateBodiesAreAskedForAndDecoded() throws Exception {
        final byte[] plain = PAGE.getBytes(StandardCharsets.UTF_8);
        server.route("/gzip", exchange -> TestServer.respond(exchange, 200, ContentDecoderTest.gzip(plain),
                "Content-Encoding", "gzip", "Content-Type", "text/html; charset=utf-8"));
        server.route("/deflate", exchange -> TestServer.respond(exchange, 200, ContentDecoderTest.zlib(plain),
                "Content-Encoding", "deflate", "Content-Type", "text/html; charset=utf-8"));
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().build())) {
            for (String path : new String[] {"/gzip", "/deflate"}) {
                final FetchResult r = fetcher.fetch(FetchRequest.of(server.uri(path)));
                assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
                assertEquals(PAGE, r.text(), path);
                assertTrue(r.wireBytes() > 0 && r.wireBytes() < plain.length / 10,
                        path + " came compressed: " + r.wireBytes() + " bytes on the wire for " + plain.length);
                assertEquals("gzip, deflate", server.hits(path).get(0).headers().getFirst("Accept-Encoding"));
            }
        }
    }

    @Test
    void gzipBombIsCutAtMaxBodySizeAndReported() throws Exception {
        final AtomicLong sent = new AtomicLong();
        final byte[] zeros = new byte[64 * 1024];
        // An endless gzip stream of zeros: about 1 MB of it would expand to 1 GB.
        server.route("/bomb", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            final OutputStream wire = new CountingStream(exchange.getResponseBody(), sent);
            try (GZIPOutputStream out = new GZIPOutputStream(wire, 8192)) {
                for (long written = 0; written < (1L << 30); written += zeros.length) {
                    out.write(zeros);
                }
            } catch (IOException hungUp) {
                // the client stopped reading: expected
            }
        });
        final int limit = 1 << 20;
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().maxBodySize(limit).build())) {
            final FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/bomb")));
            assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
            assertTrue(r.truncated(), r.toString());
            assertEquals(limit, r.body().length);
            assertTrue(r.message().startsWith("body truncated at maxBodySize=1048576 bytes (decoded; "), r.message());
            assertTrue(r.wireBytes() < 256 * 1024, "it stopped reading early: " + r.wireBytes() + " bytes received");
        }
        Thread.sleep(200);
        assertTrue(sent.get() < 64L << 20, "the server could not send the whole bomb: " + sent.get() + " bytes sent");
    }

    @Test
    void corruptGzipIsANetworkErrorThatSaysSo() {
        server.route("/broken", exchange -> TestServer.respond(exchange, 200,
                "<html>not gzip at all</html>".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip"));
        try (Fetcher fetcher = new Fetcher(TestServer.quickSettings().retries(0).build())) {
            final FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/broken")));
            assertEquals(FetchOutcome.NETWORK_ERROR, r.outcome(), r.toString());
            assertTrue(r.message().contains("not gzip data: bad magic 0x3c68"), r.message());
        }
    }

    /** Counts what reaches the network. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private final AtomicLong count;

        CountingStream(OutputStream out, AtomicLong count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
