/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The running record of one fetch, turned into its result at the end; also keeps the fetch's
 * time budget ({@link FetchSettings#maxFetchTime()}). One per fetch, used by one step at a time.
 */
final class FetchTrace {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final FetchRequest request;
    private final FetchSettings settings;
    private final long start = System.nanoTime();
    private final List<URI> chain = new ArrayList<>();
    private int attempts;
    private long waitedNanos;
    private long queuedNanos = -1; // until the first turn at a host
    private long deadline;
    private Duration hostDelay = Duration.ZERO;

    FetchTrace(FetchRequest request, FetchSettings settings) {
        this.request = request;
        this.settings = settings;
        chain.add(request.url());
    }

    /**
     * A turn at a host came after {@code nanos} of waiting. The time budget starts with the first
     * turn, and later waits for a turn extend it: politeness is not the fetch's own time.
     */
    void turnTaken(long nanos) {
        waited(nanos);
        final long now = System.nanoTime();
        if (queuedNanos < 0) {
            queuedNanos = now - start;
            deadline = now + settings.maxFetchTime().toNanos();
        } else {
            deadline += nanos;
        }
    }

    /** The {@link System#nanoTime()} by which the fetch must end. */
    long deadline() {
        return deadline;
    }

    /** Whether the budget still has {@code nanos} to spare. */
    boolean hasTimeFor(long nanos) {
        return deadline - System.nanoTime() - nanos > 0;
    }

    /** What a fetch stopped by its deadline reports: how long it ran and what arrived. */
    String outOfTime(long wireBytes) {
        final long ran = settings.maxFetchTime().toNanos() - (deadline - System.nanoTime());
        return "maxFetchTime (" + settings.maxFetchTime().toMillis() + " ms) reached after " + ran / 1_000_000
                + " ms of fetching and " + attempts + (attempts == 1 ? " request" : " requests") + ", "
                + wireBytes + " body bytes received";
    }

    /** The host of the current URL allows a request every {@code delay}. */
    void hostDelay(Duration delay) {
        hostDelay = delay;
    }

    void attempted() {
        attempts++;
    }

    void waited(long nanos) {
        waitedNanos += nanos;
    }

    /** The URL being fetched now. */
    URI current() {
        return chain.get(chain.size() - 1);
    }

    /** Whether {@code next} was visited before in this fetch. */
    boolean visited(URI next) {
        return chain.contains(next);
    }

    int redirectCount() {
        return chain.size() - 1;
    }

    void redirectTo(URI next) {
        chain.add(next);
    }

    /** {@code "http://a/x -> http://a/y -> next"}. */
    String chainTo(URI next) {
        return chain.stream().map(URI::toString).collect(Collectors.joining(" -> ")) + " -> " + next;
    }

    /**
     * The result.
     *
     * @param response the last response, or null when none arrived
     */
    FetchResult finish(FetchOutcome outcome, Transfer.Response response, String message) {
        final HttpHeaders headers = response == null ? NO_HEADERS : response.headers();
        final byte[] body = response == null ? new byte[0] : response.body();
        final long elapsed = System.nanoTime() - start;
        return new FetchResult(request.url(), current(), outcome, response == null ? 0 : response.status(),
                message, headers, body, response != null && response.truncated(),
                response == null ? 0 : response.wireBytes(),
                Charsets.detect(headers.firstValue("Content-Type").orElse(null), body, settings.defaultCharset()),
                validators(outcome, headers), attempts, Duration.ofNanos(elapsed), Duration.ofNanos(waitedNanos),
                Duration.ofNanos(queuedNanos < 0 ? elapsed : queuedNanos), hostDelay, chain);
    }

    private Validators validators(FetchOutcome outcome, HttpHeaders headers) {
        final Validators sent = request.validators();
        final String etag = headers.firstValue("ETag").orElse(null);
        final String lastModified = headers.firstValue("Last-Modified").orElse(null);
        switch (outcome) {
            case OK:
                return new Validators(etag, lastModified);
            case NOT_MODIFIED: // a 304 may refresh the validators or leave them out
                return new Validators(etag != null ? etag : sent.etag(),
                        lastModified != null ? lastModified : sent.lastModified());
            default:
                return sent;
        }
    }
}
