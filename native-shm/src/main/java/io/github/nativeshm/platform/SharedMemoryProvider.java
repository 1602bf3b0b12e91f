/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import java.util.List;

/**
 * Named shared memory as one operating system provides it. Implementations check nothing the
 * caller already checked (name syntax, size range) and report every OS failure as a
 * {@link PlatformException} naming the call and the OS error. The implementation for the running
 * system is chosen by the public {@code Segment}, which knows every implementation; this package
 * knows none of them.
 */
public interface SharedMemoryProvider {

    /** Creates a new segment of {@code size} bytes; fails with {@code EXISTS} if the name is taken. */
    Mapping create(SharedName name, long size);

    /** Maps an existing segment; fails with {@code NOT_FOUND} if there is none. */
    Mapping open(SharedName name, boolean readOnly);

    /**
     * Removes the name, where the platform has one to remove, so that nobody else can open it;
     * existing mappings stay valid. Windows has none: there this does nothing.
     */
    void unlink(SharedName name);

    /**
     * Every shared-memory object this provider can see, by its OS name, valid segment name or not
     * (the caller keeps the ones it can open).
     */
    List<Entry> list();

    /**
     * An object found by {@link #list()}.
     *
     * @param name its name as the OS lists it
     * @param size its size in bytes as the OS reports it
     */
    record Entry(String name, long size) {
    }
}
