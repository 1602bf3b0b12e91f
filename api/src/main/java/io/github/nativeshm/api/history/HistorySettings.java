/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The history database ({@code app.database.*}) and how long it keeps things
 * ({@code app.history.retention}). Without {@code app.database.url} the history is an H2 file in
 * the data directory.
 */
public final class HistorySettings {
    private HistorySettings() {
    }

    /** {@code app.database.*}: a PostgreSQL server instead of the H2 file. */
    @ConfigurationProperties("app.database")
    public static class Database {
        private String url;
        private String user;
        private String password;
        private Path passwordFile;

        /** {@code jdbc:postgresql://host:port/database}; null for the H2 file in the data directory. */
        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            if (url != null && !url.startsWith("jdbc:postgresql:")) {
                throw new ConfigurationException("app.database.url: '" + url + "' is not a PostgreSQL JDBC URL; use"
                        + " jdbc:postgresql://HOST:PORT/DATABASE (leave it unset for the H2 file in the data directory)");
            }
            this.url = url;
        }

        /** The user to connect as. */
        public @Nullable String getUser() {
            return user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        /** The password, given directly or read from {@link #getPasswordFile()}. */
        public @Nullable String getPassword() {
            if (passwordFile == null) {
                return password;
            }
            try {
                return Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new ConfigurationException("app.database.password-file: cannot read " + passwordFile + " (" + e + ")");
            }
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** A file holding the password (kept out of the command line and the environment). */
        public @Nullable Path getPasswordFile() {
            return passwordFile;
        }

        public void setPasswordFile(@Nullable Path passwordFile) {
            if (passwordFile != null && !Files.isReadable(passwordFile)) {
                throw new ConfigurationException("app.database.password-file: cannot read " + passwordFile.toAbsolutePath());
            }
            this.passwordFile = passwordFile;
        }
    }

    /** {@code app.history.*}: what the history keeps. */
    @ConfigurationProperties("app.history")
    public static class Retention {
        private Duration retention = Duration.ofDays(30);
        private Duration retentionCheck = Duration.ofHours(1);

        /** Items last seen, crawls finished and points taken longer ago than this are deleted. */
        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            if (retention.isNegative() || retention.isZero()) {
                throw new ConfigurationException("app.history.retention: must be positive, was " + retention);
            }
            this.retention = retention;
        }

        /** How often the retention is enforced. */
        public Duration getRetentionCheck() {
            return retentionCheck;
        }

        public void setRetentionCheck(Duration retentionCheck) {
            if (retentionCheck.isNegative() || retentionCheck.isZero()) {
                throw new ConfigurationException("app.history.retention-check: must be positive, was " + retentionCheck);
            }
            this.retentionCheck = retentionCheck;
        }
    }
}
