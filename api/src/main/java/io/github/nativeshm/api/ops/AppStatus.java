/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.ops;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.structured.SegmentHeader;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the app shows fresh data, and if not why, in words a person can act on: the state behind
 * {@code GET /api/status} and {@code /health}. Worked out on every call from the supervisor (config,
 * exits, restarts), the segment (missing, damaged, foreign) and the writer's heartbeat.
 */
@Singleton
public class AppStatus {
    private final CrawlerData data;
    private final Optional<CrawlerSupervisor> supervisor;
    private final List<ProblemSource> others;
    private final Duration stale;

    public AppStatus(CrawlerData data, Optional<CrawlerSupervisor> supervisor, List<ProblemSource> others,
                     AppSettings settings) {
        this.data = data;
        this.supervisor = supervisor;
        this.others = others;
        this.stale = settings.getStaleHeartbeat();
    }

    /** The states, most urgent last: the names are those of the JSON. */
    public enum State {
        OK("ok"), STARTING("starting"), CONFIG_REFUSED("config-refused"), CRAWLER_DOWN("crawler-down"), SEGMENT_DAMAGED("segment-damaged"),
        NOT_PUBLISHING("not-publishing"), CONFIG_INVALID("config-invalid");

        private final String json;

        State(String json) {
            this.json = json;
        }

        /** The name in {@code GET /api/status}. */
        public String json() {
            return json;
        }

        /**
         * Whether the app is working (or about to): {@code /health} is UP. A refused edit of the config
         * is: the crawler goes on with the sources it has.
         */
        public boolean isUp() {
            return this == OK || this == STARTING || this == CONFIG_REFUSED;
        }
    }

    /**
     * The app's state, one sentence about it, what is wrong, and facts about the segment's writer
     * for {@code /health} (empty while there is no segment).
     */
    public record Status(State state, String message, List<Problem> problems, Map<String, Object> writer) {
        /** As {@code GET /api/status} answers. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("state", state.json());
            json.put("message", message);
            json.put("problems", problems);
            return json;
        }
    }

    /** The state now. */
    public Status status() {
        Map<String, Object> writer = new LinkedHashMap<>();
        Status status = supervisor.map(CrawlerSupervisor::condition).flatMap(AppStatus::ofSupervisor)
                .orElseGet(() -> ofSegment(writer));
        List<Problem> refused = supervisor.map(CrawlerSupervisor::refusedEdit).orElse(List.of());
        if (!refused.isEmpty()) {
            status = status.state().isUp() ? new Status(State.CONFIG_REFUSED, "an edit of the crawler's config was"
                    + " refused (" + (refused.size() == 1 ? "a problem" : refused.size() + " problems") + "); the crawler"
                    + " goes on with the sources it had until the files are fixed", refused, status.writer())
                    : new Status(status.state(), status.message(), concat(status.problems(), refused), status.writer());
        }
        List<Problem> problems = new ArrayList<>(status.problems());
        others.forEach(source -> problems.addAll(source.problems()));
        return new Status(status.state(), status.message(), List.copyOf(problems), writer);
    }

    private static List<Problem> concat(List<Problem> first, List<Problem> second) {
        List<Problem> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The supervisor's say, when the crawler does not run: bad config, cannot publish, restarting. */
    private static Optional<Status> ofSupervisor(CrawlerSupervisor.Condition condition) {
        State state = switch (condition.phase()) {
            case RUNNING -> null;
            case RESTARTING -> State.CRAWLER_DOWN;
            case CONFIG_INVALID -> State.CONFIG_INVALID;
            case NOT_PUBLISHING -> State.NOT_PUBLISHING;
        };
        return Optional.ofNullable(state).map(s -> new Status(s, condition.message(), condition.problems(), Map.of()));
    }

    /** The segment's say, while the crawler runs (or runs separately): missing, damaged, silent or fine. */
    private Status ofSegment(Map<String, Object> writer) {
        String segment = data.segmentName();
        Optional<Long> child = supervisor.flatMap(CrawlerSupervisor::child).map(ProcessHandle::pid);
        CrawlerData.Attached attached = null;
        try {
            attached = data.attached();
            SegmentHeader header = attached.segment().header();
            Duration age = header.writerHeartbeat() == null ? null : Duration.between(header.writerHeartbeat(), Instant.now());
            boolean alive = attached.segment().isWriterAlive();
            writer.put("epoch", String.format("%016x", header.epoch()));
            writer.put("writerPid", header.writerPid());
            writer.put("writerAlive", alive);
            writer.put("heartbeatAgeMillis", age == null ? null : age.toMillis());
            if (child.isPresent() && child.get() != header.writerPid()) {
                return starting(child.get());
            }
            if (!alive) {
                return down("the crawler (pid " + header.writerPid() + ") that wrote segment '" + segment
                        + "' is not running");
            }
            if (age == null || age.compareTo(stale) > 0) {
                return down("the crawler (pid " + header.writerPid() + ") has " + (age == null ? "not beaten yet"
                        : "not beaten for " + age.toSeconds() + " s") + " (limit " + stale.toSeconds() + " s)");
            }
            return new Status(State.OK, "the crawler (pid " + header.writerPid() + ") publishes into segment '" + segment
                    + "'", List.of(), Map.of());
        } catch (SegmentException e) {
            return ofUnavailable(data.failed(attached, e), child);
        } catch (SegmentUnavailableException e) {
            return ofUnavailable(e, child);
        }
    }

    /** No usable segment: the crawler is starting, or the segment is damaged or foreign. */
    private Status ofUnavailable(SegmentUnavailableException e, Optional<Long> child) {
        List<Problem> problems = List.of(Problem.of(Problem.SEGMENT, e.getMessage()));
        return switch (e.why()) {
            case NOT_PUBLISHED -> child.map(this::starting).orElseGet(() -> down(e.getMessage()));
            case DAMAGED -> new Status(State.SEGMENT_DAMAGED, e.getMessage(), problems, Map.of());
            case FOREIGN_OWNER -> new Status(State.NOT_PUBLISHING, e.getMessage(), problems, Map.of());
        };
    }

    private Status starting(long pid) {
        return new Status(State.STARTING, "the crawler (pid " + pid + ") is starting", List.of(), Map.of());
    }

    private static Status down(String message) {
        return new Status(State.CRAWLER_DOWN, message, List.of(Problem.of(Problem.CRAWLER, message)), Map.of());
    }
}
