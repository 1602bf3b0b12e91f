package io.github.nativeshm.bench.model;

/**
 * A 64-byte ring record of primitives only, so that a ring benchmark measures the ring and not
 * string encoding. Agrona's side of a comparison writes the same 64 bytes.
 *
 * <pre>
 *   0 sequence  8 timestamp  16 price  24 quantity  32 orderId  40 venue  44 flags  48 a  56 b  64 end
 * </pre>
 */
public record Event(long sequence, long timestamp, double price, double quantity, long orderId, int venue, int flags,
                    long a, long b) {
    public static final int SIZE = 64;

    public static Event of(long sequence) {
        return new Event(sequence, sequence, 100.25, 7.0, 42, 3, 1, 0, 0);
    }
}
