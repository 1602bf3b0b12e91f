/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

/** Kinds of {@link CrawlEvent}; {@link #code()} is what {@link CrawlEvent#type()} holds. */
public enum EventType {
    /** An item appeared for the first time. */
    ITEM_NEW,
    /** An item's title, score, comments or rank changed. */
    ITEM_CHANGED,
    /** An item is no longer on its source's page. */
    ITEM_GONE,
    /** A crawl of a source succeeded. */
    CRAWL_OK,
    /** A crawl of a source failed. */
    CRAWL_FAILED;

    /** The code stored in shared memory. */
    public int code() {
        return ordinal();
    }

    /** The type with this code; unknown codes read as {@code null}. */
    public static EventType ofCode(int code) {
        EventType[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
