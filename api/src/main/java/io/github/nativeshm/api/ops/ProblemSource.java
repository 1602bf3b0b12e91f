/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.ops;

import java.util.List;

/**
 * A part of the app that can report problems of its own (the history database, for one) into
 * {@code GET /api/status} and {@code /health}. Its problems are listed; they do not change the
 * state, which is about the crawler and its segment.
 */
public interface ProblemSource {
    /** What is wrong now; empty when nothing is. Called on every status request: keep it cheap. */
    List<Problem> problems();
}
