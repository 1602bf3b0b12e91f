/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.linux;

import io.github.nativeshm.platform.Mapping;
import io.github.nativeshm.platform.PlatformException;
import io.github.nativeshm.platform.PlatformException.Kind;
import io.github.nativeshm.platform.SharedMemoryProvider;
import io.github.nativeshm.platform.SharedName;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.nativeshm.platform.linux.LibC.*;

/**
 * POSIX shared memory on Linux: {@code shm_open("/" + name)}, sized with {@code ftruncate} and
 * reserved with {@code posix_fallocate} (so a full {@code /dev/shm} fails here, not later as a
 * SIGBUS), mapped {@code MAP_SHARED}. The descriptor stays open until the segment is closed, so
 * that {@code fstat} can tell its owner and whether it was truncated ({@link ShmFile}). Segments
 * are created with mode 0600.
 */
public final class LinuxSharedMemory implements SharedMemoryProvider {
    private static final Path SHM_DIRECTORY = Path.of("/dev/shm");
    private static final int OWNER_READ_WRITE = 0600;

    private static final Map<Integer, String> ERRNO_NAMES = Map.of(
            EPERM, "EPERM", ENOENT, "ENOENT", ENOMEM, "ENOMEM", EACCES, "EACCES", EEXIST, "EEXIST",
            EINVAL, "EINVAL", EMFILE, "EMFILE", EFBIG, "EFBIG", ENOSPC, "ENOSPC", ENAMETOOLONG, "ENAMETOOLONG");

    @Override
    public Mapping create(SharedName name, long size) {
        String operation = "create";
        int fd = shmOpen(name, O_CREAT | O_EXCL | O_RDWR, operation);
        boolean mapped = false;
        try {
            try {
                ftruncate(fd, size);
            } catch (LastErrorException e) {
                throw failure(operation, name, "ftruncate", e.getErrorCode());
            }
            int error = posix_fallocate(fd, 0, size);
            if (error != 0) {
                throw failure(operation, name, "posix_fallocate", error);
            }
            Mapping mapping = map(fd, size, false, true, name, operation);
            mapped = true;
            return mapping;
        } finally {
            if (!mapped) {
                closeQuietly(fd);
                unlinkQuietly(name);
            }
        }
    }

    @Override
    public Mapping open(SharedName name, boolean readOnly) {
        String operation = readOnly ? "open read-only" : "open";
        int fd = shmOpen(name, readOnly ? O_RDONLY : O_RDWR, operation);
        boolean mapped = false;
        try {
            long size;
            try {
                size = lseek(fd, 0, SEEK_END);
            } catch (LastErrorException e) {
                throw failure(operation, name, "lseek", e.getErrorCode());
            }
            if (size == 0) {
                throw new PlatformException(Kind.INVALID_SIZE, operation, name.toString(),
                        "its size is 0: the creator has not sized it yet, or it is not a segment");
            }
            if (size > Mapping.MAX_SIZE) {
                throw new PlatformException(Kind.INVALID_SIZE, operation, name.toString(),
                        "its size " + size + " is over the " + Mapping.MAX_SIZE + "-byte limit of one mapping");
            }
            Mapping mapping = map(fd, size, readOnly, false, name, operation);
            mapped = true;
            return mapping;
        } finally {
            if (!mapped) {
                closeQuietly(fd);
            }
        }
    }

    @Override
    public void unlink(SharedName name) {
        try {
            LibRt.shm_unlink(posixName(name));
        } catch (LastErrorException e) {
            throw failure("unlink", name, "shm_unlink", e.getErrorCode());
        }
    }

    /** The regular files in {@code /dev/shm}, where glibc keeps POSIX shared memory, sorted by name. */
    @Override
    public List<Entry> list() {
        if (!Files.isDirectory(SHM_DIRECTORY)) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(SHM_DIRECTORY)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                if (Files.isRegularFile(entry)) {
                    found.add(new Entry(entry.getFileName().toString(), Files.size(entry)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + SHM_DIRECTORY, e);
        }
        return found;
    }

    private static String posixName(SharedName name) {
        return "/" + name.portable();
    }

    private static int shmOpen(SharedName name, int flags, String operation) {
        try {
            return LibRt.shm_open(posixName(name), flags, OWNER_READ_WRITE);
        } catch (LastErrorException e) {
            throw failure(operation, name, "shm_open", e.getErrorCode());
        }
    }

    /** Maps {@code fd}, which the mapping then owns: it is closed when the segment is. */
    private static Mapping map(int fd, long size, boolean readOnly, boolean created, SharedName name,
                               String operation) {
        ShmFile file;
        try {
            file = new ShmFile(fd, SHM_DIRECTORY.resolve(name.portable()));
        } catch (LastErrorException e) {
            throw failure(operation, name, "fstat", e.getErrorCode());
        }
        Pointer view = mmapWithRetry(fd, size, readOnly ? PROT_READ : PROT_READ | PROT_WRITE, name, operation);
        return Mapping.ofNative(view, size, readOnly, created, () -> {
            unmapQuietly(view, size);
            file.close(); // a segment never closed keeps its descriptor until here
        }, file::close, file);
    }

    private static Pointer mmapWithRetry(int fd, long size, int protection, SharedName name, String operation) {
        try {
            return mmap(null, size, protection, MAP_SHARED, fd, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ENOMEM) {
                throw failure(operation, name, "mmap", e.getErrorCode());
            }
        }
        Mapping.collectClosedViews(); // closed views not yet unmapped may fill vm.max_map_count
        try {
            return mmap(null, size, protection, MAP_SHARED, fd, 0);
        } catch (LastErrorException e) {
            throw failure(operation, name, "mmap", e.getErrorCode());
        }
    }

    private static void unmapQuietly(Pointer view, long size) {
        try {
            munmap(view, size);
        } catch (LastErrorException ignored) {
            // Runs on the cleaner thread: nobody to tell, and munmap of a valid view cannot fail.
        }
    }

    private static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // The mapping (or the failure being reported) matters more than a failed close.
        }
    }

    private static void unlinkQuietly(SharedName name) {
        try {
            LibRt.shm_unlink(posixName(name));
        } catch (LastErrorException ignored) {
            // Cleaning up after a failed create; the original failure is reported.
        }
    }

    private static PlatformException failure(String operation, SharedName name, String call, int errno) {
        Kind kind = switch (errno) {
            case EEXIST -> Kind.EXISTS;
            case ENOENT -> Kind.NOT_FOUND;
            case EACCES, EPERM -> Kind.PERMISSION_DENIED;
            case ENOSPC, ENOMEM, EFBIG -> Kind.NO_SPACE;
            case ENAMETOOLONG -> Kind.INVALID_NAME;
            default -> Kind.OS_ERROR;
        };
        String errnoName = ERRNO_NAMES.getOrDefault(errno, "errno " + errno);
        return new PlatformException(kind, operation, name.toString(),
                call + ": " + errnoName + ", " + strerror(errno));
    }
}
