/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.nio.ByteBuffer;
import java.util.Objects;

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
    /**
     * Writes into the struct that starts at {@code offset} in {@code buffer}.
     *
     * @param buffer the whole segment
     * @param offset where the struct starts in {@code buffer}, in bytes
     */
    void write(ByteBuffer buffer, int offset);

    /**
     * Whether {@link #write} stores every field of the struct. An {@link EventRing} zeroes a slot
     * before its writer runs, so that fields the writer leaves alone read as 0 rather than as the
     * record the slot held one lap before; a writer that stores them all can say so and spare the
     * ring that zeroing, which costs a streaming writer up to a fifth of its throughput. Bytes of
     * padding between fields then keep their old values (no reader looks at them). Values and
     * array elements are never zeroed before a write, so it changes nothing there. False unless
     * overridden, or made by {@link #everyField}.
     *
     * @return whether every field is written
     */
    default boolean writesEveryField() {
        return false;
    }

    /**
     * {@code writer}, saying that it {@linkplain #writesEveryField writes every field}: the way to
     * say so with a lambda, for example
     * {@code ring.append(SlotWriter.everyField((buffer, offset) -> { id.putLong(buffer, offset, n);
     * price.putDouble(buffer, offset, p); }))}. Keep the result if the writer is reused: this
     * makes a small object per call (unless {@code writer} says so already, then it is returned).
     *
     * @param writer the writer, which must store every field
     * @return a writer that does what {@code writer} does and says it writes every field
     * @throws NullPointerException if {@code writer} is null
     */
    static SlotWriter everyField(SlotWriter writer) {
        Objects.requireNonNull(writer, "writer");
        if (writer.writesEveryField()) {
            return writer;
        }
        return new SlotWriter() {
            @Override
            public void write(ByteBuffer buffer, int offset) {
                writer.write(buffer, offset);
            }

            @Override
            public boolean writesEveryField() {
                return true;
            }
        };
    }
}
