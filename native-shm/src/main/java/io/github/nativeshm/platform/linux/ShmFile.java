/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import io.github.nativeshm.platform.MappedObject;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A POSIX shared-memory file as a mapping sees it: its descriptor stays open while the segment is
 * open, so that {@code fstat} describes the memory mapped even after the name is removed or
 * reused, and {@code /dev/shm/NAME} (where glibc keeps the names) tells whether the name still
 * refers to it.
 */
final class ShmFile implements MappedObject {
    /** {@code struct passwd}: 48 bytes on 64-bit Linux, {@code pw_name} first. */
    private static final int PASSWD_LENGTH = 48;
    private static final int NAME_BUFFER_LENGTH = 4096;

    private final int fd;
    private final Path path;
    private final FileStatus opened;
    private boolean closed;

    /** @throws LastErrorException if {@code fd} cannot be inspected */
    ShmFile(int fd, Path path) {
        this.fd = fd;
        this.path = path;
        this.opened = FileStatus.of(fd);
    }

    @Override
    public synchronized Owner owner() {
        int uid = closed ? opened.uid() : FileStatus.of(fd).uid();
        return new Owner(describeUser(uid), uid == LibC.geteuid());
    }

    @Override
    public synchronized Optional<String> damage(long mappedSize) {
        if (closed) {
            return Optional.empty();
        }
        long size = FileStatus.of(fd).size();
        if (size < mappedSize) {
            return Optional.of("truncated to " + size + " bytes (mapped " + mappedSize + ")");
        }
        try {
            Map<String, Object> named = Files.readAttributes(path, "unix:dev,ino");
            if ((long) named.get("dev") != opened.device() || (long) named.get("ino") != opened.inode()) {
                return Optional.of("replaced (its name now refers to another segment)");
            }
        } catch (NoSuchFileException e) {
            return Optional.of("removed (its name no longer exists)");
        } catch (IOException e) {
            return Optional.of("its name cannot be checked (" + path + ": " + e + ")");
        }
        return Optional.empty();
    }

    /** Closes the descriptor (again: nothing); the owner stays what it was at open, and damage is no longer checked. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.close(fd);
            } catch (LastErrorException ignored) {
                // Closing a descriptor we opened cannot fail in a way anyone could act on.
            }
        }
    }

    /** "uid 1000 (alice)", or "uid 1000" for a uid without a user name. */
    static String describeUser(int uid) {
        try (Memory passwd = new Memory(PASSWD_LENGTH); Memory names = new Memory(NAME_BUFFER_LENGTH)) {
            PointerByReference result = new PointerByReference();
            int error = LibC.getpwuid_r(uid, passwd, names, NAME_BUFFER_LENGTH, result);
            String name = error == 0 && result.getValue() != null ? passwd.getPointer(0).getString(0) : null;
            return "uid " + Integer.toUnsignedString(uid) + (name == null ? "" : " (" + name + ")");
        }
    }
}
