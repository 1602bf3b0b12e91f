package io.github.nativeshm.shared;

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
}
