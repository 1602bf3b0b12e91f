/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import java.util.Objects;

/**
 * An operating-system call behind a segment failed, said in the platform's own terms: the
 * {@link Kind} of failure, the operation attempted, what it was attempted on (a segment name, a file
 * path, an event key) and the OS's own words — the call and its errno name and text on Linux, its
 * code and message on Windows. The public classes turn it into a {@code SegmentException} whose
 * reason has the kind's name and whose message carries the same operation, subject and detail.
 */
public final class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, in terms every platform shares. */
    public enum Kind {
        /** Exclusive create of a name or file that exists. */
        EXISTS,
        /** Open or unlink of a name or file that does not exist. */
        NOT_FOUND,
        /** The operating system refused access. */
        PERMISSION_DENIED,
        /** Not enough memory, disk or address space. */
        NO_SPACE,
        /** The operating system refused the name (for example as too long). */
        INVALID_NAME,
        /** The object's size cannot be a segment's (empty, or larger than one mapping). */
        INVALID_SIZE,
        /** The operation does not exist on this platform. */
        UNSUPPORTED,
        /** Any other failure; the detail carries the OS error. */
        OS_ERROR
    }

    private final Kind kind;
    private final String operation;
    private final String subject;
    private final String detail;

    /**
     * @param kind      the classification
     * @param operation what was attempted, for example {@code "create"} or {@code "wait on"}
     * @param subject   what it was attempted on: the segment name as given, a file path, an event key
     * @param detail    the call and the OS error, for example {@code "shm_open: EEXIST, File exists"}
     */
    public PlatformException(Kind kind, String operation, String subject, String detail) {
        this(kind, operation, subject, detail, null);
    }

    /** As {@link #PlatformException(Kind, String, String, String)}, keeping the JDK's report as the cause. */
    public PlatformException(Kind kind, String operation, String subject, String detail, Throwable cause) {
        super("cannot " + operation + " '" + subject + "': " + kind + " (" + detail + ")", cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.operation = operation;
        this.subject = subject;
        this.detail = detail;
    }

    /** The classification. */
    public Kind kind() {
        return kind;
    }

    /** What was attempted, for example {@code "create"}. */
    public String operation() {
        return operation;
    }

    /** What it was attempted on. */
    public String subject() {
        return subject;
    }

    /** The call and the OS error. */
    public String detail() {
        return detail;
    }
}
