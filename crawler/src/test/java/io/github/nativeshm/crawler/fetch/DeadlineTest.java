/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** maxFetchTime: a server that trickles can hold a fetch no longer than the deadline. */
class DeadlineTest {
    private static final Duration MAX_FETCH_TIME = Duration.ofMillis(1500);

    private final TestServer server;

    DeadlineTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Silence never exceeds the read timeout here: only the deadline can end these fetches. */
    private static FetchSettings.Builder patient() {
        return TestServer.quickSettings().readTimeout(Duration.ofSeconds(1)).maxFetchTime(MAX_FETCH_TIME);
    }

    @Test
    void tricklingBodyEndsAtTheDeadlineAndFreesTheHostAtOnce() throws Exception {
        final CountDownLatch connectionDropped = new CountDownLatch(1);
        server.route("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            final OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) { // a byte every 100 ms, for up to a minute
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                connectionDropped.countDown(); // the client hung up
            }
        });
        server.route("/next", 200, "next");
        // One request at a time to the host: /next can only start when /trickle lets go of the host.
        try (Fetcher fetcher = new Fetcher(patient().perHostConcurrency(1).retries(3).build())) {
            final long start = System.nanoTime();
            final CompletableFuture<FetchResult> trickle = fetcher.fetchAsync(FetchRequest.of(server.uri("/trickle")));
            awaitHit("/trickle");
            final CompletableFuture<FetchResult> next = fetcher.fetchAsync(FetchRequest.of(server.uri("/next")));

            final FetchResult r = trickle.get(10, TimeUnit.SECONDS);
            final long ended = System.nanoTime();
            assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
            assertTrue(r.message().startsWith("maxFetchTime (1500 ms) reached after 15"), r.message());
            assertTrue(r.message().matches(".*after \\d+ ms of fetching and 1 request, \\d+ body bytes received"),
                    r.message());
            assertTrue(r.elapsed().compareTo(MAX_FETCH_TIME) >= 0 && r.elapsed().toMillis() < 2500, r.toString());
            assertEquals(1, r.attempts(), "the deadline is not retried");

            assertEquals(FetchOutcome.OK, next.get(10, TimeUnit.SECONDS).outcome());
            final long nextStarted = server.hits("/next").get(0).nanoTime();
            assertTrue(nextStarted - ended < TimeUnit.MILLISECONDS.toNanos(500),
                    "the next request to the host started " + (nextStarted - ended) / 1_000_000
                            + " ms after the deadline; it waited " + (ended - start) / 1_000_000 + " ms in all");
            assertTrue(connectionDropped.await(5, TimeUnit.SECONDS), "the trickling connection was closed");
        }
    }

    @Test
    void redirectsThatEachTrickleAreBoundedAsAWhole() throws Exception {
        for (int hop = 0; hop < 5; hop++) {
            final String next = "/hop" + (hop + 1);
            server.route("/hop" + hop, exchange -> {
                exchange.getResponseHeaders().add("Location", next);
                exchange.sendResponseHeaders(302, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 8; i++) { // each hop alone takes 0.8 s: well within the read timeout
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                }
            });
        }
        try (Fetcher fetcher = new Fetcher(patient().build())) {
            final FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/hop0")));
            assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
            assertTrue(r.redirects().size() >= 2, "it followed redirects until the deadline: " + r.redirects());
            assertTrue(r.elapsed().toMillis() < 2500, r.toString());
        }
    }

    @Test
    void tricklingHeadersEndAtTheDeadline() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             // Until the headers are complete nothing counts as progress: a long read timeout leaves it to the deadline.
             Fetcher fetcher = new Fetcher(patient().readTimeout(Duration.ofSeconds(30)).obeyRobots(false)
                     .retries(0).build())) {
            final CompletableFuture<Boolean> hungUp = CompletableFuture.supplyAsync(() -> trickleHeaders(listener));
            final FetchResult r = fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + listener.getLocalPort() + "/"));
            assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
            assertTrue(r.message().startsWith("maxFetchTime (1500 ms) reached"), r.message());
            assertTrue(r.elapsed().toMillis() < 2500, r.toString());
            assertTrue(hungUp.get(5, TimeUnit.SECONDS), "the client closed the connection");
        }
    }

    @Test
    void retriesStopWhenTheBudgetIsSpent() {
        server.route("/down", 503, "try later");
        try (Fetcher fetcher = new Fetcher(patient().retries(10)
                .backoff(Duration.ofMillis(400), Duration.ofMillis(400)).build())) {
            final FetchResult r = fetcher.fetch(FetchRequest.of(server.uri("/down")));
            // The budget ends it one of two ways, depending on the jittered waits: the next wait does
            // not fit (the 503 is kept), or a wait fits but the request after it reaches the deadline.
            if (r.outcome() == FetchOutcome.HTTP_ERROR) {
                assertTrue(r.message().contains("no time left for a retry within maxFetchTime=1500 ms"), r.message());
            } else {
                assertEquals(FetchOutcome.TIMEOUT, r.outcome(), r.toString());
                assertTrue(r.message().contains("maxFetchTime (1500 ms) reached"), r.message());
            }
            assertTrue(r.attempts() < 11 && r.elapsed().toMillis() < 2500, r.toString());
        }
    }

    @Test
    void waitingForTheHostsTurnIsNotTheFetchsTime() throws Exception {
        server.route("/page", 200, "page");
        // Three fetches queue for one host with 1 s between starts: the last waits 2 s, longer than its budget.
        try (Fetcher fetcher = new Fetcher(patient().maxFetchTime(Duration.ofMillis(500))
                .perHostDelay(Duration.ofSeconds(1)).obeyRobots(false).build())) {
            final var fetches = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> fetcher.fetchAsync(FetchRequest.of(server.uri("/page?" + i)))).toList();
            for (CompletableFuture<FetchResult> f : fetches) {
                assertEquals(FetchOutcome.OK, f.get(10, TimeUnit.SECONDS).outcome());
            }
            assertTrue(fetches.get(2).get().queued().toMillis() >= 1900, fetches.get(2).get().toString());
        }
    }

    private void awaitHit(String path) throws InterruptedException {
        for (int i = 0; i < 100 && server.count(path) == 0; i++) {
            Thread.sleep(20);
        }
    }

    /** Accepts one connection and sends a status line, then one header byte every 100 ms; true once the client hangs up. */
    private static boolean trickleHeaders(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            final OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 600; i++) {
                out.write(i % 40 == 39 ? "\r\nX-Slow: " .getBytes(StandardCharsets.US_ASCII) : new byte[] {'a'});
                out.flush();
                Thread.sleep(100);
            }
            return false;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
