/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A second element that belongs to an HTML item, for pages that spread one item over two sibling
 * elements: on Hacker News the title is in {@code tr.athing} and the score, author, age and
 * comment count are in the row right after it. Fields are looked up in the item first, then here.
 *
 * <p>Written {@code next-sibling} (the item's next element sibling) or {@code next-sibling <css>}
 * (the first element matching {@code css} in or at that sibling). jsoup cannot select
 * {@code + tr} relative to an element, hence this explicit form. A sibling that is itself an
 * item is never used as a detail, so an item without its detail row does not steal the next one's.
 *
 * @param within where to look inside the sibling; empty for the sibling itself
 */
public record Detail(Optional<CssQuery> within) {
    /** The one relation supported today. */
    public static final String NEXT_SIBLING = "next-sibling";

    /** Checks for nulls. */
    public Detail {
        Objects.requireNonNull(within, "within");
    }

    /**
     * @param text {@code next-sibling} or {@code next-sibling <css>}
     * @return the detail
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Detail parse(String text) {
        final String trimmed = text.trim();
        if (trimmed.equals(NEXT_SIBLING)) {
            return new Detail(Optional.empty());
        }
        if (trimmed.startsWith(NEXT_SIBLING + " ")) {
            return new Detail(Optional.of(CssQuery.parse(trimmed.substring(NEXT_SIBLING.length()).trim())));
        }
        throw new IllegalArgumentException("invalid detail '" + text
                + "': expected 'next-sibling', optionally followed by a CSS selector");
    }

    @Override
    public String toString() {
        return NEXT_SIBLING + within.map(q -> " " + q.text()).orElse("");
    }
}
