/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.structured.SharedArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The items array as last decoded, slot by slot, with each slot's version: a new snapshot decodes
 * only the slots the crawler wrote since (one crawl rewrites a few of them). Not thread-safe:
 * {@link CrawlerData} uses it under its decoding lock.
 */
final class DecodedItems {
    private static final long UNKNOWN = -1;

    private final CrawlerData data;
    private CrawlerData.Attached from;
    private Map<Integer, SourceLabel> sourceLabels;
    private long[] versions = new long[0];
    private ItemView[] views = new ItemView[0];

    /** What an item shows of its source. */
    record SourceLabel(String name, String scoreUnit) {
    }

    /** Decodes for {@code data}, which counts the corrupt slots left out. */
    DecodedItems(CrawlerData data) {
        this.data = data;
    }

    /** Every item now in {@code current}'s items array, in slot order; {@code labels} by source slot. */
    List<ItemView> update(CrawlerData.Attached current, Map<Integer, SourceLabel> labels) {
        SharedArray<Item> items = current.items();
        if (from != current || !labels.equals(sourceLabels)) { // another segment, or renamed sources
            from = current;
            sourceLabels = Map.copyOf(labels);
            versions = new long[items.capacity()];
            Arrays.fill(versions, UNKNOWN);
            views = new ItemView[items.capacity()];
        }
        List<ItemView> all = new ArrayList<>();
        for (int slot = 0; slot < versions.length; slot++) {
            long version = items.version(slot);
            if (version != versions[slot]) {
                // A write after the version was read is caught next time; a corrupt slot is left out.
                int index = slot;
                Item item = data.readSlot(CrawlerSegment.ITEMS, slot, () -> items.read(index));
                SourceLabel label = item == null ? null : labels.get(item.sourceSlot());
                views[slot] = item == null ? null : label == null ? ItemView.of(item, item.source(), SourceView.DEFAULT_SCORE_UNIT)
                        : ItemView.of(item, label.name(), label.scoreUnit());
                versions[slot] = (version & 1) == 0 ? version : UNKNOWN; // odd: the writer was inside it
            }
            if (views[slot] != null) {
                all.add(views[slot]);
            }
        }
        return all;
    }
}
