/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body, decoding its {@code Content-Encoding} as the bytes arrive, up to a
 * limit on the decoded size; then cancels the rest of the download. A huge, endless or highly
 * compressed body (a "zip bomb") costs at most {@code limit} bytes of memory and little more of
 * the network.
 */
final class BodyCollector implements HttpResponse.BodySubscriber<BodyCollector.Body> {
    /** What was received, decoded, and whether more was refused. */
    record Body(byte[] data, boolean truncated) {
    }

    private final Transfer.Exchange exchange;
    private final LimitedBuffer decoded;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private ContentDecoder decoder;
    private IOException unreadable;
    private volatile Flow.Subscription subscription;

    BodyCollector(HttpResponse.ResponseInfo info, int limit, Transfer.Exchange exchange) {
        this.exchange = exchange;
        this.decoded = new LimitedBuffer(limit);
        exchange.headers();
        try {
            // The header may come on several lines; together they list the codings in the order applied.
            decoder = ContentDecoder.forEncoding(String.join(",", info.headers().allValues("Content-Encoding")),
                    decoded);
        } catch (IOException e) {
            unreadable = e;
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (unreadable != null) {
            s.cancel();
            result.completeExceptionally(unreadable);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        if (result.isDone()) {
            return; // chunks already in flight when we cancelled
        }
        try {
            for (ByteBuffer chunk : chunks) {
                exchange.received(chunk.remaining());
                if (!decoder.decode(chunk)) {
                    subscription.cancel();
                    finish(true);
                    return;
                }
            }
        } catch (IOException e) {
            subscription.cancel();
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    @Override
    public void onComplete() {
        if (result.isDone()) {
            return;
        }
        try {
            decoder.finish();
            finish(false);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    /**
     * Stops the download (the caller gave up). The decoder is left to the body's own callbacks,
     * which may be running now; if none comes, its memory is reclaimed with it.
     */
    void abort() {
        final Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void finish(boolean truncated) {
        result.complete(new Body(decoded.toByteArray(), truncated));
        release();
    }

    private void fail(Throwable error) {
        result.completeExceptionally(error);
        release();
    }

    private void release() {
        if (decoder != null) {
            decoder.close();
        }
    }

    /** Keeps decoded bytes up to the limit and refuses the rest. */
    private static final class LimitedBuffer extends ByteArrayOutputStream implements ContentDecoder.Sink {
        private final int limit;

        LimitedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized boolean accept(byte[] bytes, int offset, int length) {
            final int room = limit - count;
            write(bytes, offset, Math.min(room, length));
            return length <= room;
        }
    }
}
