/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder where the app keeps what outlives it: the token and the H2 history database
 * ({@code app.data-dir}). Created on first use, readable by its owner only where the file system
 * has POSIX permissions (elsewhere, such as on Windows, the user's own profile folder already is).
 */
@Singleton
public class DataDirectory {
    private final Path path;
    private boolean created;

    public DataDirectory(AppSettings settings) {
        this.path = settings.getDataDir().toAbsolutePath();
    }

    /**
     * The default: {@code $XDG_DATA_HOME/native-shm}, else {@code ~/.local/share/native-shm};
     * {@code %LOCALAPPDATA%\native-shm} on Windows.
     */
    public static Path defaultPath(Map<String, String> environment, String osName, String userHome) {
        return AppDirectories.user(environment, osName, userHome).data();
    }

    /** {@link #defaultPath} for this process. */
    public static Path defaultPath() {
        return defaultPath(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /**
     * The folder, created (owner-only) if it is not there yet.
     *
     * @throws ConfigurationException naming {@code app.data-dir} if it cannot be created
     */
    public synchronized Path path() {
        if (!created) {
            try {
                if (!Files.isDirectory(path)) {
                    Files.createDirectories(path.getParent());
                    try {
                        Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createDirectory(path); // no POSIX permissions here: the profile folder is private
                    } catch (FileAlreadyExistsException e) {
                        // another process made it meanwhile
                    }
                }
            } catch (IOException e) {
                throw new ConfigurationException("app.data-dir: cannot create " + path + " (" + e + ")");
            }
            created = true;
        }
        return path;
    }

    /**
     * Creates {@code name} in the folder with {@code content}, readable and writable by its owner
     * only (0600 where POSIX permissions exist).
     *
     * @throws FileAlreadyExistsException if it is already there (the caller reads it instead)
     */
    public Path createPrivateFile(String name, String content) throws IOException {
        Path file = path().resolve(name);
        Path temporary = Files.createTempFile(path(), name, ".new"); // 0600 on POSIX
        try {
            Files.writeString(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                // a link, not a move, so that of two processes starting at once only one wins
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, file); // no hard links here: refuses an existing file, if less strictly
            }
            return file;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
