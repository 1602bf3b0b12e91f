/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.ops;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * One thing that keeps the app from showing fresh data, as {@code GET /api/status} and
 * {@code /health} list it. {@code file}, {@code source}, {@code field} and {@code value} are set for
 * config problems where the crawler's config reader knows them, null otherwise.
 *
 * @param kind    {@code config}, {@code segment}, {@code crawler} or {@code database}
 * @param message one plain sentence (or the crawler's own line) saying what is wrong
 */
@Introspected
public record Problem(String kind, String message, @Nullable String file, @Nullable String source,
                      @Nullable String field, @Nullable String value) {
    /** A problem of the crawler's config file. */
    public static final String CONFIG = "config";
    /** A problem of the shared-memory segment: missing, damaged, foreign, cannot be created. */
    public static final String SEGMENT = "segment";
    /** A problem of the crawler process: exited, silent, restarting. */
    public static final String CRAWLER = "crawler";
    /** A problem of the history database. */
    public static final String DATABASE = "database";

    /** A problem of {@code kind} that is not about a config field. */
    public static Problem of(String kind, String message) {
        return new Problem(kind, message, null, null, null, null);
    }
}
