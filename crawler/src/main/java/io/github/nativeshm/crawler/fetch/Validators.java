/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

/**
 * The cache validators of a response, sent back on the next fetch of the same URL as
 * {@code If-None-Match} and {@code If-Modified-Since} so that an unchanged page costs a 304.
 *
 * @param etag         the {@code ETag} header, verbatim (quotes and {@code W/} included), or null
 * @param lastModified the {@code Last-Modified} header, verbatim, or null
 */
public record Validators(String etag, String lastModified) {
    /** No validators: an unconditional GET. */
    public static final Validators NONE = new Validators(null, null);

    /** Whether there is nothing to send. */
    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
