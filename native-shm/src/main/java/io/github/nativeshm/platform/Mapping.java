/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory mapped by a provider, as a direct buffer of exactly the segment's logical size.
 *
 * <p>Lifetime: the OS view is unmapped only when the buffer and every view derived from it
 * (duplicates, slices, read-only views all keep the root reachable) are unreachable, the way the
 * JDK releases a {@code MappedByteBuffer}. Code that still holds a buffer after the segment is
 * closed therefore reads and writes valid memory instead of crashing the JVM. {@link #detach()}
 * releases what can be released at close time without that risk (a Windows handle).
 */
public final class Mapping {
    /** The largest mapping: one mapping is one Java direct buffer. */
    public static final long MAX_SIZE = Integer.MAX_VALUE;

    private static final Cleaner UNMAPPER = Cleaner.create();
    private static final AtomicInteger CLOSED_STILL_MAPPED = new AtomicInteger();
    private static final int COLLECT_EVERY = 4096;

    private final ByteBuffer buffer;
    private final long address;
    private final boolean created;
    private final Runnable detach;
    private final MappedObject object;

    private Mapping(ByteBuffer buffer, long address, boolean created, Runnable detach, MappedObject object) {
        this.buffer = buffer;
        this.address = address;
        this.created = created;
        this.detach = detach;
        this.object = object;
    }

    /**
     * Wraps memory mapped through a native call.
     *
     * @param view    the first byte of the view
     * @param size    the logical size; the view must be at least this long
     * @param created whether this call created the segment
     * @param unmap   releases the view; runs once, when nothing can reach the buffer any more
     * @param detach  releases handles at close time; must not unmap
     * @param object  the object mapped, for its owner and damage
     */
    public static Mapping ofNative(Pointer view, long size, boolean readOnly, boolean created,
                                   Runnable unmap, Runnable detach, MappedObject object) {
        ByteBuffer root = view.getByteBuffer(0, size);
        AtomicBoolean closed = new AtomicBoolean();
        UNMAPPER.register(root, () -> {
            unmap.run();
            if (closed.get()) {
                CLOSED_STILL_MAPPED.decrementAndGet();
            }
        });
        return new Mapping(viewOf(root, readOnly), Pointer.nativeValue(view), created, () -> {
            detach.run();
            closed.set(true);
            // A closed view costs a kernel mapping but almost no heap, so the collector may never
            // run on its own: ask for it now and then, as java.nio.Bits does for direct memory.
            // Without this, a loop of open/close exhausts vm.max_map_count and the JVM dies.
            if (CLOSED_STILL_MAPPED.incrementAndGet() % COLLECT_EVERY == 0) {
                System.gc();
            }
        }, object);
    }

    /** Asks the collector to unmap closed views; callers retry a mapping that failed for lack of room. */
    public static void collectClosedViews() {
        if (CLOSED_STILL_MAPPED.get() > 0) {
            System.gc();
            try {
                Thread.sleep(100); // the cleaner thread unmaps after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wraps a buffer the JDK mapped (file-backed segments); the JDK unmaps it. */
    public static Mapping ofMappedBuffer(ByteBuffer mapped, boolean readOnly, boolean created, MappedObject object) {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(mapped));
        return new Mapping(viewOf(mapped, readOnly), address, created, () -> { }, object);
    }

    private static ByteBuffer viewOf(ByteBuffer root, boolean readOnly) {
        ByteBuffer view = readOnly ? root.asReadOnlyBuffer() : root.duplicate();
        return view.order(ByteOrder.nativeOrder());
    }

    /** The whole segment in native byte order; read-only for read-only mappings. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The address of the first byte, for code that hands the memory to native code. */
    public long address() {
        return address;
    }

    /** Whether the mapping call created the segment (false when it opened an existing one). */
    public boolean created() {
        return created;
    }

    /** The object mapped: its owner and whether the memory behind the mapping is still there. */
    public MappedObject object() {
        return object;
    }

    /** Releases what can be released without unmapping; called once, by close. */
    public void detach() {
        detach.run();
    }
}
