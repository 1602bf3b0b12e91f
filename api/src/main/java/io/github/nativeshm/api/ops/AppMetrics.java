/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.ops;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.events.EventHub;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.github.nativeshm.api.segment.Snapshot;
import io.github.nativeshm.structured.SegmentHeader;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/** The app's own gauges for Prometheus ({@code /prometheus}), next to Micronaut's HTTP and JVM ones. */
@Singleton
public class AppMetrics implements MeterBinder {
    private final CrawlerData data;
    private final EventHub hub;

    public AppMetrics(CrawlerData data, EventHub hub) {
        this.data = data;
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("nativeshm.segment.attached", data, d -> Double.isNaN(whenAttached(d, a -> 1)) ? 0 : 1)
                .description("1 while the crawler's segment is attached").register(registry);
        Gauge.builder("nativeshm.writer.heartbeat.age", data, d -> whenAttached(d, a -> {
            SegmentHeader header = a.segment().header();
            return header.writerHeartbeat() == null ? Double.NaN
                    : Duration.between(header.writerHeartbeat(), Instant.now()).toMillis() / 1000.0;
        })).baseUnit("seconds").description("age of the crawler's heartbeat").register(registry);
        Gauge.builder("nativeshm.events.written", data, d -> whenAttached(d, a -> a.events().writePosition()))
                .description("events the crawler has published into the ring").register(registry);
        Gauge.builder("nativeshm.items", data, d -> snapshot(d, s -> s.items().stream().filter(i -> !i.gone()).count()))
                .description("items on their sources' pages").register(registry);
        Gauge.builder("nativeshm.sources.failing", data,
                d -> snapshot(d, s -> s.sources().stream().filter(source -> source.state().equals("failing")).count()))
                .description("sources whose latest crawl failed").register(registry);
        FunctionCounter.builder("nshm.segment.omitted.slots", data, CrawlerData::omittedSlots)
                .description("corrupt slots of the crawler's segment left out of what the api showed").register(registry);
        Gauge.builder("nativeshm.sse.clients", hub, EventHub::clientCount).description("connected event-stream clients")
                .register(registry);
    }

    private static double whenAttached(CrawlerData data, ToDoubleFunction<CrawlerData.Attached> value) {
        CrawlerData.Attached attached = null;
        try {
            attached = data.attached();
            return value.applyAsDouble(attached);
        } catch (SegmentException e) {
            data.failed(attached, e);
            return Double.NaN;
        } catch (SegmentUnavailableException e) {
            return Double.NaN;
        }
    }

    private static double snapshot(CrawlerData data, ToDoubleFunction<Snapshot> value) {
        try {
            return value.applyAsDouble(data.snapshot());
        } catch (SegmentUnavailableException e) {
            return Double.NaN;
        }
    }
}
