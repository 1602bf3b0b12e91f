package io.github.nativeshm.crawler.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The running record of one fetch (not thread-safe: one per fetch), turned into its result at the end. */
final class FetchTrace {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final FetchRequest request;
    private final long start = System.nanoTime();
    private final List<URI> chain = new ArrayList<>();
    private int attempts;
    private long waitedNanos;

    FetchTrace(FetchRequest request) {
        this.request = request;
        chain.add(request.url());
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
        return new FetchResult(request.url(), current(), outcome, response == null ? 0 : response.status(),
                message, headers, body, response != null && response.truncated(),
                Charsets.detect(headers.firstValue("Content-Type").orElse(null), body),
                validators(outcome, headers), attempts, Duration.ofNanos(System.nanoTime() - start),
                Duration.ofNanos(waitedNanos), chain);
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
