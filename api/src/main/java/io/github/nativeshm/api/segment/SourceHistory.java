/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.SourceStatus;
import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The latest crawls of each source: the segment holds only the latest, so the history is kept
 * elsewhere (the history database), one entry per finished run.
 */
public interface SourceHistory {
    /** How many runs a source shows, at most. */
    int LENGTH = 30;

    /** One finished crawl. */
    @Introspected
    record Run(String finished, long durationMillis, int itemCount, String outcome) {
    }

    /**
     * Adds the status's latest crawl if it is new (it must not block: it is called while a
     * snapshot is decoded), and returns the source's latest {@link #LENGTH} runs, oldest first.
     */
    List<Run> record(SourceStatus status);
}
