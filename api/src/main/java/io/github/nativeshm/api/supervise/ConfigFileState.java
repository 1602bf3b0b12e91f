/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the crawler's config file looks like now, to notice that someone changed it: its kind,
 * modification time, size and, for a regular file the crawler would read, a SHA-256 of its content
 * (an editor that keeps the time and size still changes the hash). Never reads more than
 * {@value #MAX_HASHED} bytes and never opens what is not a regular file (a FIFO would block).
 */
record ConfigFileState(String description) {
    /** Files above this are refused by the crawler anyway: time and size tell their changes. */
    private static final long MAX_HASHED = 2L << 20;

    /** The state of {@code file} now. */
    static ConfigFileState of(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return new ConfigFileState("unreadable: " + e);
        }
        String kind = attributes.isRegularFile() ? "file" : attributes.isDirectory() ? "directory" : "other";
        String description = kind + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.size();
        if (attributes.isRegularFile() && attributes.size() <= MAX_HASHED) {
            description += " " + sha256(file);
        }
        return new ConfigFileState(description);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; total <= MAX_HASHED && (n = in.read(buffer)) > 0; total += n) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unreadable: " + e;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
