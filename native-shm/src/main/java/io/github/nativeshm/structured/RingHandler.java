package io.github.nativeshm.structured;

/**
 * Receives what {@link RingReader#poll} finds: records in order, and gaps where the writer
 * overwrote records before this reader got to them.
 *
 * @param <T> the record type
 */
public interface RingHandler<T> {
    /** The record with ring sequence number {@code sequence}. */
    void onRecord(long sequence, T record);

    /** {@code count} records from {@code firstLost} on were overwritten before they could be read. */
    void onLoss(long firstLost, long count);
}
