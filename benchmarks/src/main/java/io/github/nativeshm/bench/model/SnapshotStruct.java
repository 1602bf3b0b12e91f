/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.model;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@link Snapshot} as the classic JNA {@code Structure}: the same 256 bytes, field for field. */
@Structure.FieldOrder({"id", "timestamp", "bid", "ask", "last", "volume", "flags", "count", "symbol", "venue", "levels"})
public class SnapshotStruct extends Structure {
    public long id;
    public long timestamp;
    public double bid;
    public double ask;
    public double last;
    public long volume;
    public int flags;
    public int count;
    public byte[] symbol = new byte[32];
    public byte[] venue = new byte[40];
    public double[] levels = new double[16];

    public SnapshotStruct() {
    }

    public SnapshotStruct(Pointer pointer) {
        super(pointer);
    }

    /** The fields as a {@link Snapshot}, so that all readers hand the caller the same thing. */
    public Snapshot toRecord() {
        return new Snapshot(id, timestamp, bid, ask, last, volume, flags, count,
                Native.toString(symbol, "UTF-8"), Native.toString(venue, "UTF-8"), levels.clone());
    }
}
