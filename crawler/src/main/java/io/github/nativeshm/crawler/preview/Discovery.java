/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a URL turned out to be, for a new source's first step.
 *
 * @param url   the URL asked for
 * @param kind  the source kind that reads it: {@code html}, {@code rss} (RSS or Atom) or
 *              {@code json}; null when the fetch failed or the content is none of these
 * @param title the page's or feed's title; null when it has none
 * @param feeds the feeds the page advertises with {@code <link rel="alternate">}, absolute, in page order
 * @param fetch how the page was got; {@code fetch.error} says why nothing else is known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Discovery(String url, String kind, String title, List<Feed> feeds, PreviewResult.Fetch fetch) {
    /** Copies the feeds. */
    public Discovery {
        feeds = List.copyOf(feeds);
    }

    /**
     * A feed a page advertises.
     *
     * @param url   absolute URL
     * @param title its {@code title} attribute; null when it has none
     * @param type  its media type, like {@code application/rss+xml}
     * @param kind  the source kind that reads it: {@code rss} or {@code json}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feed(String url, String title, String type, String kind) {
    }
}
