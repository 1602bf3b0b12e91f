package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * One crawled item, in slot {@code sourceSlot * perSource + n} of the items array. Times are
 * milliseconds since 1970 (0 = unknown); counts are -1 when the source does not say.
 *
 * @param id          stable across crawls and restarts: a hash of source id and URL
 * @param sourceSlot  the index of the source in the sources array
 * @param rank        1-based position on the source's page in the latest crawl
 * @param gone        the item was missing from the latest crawl
 */
public record Item(long id, int sourceSlot, int rank, @Fixed(32) String source, @Fixed(256) String title,
                   @Fixed(512) String url, long score, long comments, @Fixed(64) String author,
                   long publishedMillis, long firstSeenMillis, long lastSeenMillis, boolean gone) {
}
