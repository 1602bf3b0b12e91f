/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * How one source is doing, in slot {@code sourceSlot} of the sources array. Times are
 * milliseconds since 1970 (0 = never).
 *
 * @param scoreUnit  what the source's scores count, like {@code points} or {@code stars} (the
 *                   config's {@code scoreUnit}; {@code score} by default), so that readers do not
 *                   compare stars with points
 * @param url        the URL crawled; config validation keeps it within {@link #URL_BYTES}
 * @param outcome    a {@link Outcome} code of the latest crawl
 * @param httpStatus the latest HTTP status (0 = no response)
 * @param error      what went wrong in the latest crawl, or notes on it (empty when there is nothing to
 *                   say); cut at a character boundary to {@link #ERROR_BYTES}
 * @param bytesOnWire  body bytes the latest response took on the network (compressed or not)
 * @param bytesDecoded body bytes of the latest response after decompression (at most {@code maxBodySize})
 * @param hostDelayMillis least time between two requests to the source's host: {@code perHostDelay},
 *                        or robots.txt's {@code Crawl-delay} when larger (capped by {@code maxCrawlDelay})
 * @param tags       the source's tags joined with commas (tags have none), in config order; empty when
 *                   it has none. {@link #TAGS_BYTES} holds the most the config allows: 8 tags of 32
 *                   characters of up to 4 bytes each, 7 commas and a NUL
 */
public record SourceStatus(@Fixed(32) String id, @Fixed(64) String name, @Fixed(8) String kind,
                           @Fixed(SCORE_UNIT_BYTES) String scoreUnit, @Fixed(URL_BYTES) String url,
                           long lastStartMillis, long lastFinishMillis, int outcome, int httpStatus,
                           @Fixed(ERROR_BYTES) String error, int itemCount, long nextRunMillis, long durationMillis,
                           long runs, long failures, long bytesOnWire, long bytesDecoded, long hostDelayMillis,
                           @Fixed(TAGS_BYTES) String tags) {
    /** Bytes a source's URL may have: the 2,048 characters sitemaps.org allows a URL. */
    public static final int URL_BYTES = 2048;
    /** Bytes of UTF-8 the error or notes keep. */
    public static final int ERROR_BYTES = 512;
    /** Bytes of the score unit's field; the config allows one byte less, so C readers always find a NUL. */
    public static final int SCORE_UNIT_BYTES = 16;
    /** Bytes of the comma-joined tags' field. */
    public static final int TAGS_BYTES = 8 * 32 * 4 + 7 + 1;
}
