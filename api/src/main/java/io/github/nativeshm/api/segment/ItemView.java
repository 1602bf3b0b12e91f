/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.Item;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * An item as the API shows it (see docs/api.md): unknown counts and times are null.
 *
 * @param titleCut   the crawler cut the title to fit its slot
 * @param scoreUnit  what the score counts ("points", "stars", ...): the source's {@code scoreUnit}
 * @param goneSince  when it was first missing from its source's page (null while it is there)
 * @param sourceSlot not shown; orders items of equal rank by source
 */
@Introspected
public record ItemView(long id, String source, String sourceName, String title, boolean titleCut, String url, int rank,
                       @Nullable Long score, String scoreUnit, @Nullable Long comments, @Nullable String author,
                       @Nullable String published, @Nullable String firstSeen, @Nullable String lastSeen,
                       boolean gone, @Nullable String goneSince, @com.fasterxml.jackson.annotation.JsonIgnore int sourceSlot) {

    static ItemView of(Item item, String sourceName, String scoreUnit) {
        return new ItemView(item.id(), item.source(), sourceName, item.title(), item.titleCut(), item.url(), item.rank(),
                item.score() < 0 ? null : item.score(), scoreUnit, item.comments() < 0 ? null : item.comments(),
                item.author().isEmpty() ? null : item.author(), Times.iso(item.publishedMillis()),
                Times.iso(item.firstSeenMillis()), Times.iso(item.lastSeenMillis()), item.gone(), null, item.sourceSlot());
    }

    /** This item with another first-seen time and gone-since time. */
    public ItemView withTimes(@Nullable String firstSeen, @Nullable String goneSince) {
        return new ItemView(id, source, sourceName, title, titleCut, url, rank, score, scoreUnit, comments, author,
                published, firstSeen, lastSeen, gone, goneSince, sourceSlot);
    }
}
