/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets (the token file, the users file): readable and writable by their owner
 * only where the file system has POSIX permissions. Elsewhere (Windows) the folders the app uses
 * are the user's or the service's own, so there is nothing to check.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /**
     * Refuses {@code file} if its group or others have any permission on it.
     *
     * @throws ConfigurationException naming the file and the {@code chmod} that fixes it
     */
    public static void check(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read (" + e + ")");
        }
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new ConfigurationException(file + ": holds a secret but others may read it ("
                    + PosixFilePermissions.toString(permissions) + "); make it owner-only: chmod 600 " + file);
        }
    }

    /**
     * Replaces {@code file} with {@code content} at once (a reader sees the old file or the new
     * one, never a part), owner-only.
     */
    public static void write(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".new"); // 0600 on POSIX
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
