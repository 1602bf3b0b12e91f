package io.github.nativeshm.api.ops;

import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.shared.SegmentHeader;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}: up while the crawler's segment is attached and its writer's heartbeat is fresh. */
@Singleton
public class SegmentHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final CrawlerData data;
    private final Duration stale;

    public SegmentHealthIndicator(CrawlerData data, AppSettings settings) {
        this.data = data;
        this.stale = settings.getStaleHeartbeat();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("segment", data.segmentName());
        try {
            CrawlerData.Attached attached = data.attached();
            SegmentHeader header = attached.segment().header();
            Duration age = header.writerHeartbeat() == null ? null : Duration.between(header.writerHeartbeat(), Instant.now());
            boolean alive = attached.segment().isWriterAlive();
            details.put("epoch", String.format("%016x", header.epoch()));
            details.put("writerPid", header.writerPid());
            details.put("writerAlive", alive);
            details.put("heartbeatAgeMillis", age == null ? null : age.toMillis());
            boolean fresh = alive && age != null && age.compareTo(stale) <= 0;
            if (!fresh) {
                details.put("problem", alive ? "the crawler's heartbeat is older than " + stale.toSeconds() + " s"
                        : "the crawler (pid " + header.writerPid() + ") is not running");
            }
            healthStatus = fresh ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (SegmentUnavailableException e) {
            details.put("problem", e.getMessage());
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "segment";
    }
}
