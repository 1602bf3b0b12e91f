/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange, asynchronous, bounded two ways: by silence (the read timeout, which the JDK
 * client's own request timeout applies only up to the headers) and by a deadline for the whole
 * exchange, which a server trickling its headers or body cannot stretch. The body is decoded as
 * it arrives and cut at a limit on its decoded size.
 */
final class Transfer {
    /**
     * A complete (or deliberately cut) response.
     *
     * @param body      the decoded body, at most the limit
     * @param wireBytes body bytes received from the network, before decoding
     */
    record Response(int status, HttpHeaders headers, byte[] body, boolean truncated, long wireBytes) {
    }

    /** The fetch's deadline passed during this exchange. */
    static final class DeadlineExceeded extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;
        private final long wireBytes;

        DeadlineExceeded(long wireBytes) {
            super("deadline reached after " + wireBytes + " bytes");
            this.wireBytes = wireBytes;
        }

        /** Body bytes that had arrived when the deadline passed. */
        long wireBytes() {
            return wireBytes;
        }
    }

    private final HttpClient client;
    private final long readTimeoutNanos;
    private final ScheduledExecutorService timer;

    /**
     * @param readTimeout longest silence: from sending the request (connecting included) to the
     *                    response headers, and then between body chunks
     * @param timer       runs the timeout checks
     */
    Transfer(HttpClient client, Duration readTimeout, ScheduledExecutorService timer) {
        this.client = client;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.timer = timer;
    }

    /**
     * Sends {@code request} and reads at most {@code limit} decoded body bytes. The future fails
     * with {@link DeadlineExceeded} when {@code deadline} passes, with another
     * {@link HttpTimeoutException} on a connect timeout or read silence, and with an
     * {@link IOException} on any other transport or decoding failure. Cancelling it aborts the
     * exchange and closes its connection.
     *
     * @param deadline   the {@link System#nanoTime()} by which the whole exchange must end
     * @param responding told when the response headers have arrived
     */
    CompletableFuture<Response> send(HttpRequest request, int limit, long deadline, Runnable responding) {
        final Exchange exchange = new Exchange(deadline, responding);
        final CompletableFuture<Response> result = new CompletableFuture<>();
        try {
            exchange.http = client.sendAsync(request, info -> exchange.body = new BodyCollector(info, limit, exchange));
        } catch (IllegalArgumentException e) { // e.g. a redirect to a URL the client refuses
            return CompletableFuture.failedFuture(
                    new IOException("request refused by the HTTP client: " + describe(e), e));
        }
        exchange.http.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(asIOException(failure));
            } else {
                final BodyCollector.Body body = response.body();
                result.complete(new Response(response.statusCode(), response.headers(), body.data(),
                        body.truncated(), exchange.wireBytes));
            }
        });
        result.whenComplete((response, failure) -> exchange.end(result.isCompletedExceptionally()));
        exchange.watch(result);
        return result;
    }

    /** The state of one exchange, shared by the body, the watchdog and the caller's thread. */
    final class Exchange {
        private final long deadline;
        private final Runnable responding;
        private volatile long lastActivity = System.nanoTime();
        private volatile long wireBytes;
        private volatile boolean headersReceived;
        private volatile CompletableFuture<HttpResponse<BodyCollector.Body>> http;
        private volatile BodyCollector body;
        private volatile ScheduledFuture<?> watchdog;

        Exchange(long deadline, Runnable responding) {
            this.deadline = deadline;
            this.responding = responding;
        }

        /** Headers arrived. */
        void headers() {
            headersReceived = true;
            lastActivity = System.nanoTime();
            responding.run();
        }

        /** Body bytes arrived from the network. */
        void received(long bytes) {
            wireBytes += bytes; // one body callback at a time
            lastActivity = System.nanoTime();
        }

        /** Checks both limits when the next one is due, failing {@code result} when one is passed. */
        private void watch(CompletableFuture<Response> result) {
            final long now = System.nanoTime();
            final long silenceEnds = lastActivity + readTimeoutNanos;
            if (deadline - now <= 0) {
                result.completeExceptionally(new DeadlineExceeded(wireBytes));
            } else if (silenceEnds - now <= 0) {
                result.completeExceptionally(new HttpTimeoutException(headersReceived
                        ? "read timeout: body stalled for " + readTimeoutNanos / 1_000_000 + " ms after "
                                + wireBytes + " bytes"
                        : "read timeout: no response within " + readTimeoutNanos / 1_000_000 + " ms"));
            } else if (!result.isDone()) {
                try {
                    watchdog = timer.schedule(() -> watch(result), Math.min(silenceEnds, deadline) - now,
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    result.completeExceptionally(new IOException("the fetcher was closed"));
                }
            }
        }

        /** Stops the watchdog and, when the caller gave up, the download and its connection. */
        private void end(boolean abort) {
            final ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            if (abort) {
                final BodyCollector b = body;
                if (b != null) {
                    b.abort();
                }
                final CompletableFuture<?> h = http;
                if (h != null) {
                    h.cancel(true); // also aborts an exchange still waiting for its headers
                }
            }
        }
    }

    private static IOException asIOException(Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException io) {
            return io;
        }
        // The client reports some remote trouble (a malformed response) as runtime exceptions.
        return new IOException(describe(cause), cause);
    }

    /** {@code "ConnectException: Connection refused"}; JDK exceptions often have no message. */
    static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
