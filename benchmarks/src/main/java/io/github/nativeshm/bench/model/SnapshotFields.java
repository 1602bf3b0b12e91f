/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.model;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.structured.SlotReader;

import java.nio.ByteBuffer;

/**
 * {@link Snapshot}'s fields in a mutable object that a reader reuses: what a JNA {@code Structure}
 * holds after {@code read()} (strings as their raw bytes), filled through native-shm's
 * {@link Field} getters without allocating. As a {@link SlotReader} it reads a shared value in place.
 */
public final class SnapshotFields implements SlotReader<SnapshotFields> {
    private static final Layout<Snapshot> LAYOUT = Layout.of(Snapshot.class);
    private static final Field ID = LAYOUT.field("id");
    private static final Field TIMESTAMP = LAYOUT.field("timestamp");
    private static final Field BID = LAYOUT.field("bid");
    private static final Field ASK = LAYOUT.field("ask");
    private static final Field LAST = LAYOUT.field("last");
    private static final Field VOLUME = LAYOUT.field("volume");
    private static final Field FLAGS = LAYOUT.field("flags");
    private static final Field COUNT = LAYOUT.field("count");
    private static final Field SYMBOL = LAYOUT.field("symbol");
    private static final Field VENUE = LAYOUT.field("venue");
    private static final Field LEVELS = LAYOUT.field("levels");

    public long id;
    public long timestamp;
    public double bid;
    public double ask;
    public double last;
    public long volume;
    public int flags;
    public int count;
    public final byte[] symbol = new byte[32];
    public final byte[] venue = new byte[40];
    public final double[] levels = new double[16];

    /** Reads every field of the struct at {@code offset} into this object; returns it. */
    @Override
    public SnapshotFields read(ByteBuffer buffer, int offset) {
        id = ID.getLong(buffer, offset);
        timestamp = TIMESTAMP.getLong(buffer, offset);
        bid = BID.getDouble(buffer, offset);
        ask = ASK.getDouble(buffer, offset);
        last = LAST.getDouble(buffer, offset);
        volume = VOLUME.getLong(buffer, offset);
        flags = FLAGS.getInt(buffer, offset);
        count = COUNT.getInt(buffer, offset);
        SYMBOL.getBytes(buffer, offset, symbol);
        VENUE.getBytes(buffer, offset, venue);
        LEVELS.getDoubles(buffer, offset, levels);
        return this;
    }
}
