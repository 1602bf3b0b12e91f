/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.EventType;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.SharedValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the crawler's segment: its own info, one status per source, the items and the events.
 * On start it attaches to the segment a previous crawler left (same shape) and takes its items
 * back, or re-creates the segment with a new epoch when the configuration changed its shape. Only
 * one thread may publish at a time (the segment has one writer): callers synchronize.
 *
 * <p>Each source has a stable slot in the sources array, by id, and the block of item slots that
 * goes with it; a removed source's slot is emptied and given to the next source added. The array
 * has room for at least {@value #MIN_CAPACITY} sources and twice as many as there are, so that
 * sources added while the crawler runs ({@link #apply}) fit without re-creating the segment; only
 * when they do not is it re-created, larger, and everything published again. A restarted crawler
 * keeps the shape it finds when its sources fit in it, and each source the slot it had.
 *
 * <p>Everything it publishes it also holds (the info, every status, every item), and it never
 * reads its own slots back: the segment is the readers' copy. So a slot someone else corrupted
 * cannot stop it, and a segment truncated, removed or replaced underneath it is re-created and
 * filled again ({@link #repair()}).
 */
final class CrawlPublisher implements AutoCloseable {
    private static final String VERSION = "0.1.0";
    /** The fewest source slots a segment has. */
    static final int MIN_CAPACITY = 16;

    private final String name;
    private SegmentSpec spec;
    private int perSource;
    /** By slot: null where no source is. */
    private ItemTable[] tables;
    private SourceStatus[] statuses;
    private final Map<String, Integer> slotById = new HashMap<>();
    private CrawlerInfo info;
    private StructuredSegment segment;
    private SharedArray<SourceStatus> statusArray;
    private SharedArray<Item> itemArray;
    private EventRing<CrawlEvent> events;
    private SharedValue<CrawlerInfo> infoValue;

    /**
     * @throws io.github.nativeshm.SegmentException when the segment cannot be created or attached
     */
    CrawlPublisher(String segmentName, CrawlerConfig config, String configFile) {
        List<SourceConfig> sources = config.sources();
        this.name = segmentName;
        int capacity = capacityFor(sources.size());
        this.perSource = itemsPerSource(sources, 1);
        int[] found = existingShape(segmentName);
        if (found != null && found[0] >= sources.size() && found[1] >= perSource) {
            capacity = found[0]; // keep the shape, and with it the items a previous crawler left
            perSource = found[1];
        }
        this.spec = CrawlerSegment.spec(capacity, perSource);
        this.tables = new ItemTable[capacity];
        this.statuses = new SourceStatus[capacity];
        bind(StructuredSegment.createOrAttach(segmentName, spec));
        CrawlerInfo before = infoValue.read(); // a previous crawler's: keep its record of commands done
        info = new CrawlerInfo(ProcessHandle.current().pid(), System.currentTimeMillis(), 0, perSource,
                VERSION, configFile, before == null ? 0 : before.commandEpoch(), before == null ? 0 : before.commandsDone());
        SourceStatus[] previous = new SourceStatus[capacity];
        Map<String, Integer> previousSlot = new HashMap<>();
        for (int slot = 0; slot < capacity; slot++) {
            previous[slot] = statusArray.read(slot);
            if (previous[slot] != null) {
                previousSlot.putIfAbsent(previous[slot].id(), slot);
            }
        }
        List<SourceConfig> withoutSlot = new ArrayList<>();
        for (SourceConfig source : sources) {
            Integer slot = previousSlot.get(source.id());
            if (slot == null) {
                withoutSlot.add(source);
            } else {
                slotById.put(source.id(), slot);
            }
        }
        for (SourceConfig source : withoutSlot) {
            slotById.put(source.id(), freeSlot());
        }
        writeInfo(); // before the statuses: readers look at the slots below its count
        for (SourceConfig source : sources) {
            int slot = slotById.get(source.id());
            ItemTable table = new ItemTable(source.id(), slot, slot * perSource, perSource);
            for (int index = slot * perSource; index < (slot + 1) * perSource; index++) {
                Item item = itemArray.read(index);
                if (item != null && !table.restore(index, item)) {
                    itemArray.clear(index); // another source's, left in this slot's block
                }
            }
            tables[slot] = table;
            SourceStatus kept = previous[slot];
            writeStatus(slot, kept != null && kept.id().equals(source.id()) ? configured(kept, source)
                    : pending(source, table.liveCount()));
        }
        for (int slot = 0; slot < capacity; slot++) {
            if (tables[slot] == null && previous[slot] != null) {
                empty(slot); // a source the config no longer has
            }
        }
    }

    /** What changed in {@link #apply}. */
    record Applied(List<String> added, List<String> removed, Optional<String> grown) {
    }

    /**
     * Makes the segment hold {@code sources}: removed ones leave (status and items), changed ones
     * get their new name, kind, URL, score unit and tags (and keep their items and counts), added
     * ones get a free slot and a pending status. Re-creates the segment, larger, when they do not
     * fit (more sources than slots, or a maxItems above the slots each source has).
     */
    Applied apply(List<SourceConfig> sources) {
        // Grown first, so that a segment that cannot grow leaves everything as it was.
        Optional<String> grown = Optional.empty();
        int neededPerSource = itemsPerSource(sources, perSource);
        if (sources.size() > statuses.length || neededPerSource > perSource) {
            grown = Optional.of(grow(capacityFor(sources.size()), neededPerSource));
        }
        Map<String, SourceConfig> byId = new LinkedHashMap<>();
        sources.forEach(source -> byId.put(source.id(), source));
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Integer> held : List.copyOf(slotById.entrySet())) {
            if (!byId.containsKey(held.getKey())) {
                empty(held.getValue());
                slotById.remove(held.getKey());
                removed.add(held.getKey());
            }
        }
        List<String> added = new ArrayList<>();
        for (SourceConfig source : sources) {
            if (!slotById.containsKey(source.id())) {
                int slot = freeSlot();
                slotById.put(source.id(), slot);
                tables[slot] = new ItemTable(source.id(), slot, slot * perSource, perSource);
                added.add(source.id());
            }
        }
        writeInfo(); // before the new statuses: readers look at the slots below its count
        for (SourceConfig source : sources) {
            int slot = slotById.get(source.id());
            SourceStatus now = statuses[slot] == null ? pending(source, 0) : configured(statuses[slot], source);
            if (!now.equals(statuses[slot])) {
                writeStatus(slot, now);
            }
        }
        return new Applied(added, removed, grown);
    }

    /** The slot of source {@code id}; -1 if there is none. */
    int slot(String id) {
        return slotById.getOrDefault(id, -1);
    }

    /** Re-creates the segment with room for {@code capacity} sources of {@code itemsPerSource} items, and fills it. */
    private String grow(int capacity, int itemsPerSource) {
        int before = statuses.length;
        SegmentSpec larger = CrawlerSegment.spec(Math.max(capacity, before), itemsPerSource);
        StructuredSegment old = segment;
        StructuredSegment fresh = StructuredSegment.createOrAttach(name, larger); // retires the old one: readers follow
        spec = larger;
        perSource = itemsPerSource;
        statuses = Arrays.copyOf(statuses, Math.max(capacity, before));
        ItemTable[] moved = new ItemTable[statuses.length];
        for (int slot = 0; slot < tables.length; slot++) {
            if (tables[slot] != null) {
                moved[slot] = tables[slot].movedTo(slot * perSource, perSource);
            }
        }
        tables = moved;
        info = new CrawlerInfo(info.pid(), info.startedMillis(), info.sourceCount(), perSource, info.version(),
                info.configFile(), info.commandEpoch(), info.commandsDone());
        bind(fresh);
        old.close();
        int items = republish();
        return "segment '" + name + "' grown from " + before + " to " + statuses.length + " source slots of "
                + perSource + " items: re-created it (epoch " + segment.epoch() + ") and published again "
                + slotById.size() + " statuses and " + items + " items";
    }

    /** Empties a slot: its status and its items go. */
    private void empty(int slot) {
        statuses[slot] = null;
        statusArray.clear(slot);
        if (tables[slot] != null) {
            for (ItemTable.Change held : tables[slot].all()) {
                itemArray.clear(held.slot());
            }
            tables[slot] = null;
        } else {
            for (int index = slot * perSource; index < (slot + 1) * perSource; index++) {
                if (itemArray.read(index) != null) {
                    itemArray.clear(index);
                }
            }
        }
    }

    /** The lowest slot with no source. */
    private int freeSlot() {
        for (int slot = 0; slot < statuses.length; slot++) {
            if (tables[slot] == null && !slotById.containsValue(slot)) {
                return slot;
            }
        }
        throw new IllegalStateException("no free source slot among " + statuses.length);
    }

    private void writeInfo() {
        int used = 0;
        for (int slot : slotById.values()) {
            used = Math.max(used, slot + 1);
        }
        info = new CrawlerInfo(info.pid(), info.startedMillis(), used, perSource, info.version(), info.configFile(),
                info.commandEpoch(), info.commandsDone());
        infoValue.write(info);
    }

    /** Room for at least {@link #MIN_CAPACITY} sources and twice {@code count}. */
    static int capacityFor(int count) {
        return Math.max(MIN_CAPACITY, 2 * count);
    }

    private static int itemsPerSource(List<SourceConfig> sources, int atLeast) {
        return Math.max(atLeast, sources.stream().mapToInt(SourceConfig::maxItems).max().orElse(1));
    }

    /** The shape (source slots, items per source) of a segment a previous crawler left; null if none is readable. */
    private static int[] existingShape(String name) {
        try (StructuredSegment existing = StructuredSegment.open(name)) {
            CrawlerInfo previous = existing.value(CrawlerSegment.CRAWLER, CrawlerInfo.class).read();
            int capacity = existing.array(CrawlerSegment.SOURCES, SourceStatus.class).capacity();
            return previous == null ? null : new int[] {capacity, previous.itemsPerSource()};
        } catch (RuntimeException e) {
            return null; // none, another layout, or unreadable: the default shape
        }
    }

    private static SourceStatus pending(SourceConfig source, int items) {
        return new SourceStatus(source.id(), source.name(), source.kind().configName(), source.scoreUnit(),
                source.url().toString(), 0, 0, Outcome.PENDING.code(), 0, "", items, 0, 0, 0, 0, 0, 0, 0,
                source.joinedTags());
    }

    /** {@code s} with what the config says of its source (name, kind, URL, score unit, tags). */
    private static SourceStatus configured(SourceStatus s, SourceConfig source) {
        return new SourceStatus(s.id(), source.name(), source.kind().configName(), source.scoreUnit(),
                source.url().toString(), s.lastStartMillis(), s.lastFinishMillis(), s.outcome(), s.httpStatus(),
                s.error(), s.itemCount(), s.nextRunMillis(), s.durationMillis(), s.runs(), s.failures(),
                s.bytesOnWire(), s.bytesDecoded(), s.hostDelayMillis(), source.joinedTags());
    }

    private void bind(StructuredSegment opened) {
        segment = opened;
        statusArray = opened.array(CrawlerSegment.SOURCES, SourceStatus.class);
        itemArray = opened.array(CrawlerSegment.ITEMS, Item.class);
        events = opened.ring(CrawlerSegment.EVENTS, CrawlEvent.class);
        infoValue = opened.value(CrawlerSegment.CRAWLER, CrawlerInfo.class);
    }

    private void writeStatus(int slot, SourceStatus status) {
        statuses[slot] = status;
        statusArray.write(slot, status);
    }

    /** Records when a source will run next. */
    void scheduled(int slot, Instant next) {
        SourceStatus s = statuses[slot];
        writeStatus(slot, new SourceStatus(s.id(), s.name(), s.kind(), s.scoreUnit(), s.url(),
                s.lastStartMillis(), s.lastFinishMillis(), s.outcome(), s.httpStatus(), s.error(), s.itemCount(),
                next.toEpochMilli(), s.durationMillis(), s.runs(), s.failures(), s.bytesOnWire(), s.bytesDecoded(),
                s.hostDelayMillis(), s.tags()));
    }

    /** Publishes a finished crawl: items (when it produced any), status and events. */
    void publish(int slot, CrawlResult result) {
        SourceStatus s = statuses[slot];
        ItemTable table = tables[slot];
        long now = result.finished().toEpochMilli();
        if (result.items() != null) {
            for (ItemTable.Change change : table.merge(result.items(), result.finished())) {
                itemArray.write(change.slot(), change.item());
                if (change.type() != null) {
                    events.append(new CrawlEvent(now, change.type().code(), slot, change.item().id(), s.id(),
                            change.item().title()));
                }
            }
        }
        boolean failed = result.outcome().isFailure();
        CrawlResult.Fetch fetched = result.fetch();
        writeStatus(slot, new SourceStatus(s.id(), s.name(), s.kind(), s.scoreUnit(), s.url(),
                result.started().toEpochMilli(), now, result.outcome().code(), result.httpStatus(), result.message(),
                table.liveCount(), s.nextRunMillis(), result.duration().toMillis(), s.runs() + 1,
                s.failures() + (failed ? 1 : 0), fetched.wireBytes(), fetched.bodyBytes(), fetched.hostDelay().toMillis(),
                s.tags()));
        EventType type = failed ? EventType.CRAWL_FAILED : EventType.CRAWL_OK;
        events.append(new CrawlEvent(now, type.code(), slot, 0, s.id(), result.summary()));
    }

    /** The crawler's own record: which commands it has carried out so far. */
    CrawlerInfo info() {
        return info;
    }

    /** Records that every command of the command segment {@code epoch} before {@code next} is done. */
    void commandsDone(long epoch, long next) {
        CrawlerInfo i = info;
        info = new CrawlerInfo(i.pid(), i.startedMillis(), i.sourceCount(), i.itemsPerSource(), i.version(),
                i.configFile(), epoch, next);
        infoValue.write(info);
    }

    /** Tells readers the crawler is alive. */
    void heartbeat() {
        segment.heartbeat();
    }

    /** Empties slots left odd across two calls: the writer owns its slots (see {@link StructuredSegment#repairStuckSlots()}). */
    int repairStuckSlots() {
        return segment.repairStuckSlots();
    }

    /**
     * When the memory behind the segment is gone (truncated, removed, or its name replaced),
     * re-creates the segment (a new epoch, so readers re-open) and publishes everything again:
     * the info, every status and every item.
     *
     * @return what was wrong and what was done, for the log; empty when the segment is intact
     * @throws io.github.nativeshm.SegmentException when the segment cannot be re-created (the name
     *         now belongs to another live writer or user, no space); the damaged one is kept
     */
    Optional<String> repair() {
        Optional<String> damage = segment.damage();
        if (damage.isEmpty()) {
            return Optional.empty();
        }
        StructuredSegment damaged = segment;
        bind(StructuredSegment.createOrAttach(name, spec));
        damaged.close();
        int items = republish();
        return Optional.of("segment '" + name + "' was " + damage.get() + ": re-created it (epoch " + segment.epoch()
                + ") and published again " + slotById.size() + " statuses and " + items + " items");
    }

    /** Publishes everything held into a new segment: the info, every status and every item; returns the items. */
    private int republish() {
        infoValue.write(info);
        for (int slot = 0; slot < statuses.length; slot++) {
            if (statuses[slot] != null) {
                statusArray.write(slot, statuses[slot]);
            }
        }
        int items = 0;
        for (ItemTable table : tables) {
            if (table != null) {
                for (ItemTable.Change held : table.all()) {
                    itemArray.write(held.slot(), held.item());
                    items++;
                }
            }
        }
        return items;
    }

    /** The items a source currently has, in rank order (for --once --json). */
    List<Item> liveItems(int slot) {
        return tables[slot].live();
    }

    @Override
    public void close() {
        segment.close();
    }
}
