/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything known about one fetch, whatever its outcome: remote failures are results, never
 * exceptions.
 *
 * @param url        the URL asked for
 * @param finalUrl   the URL of the last response, after redirects ({@code url} when none)
 * @param outcome    how it ended
 * @param status     the last HTTP status, or 0 when no response arrived
 * @param message    what went wrong or what to know (a truncation, a Retry-After over the cap),
 *                   naming the values involved; null when there is nothing to say
 * @param headers    the last response's headers (empty when none)
 * @param body       the last response's body, at most {@link FetchSettings#maxBodyBytes()} bytes
 *                   (error pages included); empty when none. Not copied: do not modify
 * @param truncated  whether the body was cut at the limit
 * @param wireBytes  body bytes of the last response as they came over the network (compressed or not);
 *                   {@code body} holds them decoded
 * @param charset    the body's charset, see {@link Charsets#detect(String, byte[], Charset)}
 * @param validators what to send next time: this response's {@code ETag}/{@code Last-Modified}
 *                   when it is a 2xx or 304 that has them, else the ones that were sent
 * @param attempts   HTTP requests sent for the page (retries and redirect hops; not robots.txt)
 * @param elapsed    wall time of the whole fetch, waits included
 * @param waited     part of {@code elapsed} spent waiting: per-host delay and concurrency,
 *                   back-off, Retry-After, and the robots.txt fetch
 * @param queued     part of {@code waited} before the first request was sent (robots.txt and
 *                   the first turn at the host); all of {@code elapsed} when none was sent
 * @param hostDelay  the least time between two requests to the last URL's host when the fetch
 *                   ended: {@code perHostDelay}, or robots.txt's {@code Crawl-delay} when larger
 * @param redirects  the URLs requested in order, starting with {@code url}
 */
public record FetchResult(
        URI url,
        URI finalUrl,
        FetchOutcome outcome,
        int status,
        String message,
        HttpHeaders headers,
        byte[] body,
        boolean truncated,
        long wireBytes,
        Charset charset,
        Validators validators,
        int attempts,
        Duration elapsed,
        Duration waited,
        Duration queued,
        Duration hostDelay,
        List<URI> redirects) {

    /** Checks that nothing is missing and copies the redirect list. */
    public FetchResult {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(hostDelay, "hostDelay");
        redirects = List.copyOf(redirects);
    }

    /** Whether the source is healthy: {@link FetchOutcome#OK} or {@link FetchOutcome#NOT_MODIFIED}. */
    public boolean isSuccess() {
        return outcome == FetchOutcome.OK || outcome == FetchOutcome.NOT_MODIFIED;
    }

    /** The body decoded with {@link #charset()}, without a byte order mark. */
    public String text() {
        return Charsets.decode(body, charset);
    }

    /** The {@code Content-Type} header, or null. */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse(null);
    }

    /** One line for logs and status pages: outcome, status, URL, attempts, time and message. */
    @Override
    public String toString() {
        return outcome + (status > 0 ? " " + status : "") + " " + finalUrl + " (" + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ", " + elapsed.toMillis() + " ms, " + body.length + " bytes"
                + (wireBytes != body.length ? " (" + wireBytes + " on the wire)" : "")
                + (truncated ? " truncated" : "") + ")" + (message == null ? "" : ": " + message);
    }
}
