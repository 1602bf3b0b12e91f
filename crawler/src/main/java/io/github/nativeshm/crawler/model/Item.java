/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * One crawled item, in slot {@code sourceSlot * perSource + n} of the items array. Times are
 * milliseconds since 1970 (0 = unknown); counts are -1 when the source does not say.
 *
 * <p>Text is UTF-8 in fixed fields. A URL is never stored cut: an item whose URL is longer than
 * {@link #URL_BYTES} is not published at all (the source's status says so). A title longer than
 * {@link #TITLE_BYTES} is cut at a character boundary and {@code titleCut} says so.
 *
 * @param id          stable across crawls and restarts: a hash of source id and URL
 * @param sourceSlot  the index of the source in the sources array
 * @param rank        1-based position on the source's page in the latest crawl
 * @param gone        the item was missing from the latest crawl
 * @param titleCut    the title was longer than {@link #TITLE_BYTES} and is cut at a character boundary
 */
public record Item(long id, int sourceSlot, int rank, @Fixed(32) String source, @Fixed(TITLE_BYTES) String title,
                   @Fixed(URL_BYTES) String url, long score, long comments, @Fixed(AUTHOR_BYTES) String author,
                   long publishedMillis, long firstSeenMillis, long lastSeenMillis, boolean gone, boolean titleCut) {
    /**
     * Bytes of UTF-8 a title keeps: 341 CJK characters, or about 1,000 Latin ones, where Hacker
     * News allows 80 characters and a Wikipedia title is at most 255 bytes.
     */
    public static final int TITLE_BYTES = 1024;
    /**
     * Bytes a URL may have: twice the 2,048 characters sitemaps.org and most browsers' and
     * servers' conventions allow, so that a percent-encoded non-Latin link (up to 9 bytes per
     * CJK character) fits whole.
     */
    public static final int URL_BYTES = 4096;
    /** Bytes of UTF-8 an author's name keeps. */
    public static final int AUTHOR_BYTES = 128;

    /** @return this item marked as missing from the latest crawl, with no rank */
    public Item asGone() {
        return new Item(id, sourceSlot, 0, source, title, url, score, comments, author, publishedMillis,
                firstSeenMillis, lastSeenMillis, true, titleCut);
    }
}
