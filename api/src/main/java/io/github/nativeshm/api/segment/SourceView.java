/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

import io.github.nativeshm.crawler.model.Outcome;
import io.github.nativeshm.crawler.model.SourceStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.List;

/**
 * A source and how it is doing, as the API shows it (see docs/api.md).
 *
 * @param tags     the source's tags, in the order configured
 * @param origin   {@value #FILE} for a source of the hand-written config file, {@value #APP} for one made through
 *                 the API ({@code sources.yaml}); null where the api does not know (the segment alone)
 * @param editable whether the API may change or delete it (the sources it made)
 */
@Introspected
public record SourceView(String id, String name, String kind, List<String> tags, String scoreUnit, String url,
                         @Nullable String origin, boolean editable, String state, String outcome,
                         int httpStatus, @Nullable String error, int itemCount, @Nullable String lastStart,
                         @Nullable String lastFinish, @Nullable String nextRun, long durationMillis, long runs,
                         long failures, long bytesOnWire, long bytesDecoded, long hostDelayMillis,
                         List<SourceHistory.Run> history) {
    /** What a score counts when the source does not say. */
    public static final String DEFAULT_SCORE_UNIT = "score";
    /** The origin of a source of the hand-written config file. */
    public static final String FILE = "file";
    /** The origin of a source made through the API. */
    public static final String APP = "app";

    static SourceView of(SourceStatus status, List<SourceHistory.Run> history) {
        Outcome outcome = Outcome.ofCode(status.outcome());
        String state = outcome == null || outcome == Outcome.PENDING ? "waiting" : outcome.isFailure() ? "failing" : "ok";
        return new SourceView(status.id(), status.name(), status.kind(), tags(status.tags()), scoreUnit(status),
                status.url(), null, false, state,
                outcome == null ? "UNKNOWN(" + status.outcome() + ")" : outcome.name(), status.httpStatus(),
                status.error().isEmpty() ? null : status.error(), status.itemCount(), Times.iso(status.lastStartMillis()),
                Times.iso(status.lastFinishMillis()), Times.iso(status.nextRunMillis()), status.durationMillis(),
                status.runs(), status.failures(), status.bytesOnWire(), status.bytesDecoded(), status.hostDelayMillis(),
                history);
    }

    /** The same source with its origin: {@value #APP} ones are editable. */
    public SourceView withOrigin(String origin) {
        return new SourceView(id, name, kind, tags, scoreUnit, url, origin, APP.equals(origin), state, outcome, httpStatus,
                error, itemCount, lastStart, lastFinish, nextRun, durationMillis, runs, failures, bytesOnWire, bytesDecoded,
                hostDelayMillis, history);
    }

    /** The tags of a comma-joined list, as the segment keeps them. */
    static List<String> tags(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).map(String::strip)
                .filter(tag -> !tag.isEmpty()).toList();
    }

    /** The source's score unit, {@value #DEFAULT_SCORE_UNIT} if it has none. */
    static String scoreUnit(SourceStatus status) {
        return status.scoreUnit().isEmpty() ? DEFAULT_SCORE_UNIT : status.scoreUnit();
    }
}
