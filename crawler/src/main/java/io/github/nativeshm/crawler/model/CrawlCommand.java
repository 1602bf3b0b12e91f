/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * A request to crawl one source now, in the {@link CommandSegment}'s ring. Its ring sequence
 * number is the command's id.
 *
 * @param timeMillis when it was asked for, milliseconds since 1970
 * @param source     the source's id
 */
public record CrawlCommand(long timeMillis, @Fixed(32) String source) {
}
