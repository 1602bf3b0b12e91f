/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.extract.ExtractedItem;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.FieldText;
import io.github.nativeshm.crawler.model.Item;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The items of one source and the block of array slots they live in. Merging a crawl dedupes by
 * URL, keeps first-seen times, marks items that vanished as gone, and gives their slots to new
 * items only when no free slot is left. Titles too long for their field are cut here; URLs too
 * long for theirs never get here (the extractors skip such items and say so).
 */
final class ItemTable {
    /** A slot to rewrite in shared memory, and what to tell readers about it (null type: nothing). */
    record Change(int slot, Item item, EventType type) {
    }

    /** Item ids stay below 2^53 so that JavaScript clients read them exactly. */
    private static final long ID_MASK = (1L << 53) - 1;

    private final String sourceId;
    private final int sourceSlot;
    private final int firstSlot;
    private final Item[] slots;
    private final Map<String, Integer> slotByUrl = new HashMap<>();

    ItemTable(String sourceId, int sourceSlot, int firstSlot, int capacity) {
        this.sourceId = sourceId;
        this.sourceSlot = sourceSlot;
        this.firstSlot = firstSlot;
        this.slots = new Item[capacity];
    }

    /** This table's items in a block of {@code capacity} slots from {@code firstSlot} (at least as large): a grown segment's. */
    ItemTable movedTo(int firstSlot, int capacity) {
        ItemTable moved = new ItemTable(sourceId, sourceSlot, firstSlot, capacity);
        System.arraycopy(slots, 0, moved.slots, 0, slots.length);
        moved.slotByUrl.putAll(slotByUrl);
        return moved;
    }

    /** Takes back an item a previous crawler process published (after a restart); false if it is not this source's. */
    boolean restore(int slot, Item item) {
        if (item != null && item.source().equals(sourceId) && !slotByUrl.containsKey(item.url())) {
            slots[slot - firstSlot] = item;
            slotByUrl.put(item.url(), slot - firstSlot);
            return true;
        }
        return false;
    }

    /** Merges the items of a successful crawl; returns the slots to write, in order. */
    List<Change> merge(List<ExtractedItem> crawled, Instant now) {
        List<Change> changes = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        long millis = now.toEpochMilli();
        int rank = 0;
        for (ExtractedItem extracted : crawled) {
            rank++;
            String url = extracted.url().toString();
            Integer index = slotByUrl.get(url);
            Item old = index == null ? null : slots[index];
            if (index == null) {
                index = freeSlot(seen);
                if (index == null) {
                    continue; // more items than slots: the source's maxItems keeps this from happening
                }
                if (slots[index] != null) {
                    slotByUrl.remove(slots[index].url());
                }
                slotByUrl.put(url, index);
            }
            seen.add(index);
            Item item = toItem(extracted, url, rank, old == null ? millis : old.firstSeenMillis(), millis);
            slots[index] = item;
            EventType type = old == null || old.gone() ? EventType.ITEM_NEW
                    : changed(old, item) ? EventType.ITEM_CHANGED : null;
            changes.add(new Change(firstSlot + index, item, type));
        }
        for (int index = 0; index < slots.length; index++) {
            Item item = slots[index];
            if (item != null && !item.gone() && !seen.contains(index)) {
                Item gone = item.asGone();
                slots[index] = gone;
                changes.add(new Change(firstSlot + index, gone, EventType.ITEM_GONE));
            }
        }
        return changes;
    }

    /** Every item held, with its array slot (no event type): what a re-created segment is filled with. */
    List<Change> all() {
        List<Change> all = new ArrayList<>();
        for (int index = 0; index < slots.length; index++) {
            if (slots[index] != null) {
                all.add(new Change(firstSlot + index, slots[index], null));
            }
        }
        return all;
    }

    /** The items the latest crawl found, in rank order. */
    List<Item> live() {
        List<Item> live = new ArrayList<>();
        for (Item item : slots) {
            if (item != null && !item.gone()) {
                live.add(item);
            }
        }
        live.sort(Comparator.comparingInt(Item::rank));
        return live;
    }

    /** How many items the latest crawl found. */
    int liveCount() {
        int live = 0;
        for (Item item : slots) {
            if (item != null && !item.gone()) {
                live++;
            }
        }
        return live;
    }

    /** An empty slot, else the slot of an item that is gone (oldest last-seen first). */
    private Integer freeSlot(Set<Integer> taken) {
        Integer oldestGone = null;
        for (int index = 0; index < slots.length; index++) {
            if (slots[index] == null) {
                return index;
            }
            boolean reusable = slots[index].gone() && !taken.contains(index);
            if (reusable && (oldestGone == null || slots[index].lastSeenMillis() < slots[oldestGone].lastSeenMillis())) {
                oldestGone = index;
            }
        }
        return oldestGone;
    }

    /** The item as published; a title too long for its field is cut at a character boundary and marked cut. */
    private Item toItem(ExtractedItem extracted, String url, int rank, long firstSeen, long now) {
        final String title = FieldText.cut(extracted.title(), Item.TITLE_BYTES);
        return new Item(itemId(sourceId, url), sourceSlot, rank, sourceId, title, url,
                orUnknown(extracted.score()), orUnknown(extracted.comments()), Objects.toString(extracted.author(), ""),
                extracted.published() == null ? 0 : extracted.published().toEpochMilli(), firstSeen, now, false,
                title.length() < extracted.title().length());
    }

    private static boolean changed(Item old, Item now) {
        return !old.title().equals(now.title()) || old.score() != now.score() || old.comments() != now.comments();
    }

    private static long orUnknown(Long count) {
        return count == null ? -1 : count;
    }

    /** A stable id: FNV-1a 64 of source id and URL, cut to 53 bits. */
    static long itemId(String sourceId, String url) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (sourceId + "\n" + url).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash & ID_MASK;
    }
}
