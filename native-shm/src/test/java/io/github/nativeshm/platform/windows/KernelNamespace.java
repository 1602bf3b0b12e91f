/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import java.util.HashMap;
import java.util.Map;

/**
 * The object namespace the stand-ins share, as in an interactive Windows session: sections and
 * events live side by side in one directory per namespace, so a name taken by one type is refused
 * to the other ({@code ERROR_INVALID_HANDLE}, from {@code STATUS_OBJECT_TYPE_MISMATCH}).
 *
 * <p>Name forms, as Windows (and Wine) resolve them: {@code Local\x} and {@code Global\x} are
 * separate namespaces, a name without a prefix is {@code Local\}, and any other backslash (a
 * subdirectory such as {@code Local\a\b}, or an unknown prefix such as {@code Foo\x}) is
 * {@code ERROR_PATH_NOT_FOUND}. Names and prefixes are case-sensitive ({@code local\x} is no
 * path), as the Win32 docs say and Wine does. An empty name after the prefix is not modelled.
 * Thread-safe; it never calls out, so a stand-in may call it while holding its own lock.
 */
final class KernelNamespace {
    private final Map<String, String> types = new HashMap<>();

    /** The full name ({@code Local\x} or {@code Global\x}) of {@code name}, or null if its path does not exist. */
    static String resolve(String name) {
        String rest = name;
        String prefix = "Local\\";
        if (name.startsWith("Local\\")) {
            rest = name.substring("Local\\".length());
        } else if (name.startsWith("Global\\")) {
            prefix = "Global\\";
            rest = name.substring("Global\\".length());
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("the stand-ins do not model an empty name: " + name);
        }
        return rest.indexOf('\\') >= 0 ? null : prefix + rest;
    }

    /** The type ("Section", "Event") holding {@code fullName}, or null if it is free. */
    synchronized String typeOf(String fullName) {
        return types.get(fullName);
    }

    /** Records that an object of {@code type} now holds {@code fullName}. */
    synchronized void claim(String fullName, String type) {
        String previous = types.putIfAbsent(fullName, type);
        if (previous != null) {
            throw new IllegalStateException(fullName + " is already taken by a " + previous);
        }
    }

    /** Frees {@code fullName}: its object's last handle was closed. */
    synchronized void release(String fullName) {
        types.remove(fullName);
    }
}
