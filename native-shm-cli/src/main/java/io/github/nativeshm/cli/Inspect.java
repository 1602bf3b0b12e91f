/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.RegionKind;
import io.github.nativeshm.structured.SegmentHeader;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;

import com.sun.jna.Platform;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code shm inspect NAME [--json]}: what any segment is (size, and on Linux owner and
 * permissions) and, for a structured segment, its header and region directory with how full each
 * region is. The facts are gathered into one map first, then printed as text or JSON, so that a
 * failure prints nothing but the error.
 */
final class Inspect {
    private Inspect() {
    }

    static void run(PrintStream out, String name, boolean json) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        boolean structured;
        try (Segment segment = Segment.openReadOnly(name)) {
            facts.put("name", segment.name());
            facts.put("size", segment.size());
            structured = StructuredSegment.isStructured(segment);
        }
        Path file = Path.of("/dev/shm", name);
        if (Platform.isLinux() && Files.isRegularFile(file)) {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            facts.put("path", file.toString());
            facts.put("owner", attributes.owner().getName() + ":" + attributes.group().getName());
            facts.put("permissions", PosixFilePermissions.toString(attributes.permissions()));
            facts.put("modified", attributes.lastModifiedTime().toString());
        }
        facts.put("structured", structured);
        if (structured) {
            try (StructuredSegment segment = StructuredSegment.open(name)) {
                facts.put("header", header(segment));
                List<Object> regions = new ArrayList<>();
                segment.regions().forEach(info -> regions.add(region(segment, info)));
                facts.put("regions", regions);
            }
        }
        if (json) {
            out.println(Json.write(facts));
        } else {
            printText(out, facts);
        }
    }

    private static Map<String, Object> header(StructuredSegment segment) {
        SegmentHeader header = segment.header();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("format_version", header.formatVersion());
        facts.put("size", header.size());
        facts.put("epoch", hex(header.epoch()));
        facts.put("state", header.state().name());
        facts.put("writer_pid", header.writerPid());
        facts.put("writer_alive", segment.isWriterAlive());
        facts.put("heartbeat_age_ms", Duration.between(header.writerHeartbeat(), Instant.now()).toMillis());
        facts.put("writer_generation", header.writerGeneration());
        facts.put("region_count", header.regionCount());
        return facts;
    }

    /** One directory entry, and how full the region is: a fill that cannot be read is reported, not fatal. */
    private static Map<String, Object> region(StructuredSegment segment, RegionInfo info) {
        boolean raw = info.kind() == RegionKind.RAW;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", info.name());
        facts.put("kind", kindName(info.kind()));
        facts.put("layout_name", raw ? null : info.layoutName());
        facts.put("fingerprint", raw ? null : hex(info.fingerprint()));
        facts.put("element_size", info.elementSize());
        facts.put("capacity", info.capacity());
        facts.put("offset", info.offset());
        facts.put("length", info.length());
        if (raw) {
            return facts;
        }
        try {
            UntypedRegion region = UntypedRegion.of(segment, info.name());
            switch (info.kind()) {
                case VALUE -> facts.put("set", region.isOccupied(0));
                case ARRAY -> {
                    long occupied = 0;
                    for (int index = 0; index < info.capacity(); index++) {
                        occupied += region.isOccupied(index) ? 1 : 0;
                    }
                    facts.put("occupied", occupied);
                }
                default -> {
                    long position = region.writePosition();
                    facts.put("write_position", position);
                    facts.put("retained", Math.min(position, info.capacity()));
                }
            }
        } catch (SegmentException e) {
            facts.put("fill_error", e.getMessage());
        }
        return facts;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, Map<String, Object> facts) {
        out.println("name: " + facts.get("name"));
        out.println("size: " + facts.get("size") + " bytes");
        for (String key : List.of("path", "owner", "permissions", "modified")) {
            if (facts.containsKey(key)) {
                out.println(key + ": " + facts.get(key));
            }
        }
        if (!(boolean) facts.get("structured")) {
            out.println("structured: no (not a native-shm structured segment)");
            return;
        }
        Map<String, Object> header = (Map<String, Object>) facts.get("header");
        out.println("structured: yes, format version " + header.get("format_version"));
        out.println("segment size: " + header.get("size") + " bytes");
        out.println("epoch: " + header.get("epoch"));
        out.println("state: " + header.get("state"));
        out.println("writer: pid " + header.get("writer_pid") + ", " + ((boolean) header.get("writer_alive")
                ? "alive" : "not running") + ", generation " + header.get("writer_generation"));
        out.printf(Locale.ROOT, "heartbeat: %.3f s ago%n", (long) header.get("heartbeat_age_ms") / 1000.0);
        out.println("regions: " + header.get("region_count"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "KIND", "LAYOUT", "FINGERPRINT", "ELEMENT", "CAPACITY", "OFFSET", "LENGTH", "FILL"));
        for (Object entry : (List<Object>) facts.get("regions")) {
            Map<String, Object> region = (Map<String, Object>) entry;
            rows.add(List.of(String.valueOf(region.get("name")), String.valueOf(region.get("kind")),
                    orDash(region.get("layout_name")), orDash(region.get("fingerprint")),
                    String.valueOf(region.get("element_size")), String.valueOf(region.get("capacity")),
                    String.valueOf(region.get("offset")), String.valueOf(region.get("length")), fill(region)));
        }
        printTable(out, rows);
    }

    private static String fill(Map<String, Object> region) {
        if (region.containsKey("fill_error")) {
            return "unreadable: " + region.get("fill_error");
        }
        if (region.containsKey("set")) {
            return (boolean) region.get("set") ? "set" : "empty";
        }
        if (region.containsKey("occupied")) {
            return region.get("occupied") + " of " + region.get("capacity") + " set";
        }
        if (region.containsKey("write_position")) {
            return "write position " + region.get("write_position") + ", " + region.get("retained") + " retained";
        }
        return "-";
    }

    /** Columns left-aligned, two spaces apart, indented by two; the last column is not padded. */
    private static void printTable(PrintStream out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int column = 0; column < widths.length; column++) {
                String cell = row.get(column);
                line.append(' ').append(column == widths.length - 1 ? cell
                        : cell + " ".repeat(widths[column] - cell.length() + 1));
            }
            out.println(line);
        }
    }

    static String kindName(RegionKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String hex(long value) {
        return String.format("0x%016x", value);
    }

    private static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }
}
