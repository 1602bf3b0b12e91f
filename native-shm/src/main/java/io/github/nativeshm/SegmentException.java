/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import java.util.Objects;

/**
 * A shared-memory operation failed. The message names the segment, the operation and, where the
 * operating system refused, its error (errno name and text on Linux, code and message on Windows).
 * {@link #reason()} classifies the failure for code that wants to react to it.
 */
public final class SegmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /**
         * Exclusive create of a name (or file) that exists. Only that: a segment whose writer is alive
         * is {@link #WRITER_ALIVE}, and a create-or-open that kept losing races is {@link #CREATE_RACE}.
         */
        EXISTS("it already exists"),
        /** Open or unlink of a name that does not exist. */
        NOT_FOUND("no such segment"),
        /** The operating system refused access (for example another user's 0600 segment). */
        PERMISSION_DENIED("permission denied"),
        /** Not enough memory, disk or address space for the requested size. */
        NO_SPACE("not enough space"),
        /** The name breaks the portable naming rule. */
        INVALID_NAME("invalid name"),
        /** The size is zero, negative or larger than a segment can be. */
        INVALID_SIZE("invalid size"),
        /**
         * A write through a segment mapped read-only ({@link Segment#openReadOnly}). A structured
         * segment's reader that writes gets {@link #NOT_WRITER}, however it is mapped.
         */
        READ_ONLY("the segment is open read-only"),
        /**
         * A write to a structured segment by a process that is not its writer: it neither created
         * it nor attached to it as the writer.
         */
        NOT_WRITER("this process is not its writer"),
        /** Use of a segment after {@link Segment#close()}. */
        CLOSED("the segment is closed"),
        /** The segment's bytes break the segment format; the message says which field and value. */
        CORRUPT("the segment is corrupt"),
        /** A region holds a different struct layout than the caller asked for. */
        LAYOUT_MISMATCH("layout mismatch"),
        /** No region of that name, or of that kind, in the segment. */
        NO_SUCH_REGION("no such region"),
        /** The segment exists but its creator has not finished formatting it. */
        NOT_READY("the segment is not ready yet"),
        /** The writer died in the middle of a write; a new writer repairs the slot when it attaches. */
        WRITER_DEAD("the writer died mid-write"),
        /**
         * Another process that is still running is the segment's writer (it is never taken over,
         * replaced or re-created); the message names its pid.
         */
        WRITER_ALIVE("another live process is its writer"),
        /**
         * A create-or-open (or create-or-attach) lost the race with other processes every time it
         * tried: the name was created by another process, then gone again before this one could open
         * it. Retrying later usually succeeds; the message says how many attempts were made.
         */
        CREATE_RACE("lost the race with other creators"),
        /** The segment belongs to another user, whose data a writer never takes over; the message names the owner. */
        FOREIGN_OWNER("owned by another user"),
        /**
         * The memory behind the mapping is gone: the segment was truncated or replaced underneath
         * this process, and an access hit a page that no longer exists.
         */
        FAULT("the memory behind the mapping is gone (the segment was truncated or replaced underneath)"),
        /** A wait ended before what it waited for happened. */
        TIMEOUT("timed out"),
        /** The operation does not exist on this platform. */
        UNSUPPORTED("not supported on this platform"),
        /** Any other operating-system failure; the message carries the OS error. */
        OS_ERROR("the operating system refused");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** {@return a short human description, used in messages} */
        public String text() {
            return text;
        }
    }

    /** The classification. */
    private final Reason reason;
    /** The segment name or file path. */
    private final String segment;
    /** What was attempted, for example {@code "create"}. */
    private final String operation;

    /**
     * A failure with the message {@code cannot OPERATION segment 'SEGMENT': REASON (DETAIL)}.
     *
     * @param reason    the classification
     * @param operation what was attempted, for example {@code "create"} or {@code "open read-only"}
     * @param segment   the segment name or file path
     * @param detail    what exactly went wrong, including the OS error where there is one; may be null
     */
    public SegmentException(Reason reason, String operation, String segment, String detail) {
        super("cannot " + operation + " segment '" + segment + "': " + reason.text()
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.operation = operation;
        this.segment = segment;
    }

    /** {@return the classification of this failure} */
    public Reason reason() {
        return reason;
    }

    /** {@return the segment name (or file path) the failed operation was about} */
    public String segment() {
        return segment;
    }

    /** {@return the operation that failed, for example {@code "create"}} */
    public String operation() {
        return operation;
    }
}
