/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.platform.SharedName;

import java.util.Objects;

/**
 * A validated segment name, portable across Linux, Windows and macOS.
 *
 * <p>The rule: 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 _ . -}, starting with
 * a letter, digit or {@code _}, optionally preceded by {@code Global\} or {@code Local\}. The
 * length limit keeps {@code "/" + name} within macOS's 31-byte {@code PSHMNAMLEN}; the character
 * set is safe in POSIX shared-memory names, Windows kernel-object names and file names.
 *
 * <p>The prefix chooses the Windows namespace: {@code Local\} (the default) is visible to the
 * current logon session, {@code Global\} to every session (creating there needs
 * {@code SeCreateGlobalPrivilege}). POSIX has one namespace per machine (per IPC namespace), so the
 * prefix is ignored there and {@code Global\jobs}, {@code Local\jobs} and {@code jobs} are the same
 * segment, reachable from Python as {@code SharedMemory(name="jobs")}.
 */
public final class SegmentName {
    /** Longest name, without the optional namespace prefix. */
    public static final int MAX_LENGTH = 30;

    private static final String GLOBAL_PREFIX = "Global\\";
    private static final String LOCAL_PREFIX = "Local\\";

    private final String given;
    private final String portable;
    private final boolean global;

    private SegmentName(String given, String portable, boolean global) {
        this.given = given;
        this.portable = portable;
        this.global = global;
    }

    /**
     * Validates a name.
     *
     * @param name the name, with or without a {@code Global\} or {@code Local\} prefix
     * @return the validated name
     * @throws SegmentException with {@link SegmentException.Reason#INVALID_NAME} saying what is allowed
     */
    public static SegmentName of(String name) {
        Objects.requireNonNull(name, "name");
        boolean global = name.startsWith(GLOBAL_PREFIX);
        String portable = global ? name.substring(GLOBAL_PREFIX.length())
                : name.startsWith(LOCAL_PREFIX) ? name.substring(LOCAL_PREFIX.length()) : name;
        String problem = problemWith(portable);
        if (problem != null) {
            throw new SegmentException(SegmentException.Reason.INVALID_NAME, "use", name, problem
                    + "; a name is 1-" + MAX_LENGTH + " characters from A-Z a-z 0-9 _ . -, starting with"
                    + " a letter, digit or _, optionally prefixed by Global\\ or Local\\");
        }
        return new SegmentName(name, portable, global);
    }

    /**
     * Checks a name without throwing.
     *
     * @param name the name to check, with or without a prefix
     * @return whether {@code name} follows the rule
     */
    public static boolean isValid(String name) {
        try {
            of(name);
            return true;
        } catch (SegmentException e) {
            return false;
        }
    }

    private static String problemWith(String portable) {
        if (portable.isEmpty()) {
            return "it is empty";
        }
        if (portable.length() > MAX_LENGTH) {
            return "it is " + portable.length() + " characters long";
        }
        for (int i = 0; i < portable.length(); i++) {
            char c = portable.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!(letterOrDigit || c == '_' || (i > 0 && (c == '.' || c == '-')))) {
                return "character '" + c + "' at index " + i + " is not allowed";
            }
        }
        return null;
    }

    /** {@return the name without a namespace prefix: the POSIX name is {@code "/" + portable()}} */
    public String portable() {
        return portable;
    }

    /** {@return whether the name asks for Windows' {@code Global\} namespace} */
    public boolean isGlobal() {
        return global;
    }

    /** The name as the platform bindings take it. */
    SharedName shared() {
        return new SharedName(given, portable, global);
    }

    /** The name as the caller wrote it. */
    @Override
    public String toString() {
        return given;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentName && ((SegmentName) o).given.equals(given);
    }

    @Override
    public int hashCode() {
        return given.hashCode();
    }
}
