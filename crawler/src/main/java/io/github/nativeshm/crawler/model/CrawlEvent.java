/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * What happened, in the events ring.
 *
 * @param type   an {@link EventType} code
 * @param itemId the item's id for item events, 0 otherwise
 * @param text   the item title, or the crawl summary or error
 */
public record CrawlEvent(long timeMillis, int type, int sourceSlot, long itemId, @Fixed(32) String source,
                         @Fixed(200) String text) {
}
