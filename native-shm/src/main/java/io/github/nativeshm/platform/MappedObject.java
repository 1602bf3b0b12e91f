/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import java.util.Optional;

/**
 * The operating-system object behind a mapping (a POSIX shared-memory file, a Windows section, a
 * mapped file), asked afresh on every call: who owns it, and whether the memory behind the
 * mapping is still all there.
 */
public interface MappedObject {

    /** Who owns the object now. */
    Owner owner();

    /**
     * What is wrong with the memory behind a mapping of {@code mappedSize} bytes: truncated below
     * it, its name removed, or its name now another object; empty while intact.
     */
    Optional<String> damage(long mappedSize);

    /** The owner of a mapped object: how to name it, and whether it is the user this process runs as. */
    record Owner(String description, boolean isCurrentUser) {
    }
}
