/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One item read from a page or feed. Only the title and the URL are always there; every other
 * field is null when the source does not provide it or provides something unreadable.
 *
 * @param title     the title, whitespace collapsed and trimmed; never blank
 * @param url       absolute, normalised http or https URL (lower-case scheme and host, no default port,
 *                  no dot segments, at least {@code /} as path); the item's identity within a source
 * @param score     points, stars or votes; null if unknown
 * @param comments  number of comments; null if unknown
 * @param author    the author's name; null if unknown
 * @param published when the item was published; null if unknown
 */
public record ExtractedItem(String title, URI url, Long score, Long comments, String author, Instant published) {
    /** @throws IllegalArgumentException if the title is blank or the URL is not absolute */
    public ExtractedItem {
        if (Objects.requireNonNull(title, "title").isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        if (!Objects.requireNonNull(url, "url").isAbsolute()) {
            throw new IllegalArgumentException("url must be absolute, url=" + url);
        }
    }
}
