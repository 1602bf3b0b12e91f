/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RegionKind;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.UntypedRegion;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@code shm watch NAME REGION [--count N] [--timeout SECONDS]}: prints a region's changes as they
 * happen. After a first line that names what it watches, it sleeps on the region's change count
 * ({@link UntypedRegion#awaitChange}: a futex or an event, not polling) and on each wake prints
 * what is new: a ring's new records (and any it lost), or the value or array slots that differ
 * from what it printed last. It starts from the state at its start, which it does not print
 * ({@code shm dump} does), and stops after N printed records or slots, after the timeout, or on
 * Ctrl-C.
 */
final class Watch {
    /** Without a timeout, sleep in slices of this (a wake-up ends a slice at once). */
    private static final Duration SLICE = Duration.ofMinutes(1);

    private Watch() {
    }

    /** Prints the changes since the previous call, at most {@code limit}, and returns how many it printed. */
    private interface Changes {
        long print(PrintStream out, long limit);
    }

    /** Watches until {@code count} changes are printed, or the timeout passes (null: never). */
    static void run(PrintStream out, String name, String regionName, long count, Duration timeout) {
        try (StructuredSegment segment = ShmCommand.openStructured(name)) {
            UntypedRegion region = UntypedRegion.of(segment, regionName);
            int seen = region.changeCount(); // before the starting state: no change can slip in between
            Changes changes = region.info().kind() == RegionKind.RING ? ringChanges(region) : slotChanges(region);
            out.println("watching " + Inspect.kindName(region.info().kind()) + " '" + regionName + "' of segment '"
                    + segment.name() + "' (" + region.layout().name() + ")");
            long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            long printed = 0;
            while (true) {
                printed += changes.print(out, count - printed);
                long remaining = timeout == null ? SLICE.toNanos() : deadline - System.nanoTime();
                if (printed >= count || remaining <= 0) {
                    return;
                }
                seen = region.awaitChange(seen, Duration.ofNanos(Math.min(remaining, SLICE.toNanos())));
            }
        }
    }

    /** New records from the newest at the start on: {@code #12 {...}}; losses do not count as changes. */
    private static Changes ringChanges(UntypedRegion region) {
        RingReader<Map<String, Object>> cursor = region.reader(EventRing.Start.NEWEST);
        return (out, limit) -> cursor.poll(new RingHandler<>() {
            @Override
            public void onRecord(long sequence, Map<String, Object> record) {
                out.println("#" + sequence + " " + RecordText.format(record));
            }

            @Override
            public void onLoss(long firstLost, long count) {
                out.println(Dump.lossLine(firstLost, count));
            }
        }, (int) Math.min(limit, Integer.MAX_VALUE));
    }

    /** Slots that differ from what was printed last: {@code [3] {...}}, {@code [3] (empty)}; a value has no index. */
    private static Changes slotChanges(UntypedRegion region) {
        boolean value = region.info().kind() == RegionKind.VALUE;
        Object[] shown = new Object[(int) region.info().capacity()];
        for (int index = 0; index < shown.length; index++) {
            shown[index] = region.read(index);
        }
        return (out, limit) -> {
            long printed = 0;
            for (int index = 0; index < shown.length && printed < limit; index++) {
                Map<String, Object> now = region.read(index);
                if (!Objects.equals(now, shown[index])) {
                    shown[index] = now;
                    out.println((value ? "" : "[" + index + "] ") + (now == null ? "(empty)" : RecordText.format(now)));
                    printed++;
                }
            }
            return printed;
        };
    }
}
