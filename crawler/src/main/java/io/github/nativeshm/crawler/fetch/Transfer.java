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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a silence timeout and a body limit. The JDK client's own request timeout
 * stops at the response headers; this one also covers a body that stalls halfway.
 */
final class Transfer {
    /** A complete (or deliberately cut) response. */
    record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
    }

    /** When bytes last arrived, so that only silence counts towards the read timeout. */
    static final class Progress {
        private volatile long lastActivity;
        private volatile boolean headersReceived;
        private volatile long bytes;
        private volatile LimitedBody body;

        Progress() {
            touch();
        }

        void touch() {
            lastActivity = System.nanoTime();
        }

        void received(long total) {
            bytes = total;
        }
    }

    private final HttpClient client;
    private final Duration readTimeout;

    /**
     * @param readTimeout longest silence: from sending the request (connecting included) to the
     *                    response headers, and then between body chunks
     */
    Transfer(HttpClient client, Duration readTimeout) {
        this.client = client;
        this.readTimeout = readTimeout;
    }

    /**
     * Sends {@code request} and reads at most {@code limit} body bytes.
     *
     * @throws HttpTimeoutException on a connect timeout or read silence
     * @throws IOException          on any other transport failure
     */
    Response send(HttpRequest request, int limit) throws IOException, InterruptedException {
        final Progress progress = new Progress();
        final CompletableFuture<HttpResponse<LimitedBody.Bytes>> future;
        try {
            future = client.sendAsync(request, info -> {
                progress.headersReceived = true;
                progress.touch();
                final LimitedBody body = new LimitedBody(limit, progress);
                progress.body = body;
                return body;
            });
        } catch (IllegalArgumentException e) {
            throw new IOException("request refused by the HTTP client: " + describe(e), e); // e.g. a redirect URL
        }
        final long readNanos = readTimeout.toNanos();
        while (true) {
            final long left = progress.lastActivity + readNanos - System.nanoTime();
            if (left <= 0) {
                stop(future, progress);
                throw new HttpTimeoutException(progress.headersReceived
                        ? "read timeout: body stalled for " + readTimeout.toMillis() + " ms after "
                                + progress.bytes + " bytes"
                        : "read timeout: no response within " + readTimeout.toMillis() + " ms");
            }
            try {
                final HttpResponse<LimitedBody.Bytes> r = future.get(left, TimeUnit.NANOSECONDS);
                return new Response(r.statusCode(), r.headers(), r.body().data(), r.body().truncated());
            } catch (TimeoutException e) {
                // Not necessarily silent: bytes may have arrived meanwhile; re-check the deadline.
            } catch (InterruptedException e) {
                stop(future, progress);
                throw e;
            } catch (ExecutionException e) {
                throw asIOException(e.getCause());
            }
        }
    }

    private static void stop(CompletableFuture<?> future, Progress progress) {
        final LimitedBody body = progress.body;
        if (body != null) {
            body.abort();
        }
        future.cancel(true);
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
