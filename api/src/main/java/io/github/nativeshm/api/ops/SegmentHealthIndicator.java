/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.ops;

import io.github.nativeshm.api.segment.CrawlerData;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP while the app's {@link AppStatus} is {@code ok} or {@code starting}, DOWN
 * otherwise; its details are the state, message and problems of {@code GET /api/status}, with the
 * segment's name and its writer's pid, liveness and heartbeat age.
 */
@Singleton
public class SegmentHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final CrawlerData data;
    private final AppStatus status;

    public SegmentHealthIndicator(CrawlerData data, AppStatus status) {
        this.data = data;
        this.status = status;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        AppStatus.Status now = status.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("segment", data.segmentName());
        details.putAll(now.json());
        details.putAll(now.writer());
        healthStatus = now.state().isUp() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "segment";
    }
}
