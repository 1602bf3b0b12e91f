/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.segment;

/** The crawler's segment cannot be read now (not created yet, being re-created, damaged or foreign). */
public final class SegmentUnavailableException extends RuntimeException {
    /** Why there is no usable segment. */
    public enum Why {
        /** No crawler has published into it yet (it does not exist, or is being created). */
        NOT_PUBLISHED,
        /** It exists but cannot be used: truncated, replaced, corrupt, not a crawler segment. */
        DAMAGED,
        /** It belongs to another user: its data is not shown. */
        FOREIGN_OWNER
    }

    private final Why why;

    public SegmentUnavailableException(Why why, String message, Throwable cause) {
        super(message, cause);
        this.why = why;
    }

    /** Reading segment {@code name} failed with {@code cause}. */
    public static SegmentUnavailableException unreadable(String name, Exception cause) {
        return new SegmentUnavailableException(Why.DAMAGED, "segment '" + name + "' cannot be read: " + cause.getMessage(),
                cause);
    }

    /** Why there is no usable segment. */
    public Why why() {
        return why;
    }
}
