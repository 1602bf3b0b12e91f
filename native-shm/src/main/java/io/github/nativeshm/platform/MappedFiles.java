/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

import io.github.nativeshm.platform.PlatformException.Kind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * File-backed segments: a regular file mapped shared, through the JDK (which also unmaps it), the
 * same on every OS. The file outlives processes and reboots; on Windows it cannot be deleted while
 * any process maps it.
 */
public final class MappedFiles {
    private static final int ZERO_CHUNK = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private MappedFiles() {
    }

    /**
     * Creates {@code file} (owner-only where the file system has POSIX permissions), writes
     * {@code size} zero bytes so that a full disk fails here rather than as a SIGBUS on first
     * touch, and maps it.
     */
    public static Mapping create(Path file, long size) {
        String operation = "create";
        boolean mapped = false;
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), ownerOnlyWhereSupported(file))) {
            try {
                fillWithZeros(channel, size);
                Mapping mapping = Mapping.ofMappedBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, size), false, true,
                        MappedFile.of(file));
                mapped = true;
                return mapping;
            } finally {
                if (!mapped) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw failure(operation, file, e);
        }
    }

    /** Maps an existing file of 1 to {@link Mapping#MAX_SIZE} bytes. */
    public static Mapping open(Path file, boolean readOnly) {
        String operation = readOnly ? "open read-only" : "open";
        OpenOption[] options = readOnly ? new OpenOption[] {StandardOpenOption.READ}
                : new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(file, options)) {
            long size = channel.size();
            if (size == 0 || size > Mapping.MAX_SIZE) {
                throw new PlatformException(Kind.INVALID_SIZE, operation, file.toString(), "the file has "
                        + size + " bytes; a segment has 1 to " + Mapping.MAX_SIZE);
            }
            FileChannel.MapMode mode = readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE;
            return Mapping.ofMappedBuffer(channel.map(mode, 0, size), readOnly, false, MappedFile.of(file));
        } catch (IOException e) {
            throw failure(operation, file, e);
        }
    }

    /**
     * A mapped file, looked at through its path: its owner is the file's owner, compared by name
     * with the {@code user.name} this JVM runs as; damage is the path's file being gone, another
     * file, or shorter than the mapping.
     */
    private record MappedFile(Path file, Object fileKey) implements MappedObject {
        static MappedFile of(Path file) throws IOException {
            return new MappedFile(file, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        }

        @Override
        public Owner owner() {
            try {
                String name = Files.getOwner(file).getName();
                return new Owner(name, name.equals(System.getProperty("user.name")));
            } catch (IOException e) {
                return new Owner("an owner that cannot be read (" + e + ")", false);
            }
        }

        @Override
        public Optional<String> damage(long mappedSize) {
            BasicFileAttributes now;
            try {
                now = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return Optional.of("removed (its name no longer exists)");
            } catch (IOException e) {
                return Optional.of("its file cannot be checked (" + e + ")");
            }
            if (fileKey != null && !fileKey.equals(now.fileKey())) {
                return Optional.of("replaced (its name now refers to another segment)");
            }
            if (now.size() < mappedSize) {
                return Optional.of("truncated to " + now.size() + " bytes (mapped " + mappedSize + ")");
            }
            return Optional.empty();
        }
    }

    private static void fillWithZeros(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, size));
        long position = 0;
        while (position < size) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
            position += channel.write(zeros, position);
        }
    }

    private static FileAttribute<?>[] ownerOnlyWhereSupported(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = directory != null
                && Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    private static PlatformException failure(String operation, Path file, IOException e) {
        Kind kind;
        if (e instanceof FileAlreadyExistsException) {
            kind = Kind.EXISTS;
        } else if (e instanceof NoSuchFileException) {
            kind = Kind.NOT_FOUND;
        } else if (e instanceof AccessDeniedException) {
            kind = Kind.PERMISSION_DENIED;
        } else if (String.valueOf(e.getMessage()).contains("No space left")) {
            kind = Kind.NO_SPACE;
        } else {
            kind = Kind.OS_ERROR;
        }
        String detail = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : e.getClass().getSimpleName();
        return new PlatformException(kind, operation, file.toString(), detail, e);
    }
}
