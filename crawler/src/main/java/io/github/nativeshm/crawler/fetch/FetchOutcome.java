/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

/** How a fetch ended. Only {@link #OK} and {@link #NOT_MODIFIED} mean the source is healthy. */
public enum FetchOutcome {
    /** A 2xx response; the body is in the result (possibly truncated, see {@link FetchResult#truncated()}). */
    OK,
    /** A 304 to a conditional GET: the content is unchanged, keep what was extracted last time. */
    NOT_MODIFIED,
    /** robots.txt forbids the URL, or robots.txt was unreachable; no request was sent to the page. */
    ROBOTS_DISALLOWED,
    /** A final non-2xx, non-304 status, after any retries; see {@link FetchResult#status()}. */
    HTTP_ERROR,
    /**
     * No connection within the connect timeout or silence longer than the read timeout on the last
     * try, or {@link FetchSettings#maxFetchTime()} ran out (the message says after how long and how
     * many bytes).
     */
    TIMEOUT,
    /** Any other transport failure on the last try: refused, reset, DNS, TLS, a body that cannot be decoded. */
    NETWORK_ERROR,
    /** The redirects came back to a URL already visited, or exceeded the redirect limit. */
    REDIRECT_LOOP,
    /** The fetch was stopped: its caller was interrupted (its interrupt flag is set again) or the fetcher closed. */
    CANCELLED
}
