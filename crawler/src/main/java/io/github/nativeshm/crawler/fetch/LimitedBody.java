package io.github.nativeshm.crawler.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit, then cancels the rest of the download: a huge or
 * endless body costs at most {@code limit} bytes of memory and little more of the network.
 * Every arriving chunk is reported to {@link Transfer.Progress} so the read timeout measures
 * silence, not total time.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Bytes> {
    /** What was received, and whether more was refused. */
    record Bytes(byte[] data, boolean truncated) {
    }

    private final int limit;
    private final Transfer.Progress progress;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    LimitedBody(int limit, Transfer.Progress progress) {
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        progress.touch();
        if (result.isDone()) {
            return; // chunks already in flight when we cancelled
        }
        for (ByteBuffer chunk : chunks) {
            final int room = limit - buffer.size();
            final int take = Math.min(room, chunk.remaining());
            final byte[] bytes = new byte[take];
            chunk.get(bytes);
            buffer.write(bytes, 0, take);
            if (chunk.hasRemaining()) {
                subscription.cancel();
                result.complete(new Bytes(buffer.toByteArray(), true));
                return;
            }
        }
        progress.received(buffer.size());
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Bytes(buffer.toByteArray(), false));
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    /** Stops the download (the read timeout fired). */
    void abort() {
        final Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
