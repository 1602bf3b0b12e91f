/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.structured.SegmentSpec;

/** The regions of a crawler's segment: what the crawler writes and the api reads. */
public final class CrawlerSegment {
    /** The default segment name. */
    public static final String DEFAULT_NAME = "native-shm-crawler";
    /** Value region: {@link CrawlerInfo}. */
    public static final String CRAWLER = "crawler";
    /** Array region: one {@link SourceStatus} per source. */
    public static final String SOURCES = "sources";
    /** Array region: {@link Item}s, a block of {@code itemsPerSource} slots per source. */
    public static final String ITEMS = "items";
    /** Ring region: {@link CrawlEvent}s. */
    public static final String EVENTS = "events";
    /** How many events the ring keeps. */
    public static final int EVENT_CAPACITY = 4096;

    private CrawlerSegment() {
    }

    /** The regions for {@code sourceCount} sources of at most {@code itemsPerSource} items each. */
    public static SegmentSpec spec(int sourceCount, int itemsPerSource) {
        return SegmentSpec.builder()
                .value(CRAWLER, CrawlerInfo.class)
                .array(SOURCES, SourceStatus.class, sourceCount)
                .array(ITEMS, Item.class, sourceCount * itemsPerSource)
                .ring(EVENTS, CrawlEvent.class, EVENT_CAPACITY)
                .build();
    }
}
