package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * How one source is doing, in slot {@code sourceSlot} of the sources array. Times are
 * milliseconds since 1970 (0 = never).
 *
 * @param outcome    a {@link Outcome} code of the latest crawl
 * @param httpStatus the latest HTTP status (0 = no response)
 * @param error      what went wrong in the latest crawl, or notes on it (empty when there is nothing to say)
 * @param bytesOnWire  body bytes the latest response took on the network (compressed or not)
 * @param bytesDecoded body bytes of the latest response after decompression (at most {@code maxBodySize})
 * @param hostDelayMillis least time between two requests to the source's host: {@code perHostDelay},
 *                        or robots.txt's {@code Crawl-delay} when larger (capped by {@code maxCrawlDelay})
 */
public record SourceStatus(@Fixed(32) String id, @Fixed(64) String name, @Fixed(8) String kind,
                           @Fixed(256) String url, long lastStartMillis, long lastFinishMillis, int outcome,
                           int httpStatus, @Fixed(256) String error, int itemCount, long nextRunMillis,
                           long durationMillis, long runs, long failures, long bytesOnWire,
                           long bytesDecoded, long hostDelayMillis) {
}
