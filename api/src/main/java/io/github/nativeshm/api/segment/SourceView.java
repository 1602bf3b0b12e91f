/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A source and how it is doing, as the API shows it (see docs/api.md). */
@Introspected
public record SourceView(String id, String name, String kind, String scoreUnit, String url, String state, String outcome,
                         int httpStatus, @Nullable String error, int itemCount, @Nullable String lastStart,
                         @Nullable String lastFinish, @Nullable String nextRun, long durationMillis, long runs,
                         long failures, long bytesOnWire, long bytesDecoded, long hostDelayMillis,
                         List<SourceHistory.Run> history) {
    /** What a score counts when the source does not say. */
    public static final String DEFAULT_SCORE_UNIT = "score";

    static SourceView of(SourceStatus status, List<SourceHistory.Run> history) {
        Outcome outcome = Outcome.ofCode(status.outcome());
        String state = outcome == null || outcome == Outcome.PENDING ? "waiting" : outcome.isFailure() ? "failing" : "ok";
        return new SourceView(status.id(), status.name(), status.kind(), scoreUnit(status), status.url(), state,
                outcome == null ? "UNKNOWN(" + status.outcome() + ")" : outcome.name(), status.httpStatus(),
                status.error().isEmpty() ? null : status.error(), status.itemCount(), Times.iso(status.lastStartMillis()),
                Times.iso(status.lastFinishMillis()), Times.iso(status.nextRunMillis()), status.durationMillis(),
                status.runs(), status.failures(), status.bytesOnWire(), status.bytesDecoded(), status.hostDelayMillis(),
                history);
    }

    /** The source's score unit, {@value #DEFAULT_SCORE_UNIT} if it has none. */
    static String scoreUnit(SourceStatus status) {
        return status.scoreUnit().isEmpty() ? DEFAULT_SCORE_UNIT : status.scoreUnit();
    }
}
