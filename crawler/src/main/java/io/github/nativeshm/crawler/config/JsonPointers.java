/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Objects;
import java.util.Optional;

/**
 * How items are read from a JSON document: the {@code pointers:} block of a {@code json} source,
 * in RFC 6901 JSON Pointer syntax. {@code items} is evaluated on the document ({@code ""} is the
 * document itself) and must reach an array; every other pointer is evaluated on each element.
 *
 * @param items    the array of items
 * @param title    the item's title
 * @param link     the item's URL, resolved against the request URL when relative
 * @param score    a number, or text holding one ({@code "1.2k"})
 * @param comments a number, or text holding one
 * @param author   the author's name
 * @param time     epoch seconds (or milliseconds), or an ISO 8601 / RFC 1123 date
 */
public record JsonPointers(
        JsonPointer items,
        JsonPointer title,
        JsonPointer link,
        Optional<JsonPointer> score,
        Optional<JsonPointer> comments,
        Optional<JsonPointer> author,
        Optional<JsonPointer> time) {

    /** Checks for nulls. */
    public JsonPointers {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(comments, "comments");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(time, "time");
    }

    /**
     * @param text a JSON pointer: empty, or starting with {@code /}
     * @return the compiled pointer
     * @throws IllegalArgumentException {@code invalid JSON pointer '<text>': ...} naming what is allowed
     */
    public static JsonPointer parsePointer(String text) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JSON pointer '" + text
                    + "': must be empty (the whole document) or start with '/', like '/title'");
        }
    }
}
