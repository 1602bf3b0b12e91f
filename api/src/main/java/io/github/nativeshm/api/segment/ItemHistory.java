/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

/**
 * What is remembered of an item beyond the segment (the history database): when it was first
 * seen before the crawler last started, and since when it is gone.
 */
public interface ItemHistory {
    /** {@code item} as read from the segment, with what is remembered of it; must not block. */
    ItemView remembered(ItemView item);
}
