package io.github.nativeshm.api.web;

import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.Snapshot.ItemOrder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of {@code GET /api/items} ended: the order and the last item's position in it
 * (its sort key and id), so the next page starts right after it even when items were added or
 * removed in between. Opaque to clients: base64url of {@code v1|sort|key|id}.
 */
record ItemCursor(ItemOrder order, String key, long id) {
    private static final String VERSION = "v1";

    static ItemCursor after(ItemOrder order, ItemView last) {
        return new ItemCursor(order, order.keyOf(last), last.id());
    }

    String encode() {
        String text = VERSION + "|" + order.parameter() + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The stand-in item the next page starts after. */
    ItemView probe() {
        return order.probe(key, id);
    }

    /**
     * Reads a cursor this API issued for {@code order}.
     *
     * @throws io.micronaut.http.exceptions.HttpStatusException 400 for anything else
     */
    static ItemCursor decode(String cursor, ItemOrder order) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw forged(cursor);
        }
        if (parts.length != 4 || !parts[0].equals(VERSION) || ItemOrder.of(parts[1]) == null) {
            throw forged(cursor);
        }
        if (ItemOrder.of(parts[1]) != order) {
            throw BadRequest.parameter("cursor", cursor, "a nextCursor of a page sorted the same way; this one is for sort="
                    + parts[1] + ", not sort=" + order.parameter());
        }
        try {
            ItemCursor decoded = new ItemCursor(order, parts[2], Long.parseLong(parts[3]));
            decoded.probe(); // checks the key's form
            return decoded;
        } catch (IllegalArgumentException e) {
            throw forged(cursor);
        }
    }

    private static RuntimeException forged(String cursor) {
        return BadRequest.parameter("cursor", cursor, "the nextCursor value of a previous page, unchanged");
    }
}
