/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How items are read from an HTML page: the {@code selectors:} block of an {@code html} source.
 * {@code item} selects one element per item in the page; every other field is looked up inside
 * that element (then inside its {@link Detail}, if configured).
 *
 * @param item     one element per item
 * @param title    the item's title (text by default)
 * @param link     the item's URL; reads {@code href} unless it names another attribute;
 *                 relative links are resolved against the page URL
 * @param detail   a second element holding more fields, like Hacker News' subtext row
 * @param score    points, stars, votes: the first number in the value ({@code 1,234}, {@code 1.2k})
 * @param comments the comment count, read like {@code score}
 * @param author   the author's name
 * @param time     when the item was published: ISO 8601, RFC 1123 or epoch seconds
 */
public record HtmlSelectors(
        CssQuery item,
        FieldSelector title,
        FieldSelector link,
        Optional<Detail> detail,
        Optional<FieldSelector> score,
        Optional<FieldSelector> comments,
        Optional<FieldSelector> author,
        Optional<FieldSelector> time) {

    /** Checks for nulls and makes {@code link} read {@code href} unless told otherwise. */
    public HtmlSelectors {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(title, "title");
        link = Objects.requireNonNull(link, "link").withDefaultAttribute("href");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(comments, "comments");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(time, "time");
    }
}
