/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.layout.Fixed;

/**
 * The crawler process itself, in the value region {@code crawler}.
 *
 * @param sourceCount the sources are in the slots of the sources array below this; a slot among
 *                    them may be empty (a source removed while the crawler ran, its slot kept for
 *                    the next one added), and the array has more slots, for sources yet to come
 * @param itemsPerSource how many item slots each source has
 * @param commandEpoch   the epoch of the {@link CommandSegment} it takes commands from (0 = none yet)
 * @param commandsDone   how many commands of that segment it has carried out: the id of the next
 */
public record CrawlerInfo(long pid, long startedMillis, int sourceCount, int itemsPerSource,
                          @Fixed(32) String version, @Fixed(200) String configFile, long commandEpoch,
                          long commandsDone) {
}
