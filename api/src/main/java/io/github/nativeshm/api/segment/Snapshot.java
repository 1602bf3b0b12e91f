/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sources and items of one moment, decoded once and shared by every request until the
 * crawler changes something. Immutable.
 */
public final class Snapshot {
    private final long epoch;
    private final List<SourceView> sources;
    private final List<ItemView> items;
    private final Map<Long, ItemView> itemsById;
    private final Map<ItemOrder, List<ItemView>> sorted = new EnumMap<>(ItemOrder.class);

    Snapshot(long epoch, List<SourceView> sources, List<ItemView> items) {
        this.epoch = epoch;
        this.sources = List.copyOf(sources);
        this.items = List.copyOf(items);
        this.itemsById = items.stream().collect(Collectors.toUnmodifiableMap(ItemView::id, Function.identity(),
                (first, second) -> first));
        List<ItemView> live = items.stream().filter(item -> !item.gone()).toList();
        for (ItemOrder order : ItemOrder.values()) {
            sorted.put(order, live.stream().sorted(order.comparator()).toList());
        }
    }

    /** The segment's epoch the snapshot was read from. */
    public long epoch() {
        return epoch;
    }

    /** Every source, in the crawler's order. */
    public List<SourceView> sources() {
        return sources;
    }

    /** Every item, gone ones included, in slot order. */
    public List<ItemView> items() {
        return items;
    }

    /** The items that are not gone, in {@code order}. */
    public List<ItemView> live(ItemOrder order) {
        return sorted.getOrDefault(order, Collections.emptyList());
    }

    /** The item with this id, or null. */
    public ItemView item(long id) {
        return itemsById.get(id);
    }

    /** The source with this id, or null. */
    public SourceView source(String id) {
        return sources.stream().filter(source -> source.id().equals(id)).findFirst().orElse(null);
    }

    /** The orders {@code GET /api/items} offers: each a total order, ties broken by id. */
    public enum ItemOrder {
        RANK("rank", Comparator.comparingLong(ItemOrder::rankKey)),
        SCORE("score", Comparator.comparingLong((ItemView item) -> item.score() == null ? -1 : item.score()).reversed()),
        PUBLISHED("published", Comparator.comparing((ItemView item) -> item.published() == null ? "" : item.published())
                .reversed()),
        FIRST_SEEN("firstSeen", Comparator.comparing((ItemView item) -> item.firstSeen() == null ? "" : item.firstSeen())
                .reversed());

        private final String parameter;
        private final Comparator<ItemView> comparator;

        ItemOrder(String parameter, Comparator<ItemView> comparator) {
            this.parameter = parameter;
            this.comparator = comparator.thenComparingLong(ItemView::id);
        }

        /** The value of the {@code sort} parameter. */
        public String parameter() {
            return parameter;
        }

        /** The order items are listed in. */
        public Comparator<ItemView> comparator() {
            return comparator;
        }

        /** The item's position in this order as text, for a cursor; with the id it finds the place again. */
        public String keyOf(ItemView item) {
            return switch (this) {
                case RANK -> Long.toString(rankKey(item));
                case SCORE -> Long.toString(item.score() == null ? -1 : item.score());
                case PUBLISHED -> item.published() == null ? "" : item.published();
                case FIRST_SEEN -> item.firstSeen() == null ? "" : item.firstSeen();
            };
        }

        /**
         * A stand-in item at the position {@link #keyOf} described, to search the order with.
         *
         * @throws IllegalArgumentException if {@code key} is not a key of this order
         */
        public ItemView probe(String key, long id) {
            return switch (this) {
                case RANK -> {
                    long rankKey = Long.parseLong(key);
                    yield new ItemView(id, "", "", "", false, "", (int) (rankKey >>> 16), null, "", null, null, null, null,
                            null, false, null, (int) (rankKey & 0xffff));
                }
                case SCORE -> new ItemView(id, "", "", "", false, "", 0, Long.parseLong(key), "", null, null, null, null, null,
                        false, null, 0);
                case PUBLISHED -> new ItemView(id, "", "", "", false, "", 0, null, "", null, null, key, null, null, false, null, 0);
                case FIRST_SEEN -> new ItemView(id, "", "", "", false, "", 0, null, "", null, null, null, key, null, false, null, 0);
            };
        }

        /** Rank 1 of every source first, then rank 2, and so on: a fair mix of the sources. */
        private static long rankKey(ItemView item) {
            return ((long) item.rank() << 16) | item.sourceSlot();
        }

        /** The order with this parameter value, or null. */
        public static ItemOrder of(String parameter) {
            for (ItemOrder order : values()) {
                if (order.parameter.equals(parameter)) {
                    return order;
                }
            }
            return null;
        }
    }
}
