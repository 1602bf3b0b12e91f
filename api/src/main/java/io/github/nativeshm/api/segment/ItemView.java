package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.Item;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * An item as the API shows it (see docs/api.md): unknown counts and times are null.
 *
 * @param sourceSlot not shown; orders items of equal rank by source
 */
@Introspected
public record ItemView(long id, String source, String sourceName, String title, String url, int rank,
                       @Nullable Long score, @Nullable Long comments, @Nullable String author,
                       @Nullable String published, @Nullable String firstSeen, @Nullable String lastSeen,
                       boolean gone, @com.fasterxml.jackson.annotation.JsonIgnore int sourceSlot) {

    static ItemView of(Item item, String sourceName) {
        return new ItemView(item.id(), item.source(), sourceName, item.title(), item.url(), item.rank(),
                item.score() < 0 ? null : item.score(), item.comments() < 0 ? null : item.comments(),
                item.author().isEmpty() ? null : item.author(), Times.iso(item.publishedMillis()),
                Times.iso(item.firstSeenMillis()), Times.iso(item.lastSeenMillis()), item.gone(), item.sourceSlot());
    }
}
