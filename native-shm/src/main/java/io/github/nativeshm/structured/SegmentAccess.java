/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Ordered and atomic access to ints and longs in a segment buffer, fixed-size strings, and what
 * faults in a truncated segment need. Atomic updates go through the methods here, never through
 * {@link #INT} or {@link #LONG} directly (see {@link #getAndAddLong}).
 */
final class SegmentAccess {
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /**
     * Whether every access raises a fault synchronously ({@link #deliverPendingFault}); off with
     * {@code -Dnativeshm.faults.synchronous=false}, as Agrona's bounds checks are off with
     * {@code agrona.disable.bounds.checks}: the hot paths then cost what they did before the
     * guard (see docs/benchmarks.md), and a fault in compiled code may surface as an
     * {@link InternalError} in later code of the same thread instead of a {@code FAULT}.
     */
    static final boolean SYNCHRONOUS_FAULTS = !"false".equals(System.getProperty("nativeshm.faults.synchronous"));

    /** 0, in a field that is not final, so that the JIT cannot treat it as a constant (see {@link #deliverPendingFault}). */
    @SuppressWarnings("FieldMayBeFinal")
    private static int vmAllocatedDimension = 0;

    /** Never written: the source of {@link #zero}'s copies. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(4096);

    private SegmentAccess() {
    }

    /**
     * Adds atomically; returns the value before. Like every atomic update here, it first loads the
     * word and raises the fault of that load, if any: JDK 17 performs an atomic update of memory
     * outside the heap, when not compiled, in VM code that does not handle faults, so an update of
     * a page truncated away would kill the JVM where a load only raises an {@link InternalError}.
     * (A truncation in the nanoseconds between the check and the update still can.)
     */
    static long getAndAddLong(ByteBuffer buffer, int offset, long delta) {
        checkMapped(buffer, offset);
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    /** Adds atomically; returns the value before. See {@link #getAndAddLong}. */
    static int getAndAddInt(ByteBuffer buffer, int offset, int delta) {
        checkMapped(buffer, offset);
        return (int) INT.getAndAdd(buffer, offset, delta);
    }

    /** Compares and sets atomically; returns whether it set. See {@link #getAndAddLong}. */
    static boolean compareAndSetLong(ByteBuffer buffer, int offset, long expected, long value) {
        checkMapped(buffer, offset);
        return LONG.compareAndSet(buffer, offset, expected, value);
    }

    private static void checkMapped(ByteBuffer buffer, int offset) {
        INT.getVolatile(buffer, offset);
        deliverPendingFault();
    }

    /**
     * Raises here the {@link InternalError} of a fault an earlier access met, if one is pending.
     * HotSpot (JDK 17) skips an access that faults in the mapping and raises its error only when
     * the thread next enters the VM from Java: maybe far from the access, outside any guard,
     * killing a thread that never touched the segment (see {@link StructuredSegment#guard}). A
     * multi-dimensional array is allocated by the VM in every tier (the JIT expands it inline only
     * for constant dimensions, hence the field), so this allocation enters the VM, which raises
     * the pending error now; an empty one is the smallest (16 bytes). That VM call is what the
     * guard costs: about 40 ns per access, measured in docs/benchmarks.md.
     */
    static void deliverPendingFault() {
        if (SYNCHRONOUS_FAULTS && new byte[vmAllocatedDimension][0].length != vmAllocatedDimension) {
            throw new AssertionError("a new array has the length it was given");
        }
    }

    /**
     * Zeroes {@code length} bytes from {@code offset} with bulk copies from a direct zero buffer: a
     * store per long through the buffer made a ring append twice as slow (a 64-byte slot: ~20 ns
     * of ~40 in one thread), and across processes copies from a heap array measured slower too.
     */
    static void zero(ByteBuffer buffer, int offset, int length) {
        for (int done = 0; done < length; done += ZEROS.capacity()) {
            buffer.put(offset + done, ZEROS, 0, Math.min(ZEROS.capacity(), length - done));
        }
    }

    /** Reads a NUL-padded UTF-8 field; malformed bytes become U+FFFD. */
    static String getFixedString(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Writes a NUL-padded UTF-8 field; the caller checked that the text fits. */
    static void putFixedString(ByteBuffer buffer, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.put(offset, bytes);
        for (int i = bytes.length; i < length; i++) {
            buffer.put(offset + i, (byte) 0);
        }
    }
}
