/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.events;

import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.ItemView;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.crawler.model.CrawlEvent;
import io.github.nativeshm.crawler.model.EventType;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;

import java.time.Instant;
import java.util.Locale;

/** Crawl events as server-sent events (see docs/api.md). */
final class EventMessages {
    private EventMessages() {
    }

    /** The data of an event; {@code item} is set for item events while the item is still there. */
    @Introspected
    public record Data(long seq, String time, String type, String source, long itemId, String text,
                       @Nullable ItemView item) {
    }

    static Event<Data> of(EventId id, EventType type, CrawlEvent event, CrawlerData data) {
        String name = type == null ? "unknown" : type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        ItemView item = event.itemId() == 0 ? null : item(data, event.sourceSlot(), event.itemId());
        return Event.of(new Data(id.sequence(), Instant.ofEpochMilli(event.timeMillis()).toString(), name,
                event.source(), event.itemId(), event.text(), item)).id(id.format()).name(name);
    }

    private static ItemView item(CrawlerData data, int sourceSlot, long id) {
        try {
            return data.item(sourceSlot, id);
        } catch (SegmentUnavailableException e) {
            return null;
        }
    }
}
