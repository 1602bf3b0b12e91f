/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * Receives what {@link RingReader#poll} finds: records in order, and gaps where the writer
 * overwrote records before this reader got to them.
 *
 * @param <T> the record type
 */
public interface RingHandler<T> {
    /**
     * The record with ring sequence number {@code sequence}.
     *
     * @param sequence its sequence number (0 for the first record ever appended)
     * @param record   the record, or what the reader's {@link SlotReader} read from it
     */
    void onRecord(long sequence, T record);

    /**
     * {@code count} records from {@code firstLost} on were overwritten before they could be read.
     *
     * @param firstLost the sequence number of the first lost record
     * @param count     how many records were lost, at least 1
     */
    void onLoss(long firstLost, long count);
}
