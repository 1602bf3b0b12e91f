package io.github.nativeshm.structured;

import java.nio.ByteBuffer;

/**
 * Writes a struct in place, field by field (flyweight style), for example
 * {@code (buffer, offset) -> price.putDouble(buffer, offset, 101.5)} with
 * {@code price = layout.field("price")}: no record is built and nothing is allocated. It runs
 * inside the writer's side of a seqlock or ring slot, so readers never see a half-written struct.
 * It must write only the struct's {@code layout.size()} bytes from {@code offset}; the buffer is
 * the whole segment.
 */
@FunctionalInterface
public interface SlotWriter {
    /** Writes into the struct that starts at {@code offset} in {@code buffer}. */
    void write(ByteBuffer buffer, int offset);

    /**
     * Whether {@link #write} stores every field of the struct. An {@link EventRing} zeroes a slot
     * before its writer runs, so that fields the writer leaves alone read as 0 rather than as the
     * record the slot held one lap before; a writer that stores them all can say so and spare the
     * ring that zeroing, which costs a streaming writer up to a fifth of its throughput. Bytes of
     * padding between fields then keep their old values (no reader looks at them). Values and
     * array elements are never zeroed before a write, so it changes nothing there. False unless
     * overridden.
     */
    default boolean writesEveryField() {
        return false;
    }
}
