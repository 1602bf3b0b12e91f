/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * Who may use the app ({@code app.auth.*}). Sign-in is on when the users file lists a user, or
 * when {@code app.auth.required=true}.
 */
@ConfigurationProperties("app.auth")
public class AuthSettings {
    /** The users file's name in the data directory, unless {@code app.auth.users-file} names another. */
    public static final String USERS_FILE = "users.yaml";

    private Path usersFile;
    private boolean required;
    private boolean anonymousReads;

    /** The users and their bcrypt password hashes; null for {@code <data-dir>/users.yaml}. */
    public @Nullable Path getUsersFile() {
        return usersFile;
    }

    public void setUsersFile(@Nullable Path usersFile) {
        this.usersFile = usersFile;
    }

    /** The users file to use: the configured one, else {@code users.yaml} in {@code dataDir}. */
    public Path usersFile(Path dataDir) {
        return usersFile != null ? usersFile : dataDir.resolve(USERS_FILE);
    }

    /** Sign-in is on even while the users file is empty (then nobody can sign in until one is added). */
    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    /**
     * Reads need no sign-in even when it is on, or when the app listens on more than loopback
     * without users: the operator's explicit choice. Changes still need the token or an editor.
     */
    public boolean isAnonymousReads() {
        return anonymousReads;
    }

    public void setAnonymousReads(boolean anonymousReads) {
        this.anonymousReads = anonymousReads;
    }
}
