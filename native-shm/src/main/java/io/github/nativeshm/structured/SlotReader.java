/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.nio.ByteBuffer;

/**
 * Reads what it needs from one struct in place (flyweight style), for example a single field
 * through {@code layout.field("score").getLong(buffer, offset)}. It runs inside a seqlock read and
 * may run more than once; the result is kept only from a run the writer did not disturb.
 *
 * @param <R> what it reads
 */
@FunctionalInterface
public interface SlotReader<R> {
    /**
     * Reads from the struct that starts at {@code offset} in {@code buffer}.
     *
     * @param buffer the whole segment
     * @param offset where the struct starts in {@code buffer}, in bytes
     * @return what it read
     */
    R read(ByteBuffer buffer, int offset);
}
