/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.history.HistoryStore;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.Snapshot.ItemOrder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Where a page of {@code GET /api/items} ended: the order and the last item's position in it
 * (its sort key and id), so the next page starts right after it even when items were added or
 * removed in between. Opaque to clients: base64url of {@code version|sort|key|id}, where the
 * version tells a page of the segment's items ({@code v1}) from one of the history database's
 * ({@code g1}, {@code include=gone}), whose rank keys differ.
 */
record ItemCursor(String version, String sort, String key, long id) {
    private static final String LIVE = "v1";
    private static final String HISTORY = "g1";

    static ItemCursor after(ItemOrder order, ItemView last) {
        return new ItemCursor(LIVE, order.parameter(), order.keyOf(last), last.id());
    }

    static ItemCursor after(HistoryStore.Order order, HistoryStore.ItemRow last) {
        return new ItemCursor(HISTORY, order.parameter(), order.keyOf(last), last.id());
    }

    String encode() {
        String text = version + "|" + sort + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The stand-in item the next page of the segment's items starts after. */
    ItemView probe(ItemOrder order) {
        return order.probe(key, id);
    }

    /**
     * Reads a cursor this API issued for a page of the segment's items in {@code order}.
     *
     * @throws io.micronaut.http.exceptions.HttpStatusException 400 for anything else
     */
    static ItemCursor decode(String cursor, ItemOrder order) {
        return decode(cursor, LIVE, order.parameter(), key -> order.probe(key, 0));
    }

    /**
     * Reads a cursor this API issued for a page with {@code include=gone} in {@code order}.
     *
     * @throws io.micronaut.http.exceptions.HttpStatusException 400 for anything else
     */
    static ItemCursor decode(String cursor, HistoryStore.Order order) {
        return decode(cursor, HISTORY, order.parameter(), order::check);
    }

    private static ItemCursor decode(String cursor, String version, String sort, Consumer<String> checkKey) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw forged(cursor);
        }
        if (parts.length != 4 || !(parts[0].equals(LIVE) || parts[0].equals(HISTORY))) {
            throw forged(cursor);
        }
        if (!parts[0].equals(version)) {
            throw BadRequest.parameter("cursor", cursor, "a nextCursor of a page " + (version.equals(HISTORY)
                    ? "with include=gone" : "without include=gone") + ", as this request is");
        }
        if (!parts[1].equals(sort)) {
            throw BadRequest.parameter("cursor", cursor, "a nextCursor of a page sorted the same way; this one is for sort="
                    + parts[1] + ", not sort=" + sort);
        }
        try {
            ItemCursor decoded = new ItemCursor(version, sort, parts[2], Long.parseLong(parts[3]));
            checkKey.accept(decoded.key());
            return decoded;
        } catch (RuntimeException e) {
            throw forged(cursor);
        }
    }

    private static RuntimeException forged(String cursor) {
        return BadRequest.parameter("cursor", cursor, "the nextCursor value of a previous page, unchanged");
    }
}
