/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.extract.ExtractedItem;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.Item;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemTableTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private static ExtractedItem item(String path, String title, Long score) {
        return new ExtractedItem(title, URI.create("https://example.com/" + path), score, null, "ann", null);
    }

    private static String events(List<ItemTable.Change> changes) {
        return changes.stream().filter(c -> c.type() != null).map(c -> c.type() + " " + c.item().title())
                .collect(Collectors.joining(", "));
    }

    @Test
    void newChangedGoneAndBackAgain() {
        ItemTable table = new ItemTable("src", 2, 20, 3);
        List<ItemTable.Change> first = table.merge(List.of(item("a", "A", 1L), item("b", "B", 2L)), T0);
        assertEquals("ITEM_NEW A, ITEM_NEW B", events(first));
        assertEquals(List.of(20, 21), first.stream().map(ItemTable.Change::slot).toList(), "the source's block of slots");

        List<ItemTable.Change> second = table.merge(List.of(item("b", "B", 5L), item("a", "A", 1L)), T1);
        assertEquals("ITEM_CHANGED B", events(second), "a new score is a change; a new rank alone is not");
        Item a = second.stream().filter(c -> c.item().title().equals("A")).findFirst().orElseThrow().item();
        assertEquals(2, a.rank());
        assertEquals(T0.toEpochMilli(), a.firstSeenMillis(), "first seen is kept");
        assertEquals(T1.toEpochMilli(), a.lastSeenMillis());

        List<ItemTable.Change> third = table.merge(List.of(item("a", "A", 1L)), T2);
        assertEquals("ITEM_GONE B", events(third));
        assertEquals(1, table.liveCount());

        List<ItemTable.Change> fourth = table.merge(List.of(item("a", "A", 1L), item("b", "B", 5L)), T2);
        assertEquals("ITEM_NEW B", events(fourth), "an item that comes back is new again");
    }

    @Test
    void goneItemsGiveTheirSlotsToNewOnesOnlyWhenNoSlotIsFree() {
        ItemTable table = new ItemTable("src", 0, 0, 2);
        table.merge(List.of(item("a", "A", null), item("b", "B", null)), T0);
        table.merge(List.of(item("b", "B", null)), T1); // A gone, still in its slot
        List<ItemTable.Change> changes = table.merge(List.of(item("b", "B", null), item("c", "C", null)), T2);
        ItemTable.Change c = changes.stream().filter(change -> change.item().title().equals("C")).findFirst().orElseThrow();
        assertEquals(0, c.slot(), "C takes the slot A left");
        assertEquals(EventType.ITEM_NEW, c.type());
        assertEquals(2, table.liveCount());
    }

    @Test
    void restoredItemsAreNotNewAfterARestart() {
        ItemTable before = new ItemTable("src", 0, 0, 2);
        Item published = before.merge(List.of(item("a", "A", 1L)), T0).get(0).item();

        ItemTable after = new ItemTable("src", 0, 0, 2);
        after.restore(0, published);
        after.restore(1, new Item(9, 0, 1, "other-source", "X", "https://x/", 0, 0, "", 0, 0, 0, false, false));
        assertEquals("", events(after.merge(List.of(item("a", "A", 1L)), T1)), "known from the segment");
        assertEquals(1, after.liveCount(), "an item of another source is not taken back");
    }

    @Test
    void idsAreStablePerSourceAndUrlAndSafeForJavaScript() {
        long id = ItemTable.itemId("hn", "https://example.com/a");
        assertEquals(id, ItemTable.itemId("hn", "https://example.com/a"));
        assertNotEquals(id, ItemTable.itemId("lobsters", "https://example.com/a"));
        assertTrue(id >= 0 && id < (1L << 53));
        assertFalse(ItemTable.itemId("hn", "https://example.com/b") == id);
    }
}
