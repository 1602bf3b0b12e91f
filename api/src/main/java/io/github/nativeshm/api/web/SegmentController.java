/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.events.EventHub;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.supervise.CrawlerSupervisor;
import io.github.nativeshm.crawler.model.CrawlerInfo;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.RegionKind;
import io.github.nativeshm.structured.SegmentHeader;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What is in shared memory between the crawler and the api: header, regions, writer, events. */
@Controller("/api/segment")
public class SegmentController {
    private final CrawlerData data;
    private final EventHub hub;
    private final Optional<CrawlerSupervisor> supervisor;

    public SegmentController(CrawlerData data, EventHub hub, Optional<CrawlerSupervisor> supervisor) {
        this.data = data;
        this.hub = hub;
        this.supervisor = supervisor;
    }

    @Operation(summary = "The shared-memory segment", description = "Header, regions with fill, writer and event rate")
    @Get
    public Map<String, Object> segment() {
        CrawlerData.Attached attached = data.attached();
        StructuredSegment segment = attached.segment();
        try {
            SegmentHeader header = segment.header();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", segment.name());
            json.put("epoch", String.format("%016x", header.epoch()));
            json.put("state", header.state().name());
            json.put("formatVersion", header.formatVersion());
            json.put("size", header.size());
            json.put("writer", writer(segment, header));
            json.put("regions", segment.regions().stream().map(region -> region(segment, region)).toList());
            json.put("events", Map.of("written", attached.events().writePosition(), "capacity",
                    attached.events().capacity(), "perSecond", hub.eventsPerSecond()));
            json.put("crawler", crawler(attached.crawler().read()));
            json.put("omittedSlots", data.omittedSlots());
            json.put("sseClients", hub.clientCount());
            supervisor.ifPresent(s -> json.put("crawlerProcess", s.state()));
            return json;
        } catch (SegmentException e) {
            throw data.failed(attached, e);
        }
    }

    private static Map<String, Object> writer(StructuredSegment segment, SegmentHeader header) {
        Map<String, Object> writer = new LinkedHashMap<>();
        writer.put("pid", header.writerPid());
        writer.put("alive", segment.isWriterAlive());
        writer.put("heartbeat", iso(header.writerHeartbeat()));
        writer.put("heartbeatAgeMillis", header.writerHeartbeat() == null ? null
                : Math.max(0, Duration.between(header.writerHeartbeat(), Instant.now()).toMillis()));
        writer.put("started", iso(header.writerStart()));
        writer.put("generation", header.writerGeneration());
        return writer;
    }

    private Map<String, Object> region(StructuredSegment segment, RegionInfo info) {
        long used = switch (info.kind()) {
            case RAW -> info.length();
            case RING -> Math.min(UntypedRegion.of(segment, info.name()).writePosition(), info.capacity());
            case VALUE, ARRAY -> occupied(UntypedRegion.of(segment, info.name()), info.capacity(), info.name());
        };
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("name", info.name());
        region.put("kind", info.kind().name());
        region.put("layout", info.layoutName());
        region.put("fingerprint", String.format("0x%016x", info.fingerprint()));
        region.put("elementSize", info.elementSize());
        region.put("capacity", info.capacity());
        region.put("used", used);
        region.put("fill", info.capacity() == 0 ? 0.0 : (double) used / (info.kind() == RegionKind.RAW
                ? info.length() : info.capacity()));
        region.put("offset", info.offset());
        region.put("length", info.length());
        return region;
    }

    /** The slots that hold something; a corrupt one is left out (and counted as omitted). */
    private long occupied(UntypedRegion region, long capacity, String name) {
        long used = 0;
        for (int index = 0; index < capacity; index++) {
            int slot = index;
            used += Boolean.TRUE.equals(data.readSlot(name, slot, () -> region.isOccupied(slot))) ? 1 : 0;
        }
        return used;
    }

    private static Map<String, Object> crawler(CrawlerInfo info) {
        if (info == null) {
            return null;
        }
        Map<String, Object> crawler = new LinkedHashMap<>();
        crawler.put("pid", info.pid());
        crawler.put("started", iso(Instant.ofEpochMilli(info.startedMillis())));
        crawler.put("version", info.version());
        crawler.put("config", info.configFile());
        crawler.put("sourceCount", info.sourceCount());
        crawler.put("itemsPerSource", info.itemsPerSource());
        crawler.put("commandEpoch", String.format("%016x", info.commandEpoch()));
        crawler.put("commandsDone", info.commandsDone());
        return crawler;
    }

    private static String iso(Instant instant) {
        return instant == null || instant.toEpochMilli() == 0 ? null : instant.toString();
    }
}
