/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.layout.Field;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.SharedArray;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.SharedValue;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The api's view of the crawler's segment: attaches when it appears, re-attaches when the crawler
 * re-creates it (new epoch), and decodes a {@link Snapshot} only when the crawler changed
 * something since the last one (a request costs two change-counter reads when nothing changed),
 * and then only the item slots that changed.
 *
 * <p>It never shows a broken segment: one whose memory faults or that {@link StructuredSegment#damage()}
 * reports truncated, removed or replaced is detached at once (the cause is kept for the status
 * until the crawler has re-created it), one owned by another user is not shown at all, and a
 * single corrupt slot is left out of the snapshot and counted ({@link #omittedSlots()}).
 */
@Singleton
public class CrawlerData implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlerData.class);
    /** How often an attached segment is asked whether it was damaged underneath (an fstat and a stat). */
    private static final long DAMAGE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String segmentName;
    private final SourceHistory sourceHistory;
    private final ItemHistory itemHistory;
    private final ReentrantLock decoding = new ReentrantLock();
    private final DecodedItems decodedItems = new DecodedItems(this);
    private final AtomicLong omittedSlots = new AtomicLong();
    private Attached attached;
    private long damageCheckedNanos;
    /** Why the last segment was let go, while no new one could be attached; null otherwise. */
    private String damage;
    private volatile Cached cached;
    /** Raised when what {@link #itemHistory} remembers changed: the next snapshot is built again. */
    private final AtomicLong remembered = new AtomicLong();

    public CrawlerData(AppSettings settings, SourceHistory sourceHistory, ItemHistory itemHistory) {
        this.segmentName = settings.getSegment();
        this.sourceHistory = sourceHistory;
        this.itemHistory = itemHistory;
    }

    /** The regions of one attached segment. */
    public record Attached(StructuredSegment segment, SharedArray<SourceStatus> sources, SharedArray<Item> items,
                           SharedValue<CrawlerInfo> crawler, EventRing<CrawlEvent> events) {
    }

    /** The name of the crawler's segment. */
    public String segmentName() {
        return segmentName;
    }

    /** How many corrupt slots were left out of what the api showed since it started. */
    public long omittedSlots() {
        return omittedSlots.get();
    }

    /**
     * The segment, attached now if needed.
     *
     * @throws SegmentUnavailableException if there is none yet, or it cannot be used
     */
    public synchronized Attached attached() {
        if (attached != null && intact(attached) && !retired(attached)) {
            return attached;
        }
        detach();
        StructuredSegment segment;
        try {
            segment = StructuredSegment.open(segmentName);
        } catch (SegmentException e) {
            if (damage != null) {
                throw damaged(e);
            }
            if (e.reason() == SegmentException.Reason.NOT_FOUND || e.reason() == SegmentException.Reason.NOT_READY) {
                throw new SegmentUnavailableException(SegmentUnavailableException.Why.NOT_PUBLISHED,
                        "the crawler has not started publishing into segment '" + segmentName + "' yet", e);
            }
            throw SegmentUnavailableException.unreadable(segmentName, e);
        }
        try {
            Optional<String> damaged = segment.damage();
            if (damaged.isPresent()) { // opened before the crawler re-created it
                damage = damaged.get();
                throw damaged(null);
            }
            if (!segment.segment().isOwnedByCurrentUser()) {
                throw new SegmentUnavailableException(SegmentUnavailableException.Why.FOREIGN_OWNER, "segment '"
                        + segmentName + "' is owned by another user, " + segment.segment().owner()
                        + ": its data is not shown (remove it, then the crawler creates its own)", null);
            }
            attached = new Attached(segment, segment.array(CrawlerSegment.SOURCES, SourceStatus.class),
                    segment.array(CrawlerSegment.ITEMS, Item.class),
                    segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class),
                    segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class));
            damage = null;
            damageCheckedNanos = System.nanoTime();
            return attached;
        } catch (SegmentUnavailableException e) {
            segment.close();
            throw e;
        } catch (SegmentException e) {
            segment.close();
            if (damage != null) {
                throw damaged(e);
            }
            throw new SegmentUnavailableException(SegmentUnavailableException.Why.DAMAGED, "segment '" + segmentName
                    + "' is not a crawler segment this api reads: " + e.getMessage(), e);
        }
    }

    /**
     * What to answer when reading {@code from} (null if unknown) failed with {@code failure}: if its
     * memory is gone ({@code FAULT}) the segment is let go, to be attached again once the crawler
     * re-created it.
     */
    public SegmentUnavailableException failed(Attached from, SegmentException failure) {
        if (from != null && failure.reason() == SegmentException.Reason.FAULT) {
            synchronized (this) {
                if (attached == from) {
                    letGo(failure.getMessage());
                }
            }
        }
        return SegmentUnavailableException.unreadable(segmentName, failure);
    }

    /** Whether {@code current} is still what its name refers to, whole; checked every 200 ms at most. */
    private boolean intact(Attached current) {
        if (System.nanoTime() - damageCheckedNanos < DAMAGE_CHECK_NANOS) {
            return true;
        }
        damageCheckedNanos = System.nanoTime();
        Optional<String> found;
        try {
            found = current.segment().damage();
        } catch (SegmentException e) {
            found = Optional.of(e.getMessage());
        }
        found.ifPresent(this::letGo);
        return found.isEmpty();
    }

    /** Whether {@code current} was retired (re-created by the crawler); one that faults counts as damaged. */
    private boolean retired(Attached current) {
        try {
            return current.segment().isRetired();
        } catch (SegmentException e) {
            letGo(e.getMessage());
            return true;
        }
    }

    /** Detaches the damaged segment and keeps why, for the status, until another is attached. */
    private void letGo(String why) {
        damage = why;
        LOG.warn("segment '{}' is damaged ({}): detached until the crawler re-creates it", segmentName, why);
        detach();
    }

    /** The segment is {@link #damage}d; {@code reopening} (null if none) is why it cannot be opened again yet. */
    private SegmentUnavailableException damaged(SegmentException reopening) {
        return new SegmentUnavailableException(SegmentUnavailableException.Why.DAMAGED, "segment '" + segmentName
                + "' is damaged (" + damage + "); waiting for the crawler to re-create it"
                + (reopening == null ? "" : " (" + reopening.getMessage() + ")"), reopening);
    }

    /** Counts one corrupt slot left out. */
    private void omitted(String region, int slot, SegmentException why) {
        long count = omittedSlots.incrementAndGet();
        LOG.warn("segment '{}': slot {} of {} left out ({} so far): {}", segmentName, slot, region, count, why.getMessage());
    }

    /**
     * The latest sources and items, decoded again only if the crawler changed them. While one
     * request decodes a change, the others are answered from the snapshot before it (at most one
     * decode old) rather than wait.
     */
    public Snapshot snapshot() {
        Cached last = cached;
        Attached current = null;
        try {
            if (last != null && last.isCurrent(remembered.get())) {
                return last.snapshot();
            }
            if (last != null && !last.from().segment().isRetired()) {
                if (!decoding.tryLock()) {
                    return last.snapshot();
                }
            } else {
                decoding.lock();
            }
            try {
                current = attached();
                last = cached;
                if (last != null && last.from() == current && last.isCurrent(remembered.get())) {
                    return last.snapshot();
                }
                int sourcesVersion = current.sources().changeCount();
                int itemsVersion = current.items().changeCount();
                long rememberedVersion = remembered.get();
                Snapshot fresh = read(current);
                cached = new Cached(fresh, current, sourcesVersion, itemsVersion, rememberedVersion);
                return fresh;
            } finally {
                decoding.unlock();
            }
        } catch (SegmentException e) {
            throw failed(current != null ? current : last == null ? null : last.from(), e);
        }
    }

    /**
     * The item {@code id} of the source in slot {@code sourceSlot}, read straight from the segment
     * (what an event announces is not in a snapshot yet); null if it is not there (any more).
     */
    public ItemView item(int sourceSlot, long id) {
        Attached current = attached();
        try {
            CrawlerInfo info = current.crawler().read();
            SharedArray<Item> items = current.items();
            if (info == null || sourceSlot < 0 || sourceSlot >= current.sources().capacity()) {
                return null;
            }
            Field idField = items.layout().field("id");
            int first = sourceSlot * info.itemsPerSource();
            for (int slot = Math.max(0, first); slot < Math.min(items.capacity(), first + info.itemsPerSource()); slot++) {
                Long slotId = items.read(slot, (buffer, offset) -> idField.getLong(buffer, offset));
                if (slotId != null && slotId == id) {
                    Item item = items.read(slot);
                    SourceStatus source = current.sources().read(sourceSlot);
                    return item == null || item.id() != id ? null : itemHistory.remembered(source == null
                            ? ItemView.of(item, item.source(), SourceView.DEFAULT_SCORE_UNIT)
                            : ItemView.of(item, source.name(), SourceView.scoreUnit(source)));
                }
            }
            return null;
        } catch (SegmentException e) {
            throw failed(current, e);
        }
    }

    /**
     * Tells that what the item or source history remembers changed: the next {@link #snapshot()}
     * is built again (from the items already decoded), until then requests get the one before.
     */
    public void rememberedChanged() {
        remembered.incrementAndGet();
    }

    /** A snapshot and the change counts of the regions (and history) it was read from. */
    private record Cached(Snapshot snapshot, Attached from, int sourcesVersion, int itemsVersion, long rememberedVersion) {
        boolean isCurrent(long remembered) {
            return !from.segment().isRetired() && from.sources().changeCount() == sourcesVersion
                    && from.items().changeCount() == itemsVersion && rememberedVersion == remembered;
        }
    }

    /** Called with {@link #decoding} held. */
    private Snapshot read(Attached current) {
        CrawlerInfo info = readSlot(CrawlerSegment.CRAWLER, 0, () -> current.crawler().read());
        int capacity = current.sources().capacity();
        int sourceCount = info == null ? capacity : Math.min(info.sourceCount(), capacity); // unreadable: look at all
        List<SourceView> sources = new ArrayList<>(sourceCount);
        Map<Integer, DecodedItems.SourceLabel> labels = new HashMap<>();
        for (int slot = 0; slot < sourceCount; slot++) {
            int index = slot;
            SourceStatus status = readSlot(CrawlerSegment.SOURCES, slot, () -> current.sources().read(index));
            if (status != null && !status.id().isEmpty()) { // an empty id: a slot freed by a removed source
                sources.add(SourceView.of(status, sourceHistory.record(status)));
                labels.put(slot, new DecodedItems.SourceLabel(status.name(), SourceView.scoreUnit(status)));
            }
        }
        List<ItemView> items = decodedItems.update(current, labels).stream().map(itemHistory::remembered).toList();
        return new Snapshot(current.segment().epoch(), sources, items);
    }

    /**
     * Reads slot {@code slot} of region {@code region}; null if it is empty or corrupt (counted). A
     * fault or a closed segment is not about the slot: it is thrown.
     */
    public <T> T readSlot(String region, int slot, Supplier<T> read) {
        try {
            return read.get();
        } catch (SegmentException e) {
            switch (e.reason()) {
                case CORRUPT, TIMEOUT, WRITER_DEAD -> {
                    omitted(region, slot, e);
                    return null;
                }
                default -> throw e;
            }
        }
    }

    private void detach() {
        if (attached != null) {
            attached.segment().close(); // requests still reading it get CLOSED: answered as unavailable
            attached = null;
            cached = null;
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        detach();
    }
}
