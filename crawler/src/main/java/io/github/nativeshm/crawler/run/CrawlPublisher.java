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
import io.github.nativeshm.shared.EventRing;
import io.github.nativeshm.shared.SharedArray;
import io.github.nativeshm.shared.SharedSegment;
import io.github.nativeshm.shared.SharedValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the crawler's segment: its own info, one status per source, the items and the events.
 * On start it attaches to the segment a previous crawler left (same sources and sizes) and takes
 * its items back, or re-creates the segment with a new epoch when the configuration changed its
 * shape. Only one thread may publish at a time (the segment has one writer): callers synchronize.
 */
final class CrawlPublisher implements AutoCloseable {
    private static final String VERSION = "0.1.0";

    private final SharedSegment segment;
    private final SharedArray<SourceStatus> statuses;
    private final SharedArray<Item> items;
    private final EventRing<CrawlEvent> events;
    private final SharedValue<CrawlerInfo> info;
    private final List<ItemTable> tables = new ArrayList<>();

    CrawlPublisher(String segmentName, CrawlerConfig config, String configFile) {
        List<SourceConfig> sources = config.sources();
        int perSource = sources.stream().mapToInt(SourceConfig::maxItems).max().orElse(1);
        this.segment = SharedSegment.createOrAttach(segmentName, CrawlerSegment.spec(sources.size(), perSource));
        this.statuses = segment.array(CrawlerSegment.SOURCES, SourceStatus.class);
        this.items = segment.array(CrawlerSegment.ITEMS, Item.class);
        this.events = segment.ring(CrawlerSegment.EVENTS, CrawlEvent.class);
        this.info = segment.value(CrawlerSegment.CRAWLER, CrawlerInfo.class);
        CrawlerInfo before = info.read(); // a previous crawler's: keep its record of commands done
        info.write(new CrawlerInfo(ProcessHandle.current().pid(), System.currentTimeMillis(), sources.size(), perSource,
                VERSION, configFile, before == null ? 0 : before.commandEpoch(), before == null ? 0 : before.commandsDone()));
        for (int slot = 0; slot < sources.size(); slot++) {
            SourceConfig source = sources.get(slot);
            ItemTable table = new ItemTable(source.id(), slot, slot * perSource, perSource);
            for (int index = slot * perSource; index < (slot + 1) * perSource; index++) {
                table.restore(index, items.read(index));
            }
            tables.add(table);
            SourceStatus previous = statuses.read(slot);
            if (previous == null || !previous.id().equals(source.id())) {
                statuses.write(slot, new SourceStatus(source.id(), source.name(), source.kind().configName(),
                        source.scoreUnit(), source.url().toString(), 0, 0, Outcome.PENDING.code(), 0, "",
                        table.liveCount(), 0, 0, 0, 0, 0, 0, 0));
            }
        }
    }

    /** The status a source had last. */
    SourceStatus status(int slot) {
        return statuses.read(slot);
    }

    /** Records when a source will run next. */
    void scheduled(int slot, Instant next) {
        SourceStatus s = statuses.read(slot);
        statuses.write(slot, new SourceStatus(s.id(), s.name(), s.kind(), s.scoreUnit(), s.url(),
                s.lastStartMillis(), s.lastFinishMillis(), s.outcome(), s.httpStatus(), s.error(), s.itemCount(), next.toEpochMilli(),
                s.durationMillis(), s.runs(), s.failures(), s.bytesOnWire(), s.bytesDecoded(), s.hostDelayMillis()));
    }

    /** Publishes a finished crawl: items (when it produced any), status and events. */
    void publish(int slot, CrawlResult result) {
        SourceStatus s = statuses.read(slot);
        ItemTable table = tables.get(slot);
        long now = result.finished().toEpochMilli();
        if (result.items() != null) {
            for (ItemTable.Change change : table.merge(result.items(), result.finished())) {
                items.write(change.slot(), change.item());
                if (change.type() != null) {
                    events.append(new CrawlEvent(now, change.type().code(), slot, change.item().id(), s.id(),
                            change.item().title()));
                }
            }
        }
        boolean failed = result.outcome().isFailure();
        CrawlResult.Fetch fetched = result.fetch();
        statuses.write(slot, new SourceStatus(s.id(), s.name(), s.kind(), s.scoreUnit(), s.url(),
                result.started().toEpochMilli(), now, result.outcome().code(), result.httpStatus(), result.message(),
                table.liveCount(), s.nextRunMillis(), result.duration().toMillis(), s.runs() + 1,
                s.failures() + (failed ? 1 : 0), fetched.wireBytes(), fetched.bodyBytes(), fetched.hostDelay().toMillis()));
        EventType type = failed ? EventType.CRAWL_FAILED : EventType.CRAWL_OK;
        events.append(new CrawlEvent(now, type.code(), slot, 0, s.id(), result.summary()));
    }

    /** The crawler's own record: which commands it has carried out so far. */
    CrawlerInfo info() {
        return info.read();
    }

    /** Records that every command of the command segment {@code epoch} before {@code next} is done. */
    void commandsDone(long epoch, long next) {
        CrawlerInfo i = info.read();
        info.write(new CrawlerInfo(i.pid(), i.startedMillis(), i.sourceCount(), i.itemsPerSource(), i.version(),
                i.configFile(), epoch, next));
    }

    /** Tells readers the crawler is alive. */
    void heartbeat() {
        segment.heartbeat();
    }

    /** The items a source currently has, in rank order (for --once --json). */
    List<Item> liveItems(int slot) {
        List<Item> live = new ArrayList<>();
        int perSource = items.capacity() / statuses.capacity();
        for (int index = slot * perSource; index < (slot + 1) * perSource; index++) {
            Item item = items.read(index);
            if (item != null && !item.gone()) {
                live.add(item);
            }
        }
        live.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
        return live;
    }

    @Override
    public void close() {
        segment.close();
    }
}
