/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailuresTest {
    private final TestServer server;

    FailuresTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void silentServerTimesOut() {
        server.route("/hang", exchange -> Thread.sleep(10_000));
        try (Fetcher fetcher = new Fetcher(quick().readTimeout(Duration.ofMillis(300)).retries(1).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/hang")));
            assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
            assertEquals("HttpTimeoutException: read timeout: no response within 300 ms (2 tries)", r.message());
            assertEquals(0, r.status());
            assertTrue(r.elapsed().toMillis() < 3000, r.toString());
        }
        assertEquals(2, server.count("/hang"), "a timeout is retried");
    }

    @Test
    void bodyThatStallsHalfwayTimesOut() {
        server.route("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("only the beginning".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(10_000);
        });
        try (Fetcher fetcher = new Fetcher(quick().readTimeout(Duration.ofMillis(300)).retries(0).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/stall")));
            assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
            assertEquals("HttpTimeoutException: read timeout: body stalled for 300 ms after 18 bytes", r.message());
            assertTrue(r.elapsed().toMillis() < 3000, r.toString());
        }
    }

    @Test
    void slowButSteadyBodyIsNotATimeout() {
        server.route("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 6; i++) { // 6 x 150 ms = longer than the read timeout in total
                    out.write('.');
                    out.flush();
                    Thread.sleep(150);
                }
            }
        });
        try (Fetcher fetcher = new Fetcher(quick().readTimeout(Duration.ofMillis(400)).retries(0).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/trickle")));
            assertEquals(FetchOutcome.OK, r.outcome(), r.toString());
            assertEquals("......", r.text());
        }
    }

    @Test
    void refusedConnectionIsANetworkErrorAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Fetcher fetcher = new Fetcher(quick().retries(2).obeyRobots(false).build())) {
            FetchResult r = fetcher.fetch(FetchRequest.of(URI.create("http://127.0.0.1:" + closedPort + "/")));
            assertEquals(FetchOutcome.NETWORK_ERROR, r.outcome(), r.toString());
            assertEquals(3, r.attempts());
            assertTrue(r.message().startsWith("ConnectException") && r.message().endsWith("(3 tries)"), r.message());
        }
    }

    @Test
    void garbageInsteadOfHttpIsANetworkError() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!raw.isClosed()) {
                    try (Socket s = raw.accept()) {
                        s.getOutputStream().write("SSH-2.0-OpenSSH\r\n\u0000\u0001garbage\r\n\r\n".getBytes(
                                StandardCharsets.ISO_8859_1));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            try (Fetcher fetcher = new Fetcher(quick().retries(0).obeyRobots(false).build())) {
                FetchResult r = fetcher.fetch(FetchRequest.of(URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/")));
                assertEquals(FetchOutcome.NETWORK_ERROR, r.outcome(), r.toString());
                assertTrue(r.message() != null && !r.message().isEmpty());
            }
        }
    }

    @Test
    void programmingErrorsDoThrow() {
        Fetcher fetcher = new Fetcher(quick().build());
        fetcher.close();
        assertThrows(IllegalStateException.class, () -> fetcher.fetch(FetchRequest.of(server.uri("/"))));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.of("ftp://example.org/file"));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.of("/relative"));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.of("http://example.org/").withHeader("Host", "x"));
    }

    @Test
    void interruptedFetchIsCancelledAndKeepsTheFlag() throws Exception {
        server.route("/hang", exchange -> Thread.sleep(10_000));
        try (Fetcher fetcher = new Fetcher(quick().obeyRobots(false).build())) {
            FetchResult[] result = new FetchResult[1];
            boolean[] flag = new boolean[1];
            Thread caller = new Thread(() -> {
                result[0] = fetcher.fetch(FetchRequest.of(server.uri("/hang")));
                flag[0] = Thread.currentThread().isInterrupted();
            });
            caller.start();
            Thread.sleep(200);
            caller.interrupt();
            caller.join(2000);
            assertEquals(FetchOutcome.CANCELLED, result[0].outcome(), String.valueOf(result[0]));
            assertTrue(flag[0], "the interrupt flag is set again");
        }
    }

    private static FetchSettings.Builder quick() {
        return TestServer.quickSettings();
    }
}
