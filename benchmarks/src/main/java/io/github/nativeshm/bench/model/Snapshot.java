/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.model;

import io.github.nativeshm.layout.Fixed;

/**
 * A 256-byte struct: the shape of a typical shared "latest state" value (a quote with its book).
 *
 * <pre>
 *   0 id  8 timestamp  16 bid  24 ask  32 last  40 volume  48 flags  52 count
 *   56 char symbol[32]   88 char venue[40]   128 double levels[16]   256 end (alignment 8)
 * </pre>
 *
 * {@link SnapshotStruct} is the same struct as a JNA {@code Structure}.
 */
public record Snapshot(long id, long timestamp, double bid, double ask, double last, long volume, int flags,
                       int count, @Fixed(32) String symbol, @Fixed(40) String venue, @Fixed(16) double[] levels) {
    public static final int SIZE = 256;
    public static final int SYMBOL_OFFSET = 56;
    public static final int VENUE_OFFSET = 88;
    public static final int LEVELS_OFFSET = 128;

    /** A snapshot with every field set, {@code id} distinguishing one from another. */
    public static Snapshot sample(long id) {
        double[] levels = new double[16];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 100.0 + i * 0.25 + id;
        }
        return new Snapshot(id, 1_700_000_000_000L + id, 99.5, 100.5, 100.0, 12_345 + id, 3, 16,
                "NSHM.EXAMPLE.SYMBOL", "XNAS example venue", levels);
    }
}
