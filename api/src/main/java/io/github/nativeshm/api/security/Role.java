/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a signed-in user may do. */
public enum Role {
    /** May change things: sources, crawl now. */
    EDITOR,
    /** Reads only. */
    VIEWER;

    /** The name in {@code users.yaml}, the session and the api: {@code editor} or {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role called {@code id}, if there is one. */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}
