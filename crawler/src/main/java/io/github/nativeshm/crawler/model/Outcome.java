/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

/** The outcome of one crawl of a source; {@link #code()} is what {@link SourceStatus#outcome()} holds. */
public enum Outcome {
    /** Not crawled yet. */
    PENDING,
    /** Fetched and extracted. */
    OK,
    /** The server said nothing changed (304): the items are kept. */
    NOT_MODIFIED,
    /** robots.txt disallows the URL. */
    ROBOTS_DISALLOWED,
    /** The server answered with an error status after the retries. */
    HTTP_ERROR,
    /** No answer in time. */
    TIMEOUT,
    /** Connection refused, DNS failure, TLS failure and the like. */
    NETWORK_ERROR,
    /** Redirects went round in a loop or were too many. */
    REDIRECT_LOOP,
    /** The body could not be turned into items. */
    PARSE_ERROR;

    /** The code stored in shared memory. */
    public int code() {
        return ordinal();
    }

    /** Whether this outcome counts as a failure of the source. */
    public boolean isFailure() {
        return this != PENDING && this != OK && this != NOT_MODIFIED;
    }

    /** The outcome with this code; unknown codes (a newer crawler) read as {@code null}. */
    public static Outcome ofCode(int code) {
        Outcome[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
