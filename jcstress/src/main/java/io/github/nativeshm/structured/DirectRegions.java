/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.platform.PollingSignals;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Value, array and ring regions over a fresh direct buffer of their own, laid out exactly as in a
 * segment (region header at offset 0, then the slots), so that each jcstress state drives the real
 * {@link SharedValue}, {@link SharedArray}, {@link EventRing} and {@link RingReader} code without a
 * segment of its own.
 *
 * <p>Every region needs an owning {@link StructuredSegment}: for its open check, its writer role, and
 * its writer's liveness, which a reader consults only after a slot stayed odd for hundreds of
 * retries. One tiny segment per JVM serves all regions; its name is removed at once, so a killed
 * test JVM leaves nothing behind.
 */
final class DirectRegions {
    private static final StructuredSegment OWNER = createOwner();

    private DirectRegions() {
    }

    static <T extends Record> SharedValue<T> value(Class<T> type) {
        Layout<T> layout = Layout.of(type);
        return new SharedValue<>(region(RegionKind.VALUE, layout, 1), layout);
    }

    static <T extends Record> SharedArray<T> array(Class<T> type, int capacity) {
        Layout<T> layout = Layout.of(type);
        return new SharedArray<>(region(RegionKind.ARRAY, layout, capacity), layout);
    }

    static <T extends Record> EventRing<T> ring(Class<T> type, int capacity) {
        Layout<T> layout = Layout.of(type);
        return new EventRing<>(region(RegionKind.RING, layout, capacity), layout);
    }

    private static RegionMemory region(RegionKind kind, Layout<?> layout, long capacity) {
        long length = RegionDescriptor.slottedLength(layout.size(), capacity);
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) length + 8).alignedSlice(8).order(ByteOrder.nativeOrder());
        RegionInfo info = new RegionInfo(kind.name().toLowerCase(), kind, layout.name(), layout.fingerprint(),
                layout.size(), capacity, 0, length, layout.canonical());
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        return new RegionMemory(OWNER, buffer, address, info, new PollingSignals());
    }

    private static StructuredSegment createOwner() {
        String name = "jcstress-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
                + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        StructuredSegment owner = StructuredSegment.create(name, SegmentSpec.builder().raw("unused", 8).build());
        owner.segment().unlink(); // the mapping stays usable until this JVM exits
        return owner;
    }
}
