/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.UntypedRegion;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shm dump NAME REGION [--json]}: every record of a region, decoded with the segment's own
 * layout description. A value prints its struct; an array its non-empty slots with their index; a
 * ring the records from the oldest retained one up to the write position seen at the start, with
 * their sequence numbers, and any it lost because the writer overwrote them meanwhile.
 */
final class Dump {
    /** Ring records polled at a time. */
    private static final int BATCH = 1024;

    private Dump() {
    }

    static void run(PrintStream out, String name, String regionName, boolean json) {
        try (StructuredSegment segment = ShmCommand.openStructured(name)) {
            UntypedRegion region = UntypedRegion.of(segment, regionName);
            RegionInfo info = region.info();
            Map<String, Object> dump = new LinkedHashMap<>();
            dump.put("segment", segment.name());
            dump.put("region", info.name());
            dump.put("kind", Inspect.kindName(info.kind()));
            dump.put("layout_name", region.layout().name());
            dump.put("fingerprint", Inspect.hex(info.fingerprint()));
            dump.put("capacity", info.capacity());
            switch (info.kind()) {
                case VALUE -> dump.put("value", region.read(0));
                case ARRAY -> dump.put("slots", slots(region));
                default -> ring(region, dump);
            }
            if (json) {
                out.println(Json.write(dump));
            } else {
                printText(out, dump);
            }
        }
    }

    private static List<Object> slots(UntypedRegion region) {
        List<Object> slots = new ArrayList<>();
        for (int index = 0; index < region.info().capacity(); index++) {
            Map<String, Object> record = region.read(index);
            if (record != null) {
                slots.add(entry("index", index, "record", record));
            }
        }
        return slots;
    }

    private static void ring(UntypedRegion region, Map<String, Object> dump) {
        RingReader<Map<String, Object>> cursor = region.reader(EventRing.Start.OLDEST);
        long end = region.writePosition();
        List<Object> records = new ArrayList<>();
        List<Object> losses = new ArrayList<>();
        RingHandler<Map<String, Object>> handler = new RingHandler<>() {
            @Override
            public void onRecord(long sequence, Map<String, Object> record) {
                records.add(entry("sequence", sequence, "record", record));
            }

            @Override
            public void onLoss(long firstLost, long count) {
                losses.add(entry("first", firstLost, "count", count));
            }
        };
        while (cursor.position() < end) {
            if (cursor.poll(handler, (int) Math.min(BATCH, end - cursor.position())) == 0) {
                break; // the write position went back: only a misbehaving writer does that
            }
        }
        dump.put("write_position", end);
        dump.put("records", records);
        dump.put("losses", losses);
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, Map<String, Object> dump) {
        String title = dump.get("region") + ": " + dump.get("kind") + " of " + dump.get("layout_name");
        switch ((String) dump.get("kind")) {
            case "value" -> {
                out.println(title);
                Object value = dump.get("value");
                out.println(value == null ? "(empty)" : RecordText.format(value));
            }
            case "array" -> {
                List<Object> slots = (List<Object>) dump.get("slots");
                out.println(title + ", " + slots.size() + " of " + dump.get("capacity") + " slots set");
                for (Object slot : slots) {
                    Map<String, Object> entry = (Map<String, Object>) slot;
                    out.println("[" + entry.get("index") + "] " + RecordText.format(entry.get("record")));
                }
            }
            default -> {
                List<Object> records = (List<Object>) dump.get("records");
                out.println(title + ", capacity " + dump.get("capacity") + ", write position "
                        + dump.get("write_position") + ", " + records.size() + " records");
                List<Object> losses = (List<Object>) dump.get("losses");
                int next = 0; // losses and records in sequence order: a loss precedes the records after it
                for (Object record : records) {
                    Map<String, Object> entry = (Map<String, Object>) record;
                    long sequence = (long) entry.get("sequence");
                    for (; next < losses.size() && (long) ((Map<String, Object>) losses.get(next)).get("first") < sequence;
                         next++) {
                        printLoss(out, (Map<String, Object>) losses.get(next));
                    }
                    out.println("#" + sequence + " " + RecordText.format(entry.get("record")));
                }
                losses.subList(next, losses.size()).forEach(loss -> printLoss(out, (Map<String, Object>) loss));
            }
        }
    }

    private static void printLoss(PrintStream out, Map<String, Object> loss) {
        out.println(lossLine((long) loss.get("first"), (long) loss.get("count")));
    }

    /** {@code lost #3..#4 (2 records overwritten before they could be read)}. */
    static String lossLine(long first, long count) {
        return "lost #" + first + "..#" + (first + count - 1) + " (" + count + " records overwritten before they"
                + " could be read)";
    }

    /** A two-entry map in this order. */
    static Map<String, Object> entry(String key, Object value, String otherKey, Object otherValue) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(key, value);
        entry.put(otherKey, otherValue);
        return entry;
    }
}
