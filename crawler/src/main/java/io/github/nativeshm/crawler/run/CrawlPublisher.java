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
import java.util.List;
import java.util.Optional;

/**
 * Writes the crawler's segment: its own info, one status per source, the items and the events.
 * On start it attaches to the segment a previous crawler left (same sources and sizes) and takes
 * its items back, or re-creates the segment with a new epoch when the configuration changed its
 * shape. Only one thread may publish at a time (the segment has one writer): callers synchronize.
 *
 * <p>Everything it publishes it also holds (the info, every status, every item), and it never
 * reads its own slots back: the segment is the readers' copy. So a slot someone else corrupted
 * cannot stop it, and a segment truncated, removed or replaced underneath it is re-created and
 * filled again ({@link #repair()}).
 */
final class CrawlPublisher implements AutoCloseable {
    private static final String VERSION = "0.1.0";

    private final String name;
    private final SegmentSpec spec;
    private final List<ItemTable> tables = new ArrayList<>();
    private final SourceStatus[] statuses;
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
        int perSource = sources.stream().mapToInt(SourceConfig::maxItems).max().orElse(1);
        this.name = segmentName;
        this.spec = CrawlerSegment.spec(sources.size(), perSource);
        this.statuses = new SourceStatus[sources.size()];
        bind(StructuredSegment.createOrAttach(segmentName, spec));
        CrawlerInfo before = infoValue.read(); // a previous crawler's: keep its record of commands done
        info = new CrawlerInfo(ProcessHandle.current().pid(), System.currentTimeMillis(), sources.size(), perSource,
                VERSION, configFile, before == null ? 0 : before.commandEpoch(), before == null ? 0 : before.commandsDone());
        infoValue.write(info);
        for (int slot = 0; slot < sources.size(); slot++) {
            SourceConfig source = sources.get(slot);
            ItemTable table = new ItemTable(source.id(), slot, slot * perSource, perSource);
            for (int index = slot * perSource; index < (slot + 1) * perSource; index++) {
                table.restore(index, itemArray.read(index));
            }
            tables.add(table);
            SourceStatus previous = statusArray.read(slot);
            writeStatus(slot, previous != null && previous.id().equals(source.id()) ? previous
                    : new SourceStatus(source.id(), source.name(), source.kind().configName(), source.scoreUnit(),
                    source.url().toString(), 0, 0, Outcome.PENDING.code(), 0, "", table.liveCount(), 0, 0, 0, 0, 0,
                    0, 0, source.joinedTags()));
        }
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
        ItemTable table = tables.get(slot);
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
        infoValue.write(info);
        for (int slot = 0; slot < statuses.length; slot++) {
            statusArray.write(slot, statuses[slot]);
        }
        int items = 0;
        for (ItemTable table : tables) {
            for (ItemTable.Change held : table.all()) {
                itemArray.write(held.slot(), held.item());
                items++;
            }
        }
        return Optional.of("segment '" + name + "' was " + damage.get() + ": re-created it (epoch " + segment.epoch()
                + ") and published again " + statuses.length + " statuses and " + items + " items");
    }

    /** The items a source currently has, in rank order (for --once --json). */
    List<Item> liveItems(int slot) {
        return tables.get(slot).live();
    }

    @Override
    public void close() {
        segment.close();
    }
}
