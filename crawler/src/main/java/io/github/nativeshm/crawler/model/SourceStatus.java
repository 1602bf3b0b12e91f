package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * How one source is doing, in slot {@code sourceSlot} of the sources array. Times are
 * milliseconds since 1970 (0 = never).
 *
 * @param outcome    a {@link Outcome} code of the latest crawl
 * @param httpStatus the latest HTTP status (0 = no response)
 * @param error      what went wrong in the latest crawl (empty when it went well)
 */
public record SourceStatus(@Fixed(32) String id, @Fixed(64) String name, @Fixed(8) String kind,
                           @Fixed(256) String url, long lastStartMillis, long lastFinishMillis, int outcome,
                           int httpStatus, @Fixed(256) String error, int itemCount, long nextRunMillis,
                           long durationMillis, long runs, long failures) {
}
