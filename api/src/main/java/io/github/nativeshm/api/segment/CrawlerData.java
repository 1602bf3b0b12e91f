package io.github.nativeshm.api.segment;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.crawler.model.CrawlerSegment;
import io.github.nativeshm.crawler.model.Item;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.github.nativeshm.layout.Field;
import io.github.nativeshm.shared.EventRing;
import io.github.nativeshm.shared.SharedArray;
import io.github.nativeshm.shared.SharedSegment;
import io.github.nativeshm.shared.SharedValue;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The api's view of the crawler's segment: attaches when it appears, re-attaches when the crawler
 * re-creates it (new epoch), and decodes a {@link Snapshot} only when the crawler changed
 * something since the last one (a request costs two change-counter reads when nothing changed),
 * and then only the item slots that changed.
 */
@Singleton
public class CrawlerData implements AutoCloseable {
    private final String segmentName;
    private final SourceHistory sourceHistory;
    private final ItemHistory itemHistory;
    private final ReentrantLock decoding = new ReentrantLock();
    private final DecodedItems decodedItems = new DecodedItems();
    private Attached attached;
    private volatile Cached cached;
    /** Raised when what {@link #itemHistory} remembers changed: the next snapshot is built again. */
    private final AtomicLong remembered = new AtomicLong();

    public CrawlerData(AppSettings settings, SourceHistory sourceHistory, ItemHistory itemHistory) {
        this.segmentName = settings.getSegment();
        this.sourceHistory = sourceHistory;
        this.itemHistory = itemHistory;
    }

    /** The regions of one attached segment. */
    public record Attached(SharedSegment segment, SharedArray<SourceStatus> sources, SharedArray<Item> items,
                           SharedValue<CrawlerInfo> crawler, EventRing<CrawlEvent> events) {
    }

    /** The name of the crawler's segment. */
    public String segmentName() {
        return segmentName;
    }

    /**
     * The segment, attached now if needed.
     *
     * @throws SegmentUnavailableException if there is none yet, or it cannot be used
     */
    public synchronized Attached attached() {
        if (attached != null && !attached.segment().isRetired()) {
            return attached;
        }
        detach();
        SharedSegment segment;
        try {
            segment = SharedSegment.open(segmentName);
        } catch (SegmentException e) {
            throw new SegmentUnavailableException(switch (e.reason()) {
                case NOT_FOUND, NOT_READY -> "the crawler has not started publishing into segment '" + segmentName + "' yet";
                default -> "segment '" + segmentName + "' cannot be read: " + e.getMessage();
            }, e);
        }
        try {
            attached = new Attached(segment, segment.array(CrawlerSegment.SOURCES, SourceStatus.class),
                    segment.array(CrawlerSegment.ITEMS, Item.class),
                    segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class),
                    segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class));
            return attached;
        } catch (SegmentException e) {
            segment.close();
            throw new SegmentUnavailableException("segment '" + segmentName + "' is not a crawler segment this api reads: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The latest sources and items, decoded again only if the crawler changed them. While one
     * request decodes a change, the others are answered from the snapshot before it (at most one
     * decode old) rather than wait.
     */
    public Snapshot snapshot() {
        Cached last = cached;
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
            Attached current = attached();
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
        } catch (SegmentException e) {
            throw SegmentUnavailableException.unreadable(segmentName, e);
        } finally {
            decoding.unlock();
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
            throw SegmentUnavailableException.unreadable(segmentName, e);
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
        CrawlerInfo info = current.crawler().read();
        int sourceCount = info == null ? 0 : Math.min(info.sourceCount(), current.sources().capacity());
        List<SourceView> sources = new ArrayList<>(sourceCount);
        Map<Integer, DecodedItems.SourceLabel> labels = new HashMap<>();
        for (int slot = 0; slot < sourceCount; slot++) {
            SourceStatus status = current.sources().read(slot);
            if (status != null) {
                sources.add(SourceView.of(status, sourceHistory.record(status)));
                labels.put(slot, new DecodedItems.SourceLabel(status.name(), SourceView.scoreUnit(status)));
            }
        }
        List<ItemView> items = decodedItems.update(current, labels).stream().map(itemHistory::remembered).toList();
        return new Snapshot(current.segment().epoch(), sources, items);
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
