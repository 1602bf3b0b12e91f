/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.platform.Mapping;
import io.github.nativeshm.platform.MappedFiles;
import io.github.nativeshm.platform.SharedMemoryProvider;
import io.github.nativeshm.platform.SharedMemoryProvider.Entry;
import io.github.nativeshm.platform.SharedName;

import com.sun.jna.Structure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import static io.github.nativeshm.NamedSegments.os;
import static io.github.nativeshm.NamedSegments.provider;

/**
 * A block of memory shared between processes: a named OS segment (POSIX shared memory on Linux, a
 * paging-file-backed file mapping on Windows) or a mapped file.
 *
 * <pre>{@code
 * try (Segment segment = Segment.create("prices", 4096)) {
 *     segment.putLong(0, 42);
 * }
 * // in another process:
 * try (Segment segment = Segment.openReadOnly("prices")) {
 *     long value = segment.getLong(0);
 * }
 * }</pre>
 *
 * <p><b>Names</b> follow {@link SegmentName}'s portable rule. The same name reaches the same
 * memory as Python's {@code multiprocessing.shared_memory.SharedMemory(name=...)} and as C's
 * {@code shm_open("/" + name)} on Linux or {@code OpenFileMapping("Local\\" + name)} on Windows.
 *
 * <p><b>Lifetime differs by platform.</b> On Linux a named segment exists until
 * {@link #unlink()} (or a reboot), even with no process attached. On Windows it exists while any
 * process holds a handle or view of it, and {@link #unlink()} does nothing. Use a file-backed
 * segment ({@link #create(Path, long)}) for data that must survive every process or a reboot.
 *
 * <p><b>Size.</b> {@link #size()} is the size given at creation. Windows reports an existing
 * mapping's size only rounded up to a page, so there a segment opened by name has that size.
 * A segment is 1 to {@link #MAX_SIZE} bytes.
 *
 * <p><b>Safety.</b> Every access is bounds-checked and writes to a read-only segment are refused,
 * so no offset or value can crash the JVM. {@link #close()} is idempotent; afterwards every method
 * throws {@link SegmentException} with {@link Reason#CLOSED}. The OS view is released when nothing
 * can reach it any more — the segment and any buffer or structure obtained from it — the way the
 * JDK releases a {@code MappedByteBuffer}; so code that still holds such a buffer keeps working on
 * valid memory rather than crashing.
 *
 * <p>Instances are safe to share between threads; writers and readers coordinate through the
 * memory itself. Segments are created readable and writable by their owner only (mode 0600 on
 * Linux, the default DACL on Windows).
 */
public final class Segment implements AutoCloseable {
    /** The largest segment: one mapping is one Java direct buffer. */
    public static final long MAX_SIZE = Mapping.MAX_SIZE;

    private final String name;
    private final Mapping mapping;
    private final long size;
    private final boolean readOnly;
    private final Runnable unlinker;
    private volatile ByteBuffer buffer;

    private Segment(String name, Mapping mapping, Runnable unlinker) {
        this.name = name;
        this.mapping = mapping;
        this.buffer = mapping.buffer();
        this.size = buffer.capacity();
        this.readOnly = buffer.isReadOnly();
        this.unlinker = unlinker;
    }

    // ---- named segments -------------------------------------------------------------------

    /**
     * Creates a new named segment of {@code size} zeroed bytes.
     *
     * @param name a name that follows {@link SegmentName}'s rule
     * @param size the size in bytes, 1 to {@link #MAX_SIZE}
     * @return the new segment, readable and writable
     * @throws SegmentException {@code EXISTS} if the name is taken; {@code INVALID_NAME},
     *                          {@code INVALID_SIZE}, {@code NO_SPACE}, {@code PERMISSION_DENIED} as named
     */
    public static Segment create(String name, long size) {
        SegmentName segmentName = SegmentName.of(name);
        checkSize(size, name);
        return named(segmentName, os(() -> provider().create(segmentName.shared(), size)));
    }

    /**
     * Opens an existing named segment for reading and writing.
     *
     * @param name the segment's name
     * @return the segment, readable and writable
     * @throws SegmentException {@code NOT_FOUND} if there is none, {@code PERMISSION_DENIED} if the
     *                          caller may not write it
     */
    public static Segment open(String name) {
        SegmentName segmentName = SegmentName.of(name);
        return named(segmentName, os(() -> provider().open(segmentName.shared(), false)));
    }

    /**
     * Opens an existing named segment for reading only; writes through it throw.
     *
     * @param name the segment's name
     * @return the segment, read-only
     * @throws SegmentException {@code NOT_FOUND} if there is none
     */
    public static Segment openReadOnly(String name) {
        SegmentName segmentName = SegmentName.of(name);
        return named(segmentName, os(() -> provider().open(segmentName.shared(), true)));
    }

    /**
     * Opens the named segment, creating it with {@code size} bytes if it does not exist.
     * {@link #isCreated()} tells which happened; an existing segment keeps its own size.
     *
     * @param name a name that follows {@link SegmentName}'s rule
     * @param size the size in bytes if it is created, 1 to {@link #MAX_SIZE}
     * @return the segment, readable and writable
     * @throws SegmentException {@code CREATE_RACE} if, attempt after attempt, another process
     *                          created the name and removed it again before it could be opened; else
     *                          as {@link #create(String, long)} and {@link #open(String)}
     */
    public static Segment openOrCreate(String name, long size) {
        SegmentName segmentName = SegmentName.of(name);
        checkSize(size, name);
        SharedMemoryProvider provider = provider();
        return named(segmentName, createOrOpen(() -> os(() -> provider.create(segmentName.shared(), size)),
                () -> os(() -> provider.open(segmentName.shared(), false))));
    }

    /**
     * Removes a name without opening it, so that it can be neither opened nor created twice;
     * processes attached to it keep their memory. Does nothing on Windows (see the class notes).
     *
     * @param name the segment's name
     * @throws SegmentException {@code NOT_FOUND} if there is no such segment (Linux)
     */
    public static void unlink(String name) {
        SharedName sharedName = SegmentName.of(name).shared();
        os(() -> {
            provider().unlink(sharedName);
            return null;
        });
    }

    /**
     * The named segments visible on this machine (on Linux, the valid names in {@code /dev/shm}).
     *
     * @return the segments' names and sizes, in no particular order
     * @throws SegmentException {@code UNSUPPORTED} on Windows, which cannot enumerate them
     */
    public static List<SegmentInfo> list() {
        List<SegmentInfo> segments = new ArrayList<>();
        for (Entry entry : os(() -> provider().list())) {
            if (SegmentName.isValid(entry.name())) {
                segments.add(new SegmentInfo(entry.name(), entry.size()));
            }
        }
        return segments;
    }

    // ---- file-backed segments ---------------------------------------------------------------

    /**
     * Creates {@code file} with {@code size} zero bytes (owner-only where permissions exist) and maps it.
     *
     * @param file the file to create; it must not exist
     * @param size the size in bytes, 1 to {@link #MAX_SIZE}
     * @return the new segment, readable and writable
     */
    public static Segment create(Path file, long size) {
        checkSize(size, file.toString());
        return fileBacked(file, os(() -> MappedFiles.create(file, size)));
    }

    /**
     * Maps an existing file for reading and writing.
     *
     * @param file the file to map, whole
     * @return the segment, readable and writable
     */
    public static Segment open(Path file) {
        return fileBacked(file, os(() -> MappedFiles.open(file, false)));
    }

    /**
     * Maps an existing file for reading only.
     *
     * @param file the file to map, whole
     * @return the segment, read-only
     */
    public static Segment openReadOnly(Path file) {
        return fileBacked(file, os(() -> MappedFiles.open(file, true)));
    }

    /**
     * Maps {@code file}, creating it with {@code size} zero bytes if it does not exist.
     *
     * @param file the file to map or create
     * @param size the size in bytes if it is created, 1 to {@link #MAX_SIZE}
     * @return the segment, readable and writable
     */
    public static Segment openOrCreate(Path file, long size) {
        checkSize(size, file.toString());
        return fileBacked(file, createOrOpen(() -> os(() -> MappedFiles.create(file, size)),
                () -> os(() -> MappedFiles.open(file, false))));
    }

    // ---- the segment ------------------------------------------------------------------------

    /** {@return the name (or file path) this segment was created or opened with} */
    public String name() {
        return name;
    }

    /** {@return the size in bytes: valid offsets are {@code 0 .. size() - 1}} */
    public long size() {
        return size;
    }

    /** {@return whether writes are refused} */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** {@return whether this call created the segment (as opposed to opening an existing one)} */
    public boolean isCreated() {
        return mapping.created();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return buffer == null;
    }

    /**
     * Who owns the segment now, as the OS names it: {@code "uid 1000 (alice)"} on Linux, the owner
     * SID and account ({@code "S-1-5-21-... (HOST\\alice)"}) on Windows, the file's owner for a
     * file-backed segment.
     *
     * @return the owner's description, for messages and display
     */
    public String owner() {
        live(0, 0);
        return mapping.object().owner().description();
    }

    /**
     * Whether the segment belongs to the user this process runs as: on Linux its owner uid is the
     * effective uid; on Windows its owner SID is the process token's user or the owner the token
     * gives new objects; for a file-backed segment the file's owner is {@code user.name}.
     *
     * @return whether the current user owns the segment
     */
    public boolean isOwnedByCurrentUser() {
        live(0, 0);
        return mapping.object().owner().isCurrentUser();
    }

    /**
     * What is wrong with the memory behind this mapping: {@code "truncated to N bytes (mapped M)"},
     * {@code "removed (its name no longer exists)"} or {@code "replaced (its name now refers to
     * another segment)"}; empty while intact. Accesses to a truncated segment fault (see
     * {@link Reason#FAULT}); a removed or replaced one is no longer what others open by its name.
     * It costs a {@code stat} or two. On Windows it is always empty: a section cannot be truncated,
     * and the handle this segment holds keeps its name.
     *
     * @return what is wrong, or empty if nothing is
     */
    public Optional<String> damage() {
        live(0, 0);
        return mapping.object().damage(size);
    }

    /**
     * Reads a byte.
     *
     * @param offset where, in bytes from the start of the segment
     * @return the byte at {@code offset}
     */
    public byte getByte(long offset) {
        return live(offset, Byte.BYTES).get((int) offset);
    }

    /**
     * Writes a byte.
     *
     * @param offset where, in bytes from the start of the segment
     * @param value  the byte to store
     */
    public void putByte(long offset, byte value) {
        writable(offset, Byte.BYTES).put((int) offset, value);
    }

    /**
     * Reads an int in native byte order.
     *
     * @param offset where, in bytes from the start of the segment; need not be aligned
     * @return the int at {@code offset}
     */
    public int getInt(long offset) {
        return live(offset, Integer.BYTES).getInt((int) offset);
    }

    /**
     * Writes an int in native byte order.
     *
     * @param offset where, in bytes from the start of the segment; need not be aligned
     * @param value  the int to store
     */
    public void putInt(long offset, int value) {
        writable(offset, Integer.BYTES).putInt((int) offset, value);
    }

    /**
     * Reads a long in native byte order.
     *
     * @param offset where, in bytes from the start of the segment; need not be aligned
     * @return the long at {@code offset}
     */
    public long getLong(long offset) {
        return live(offset, Long.BYTES).getLong((int) offset);
    }

    /**
     * Writes a long in native byte order.
     *
     * @param offset where, in bytes from the start of the segment; need not be aligned
     * @param value  the long to store
     */
    public void putLong(long offset, long value) {
        writable(offset, Long.BYTES).putLong((int) offset, value);
    }

    /**
     * Copies {@code length} bytes at {@code offset} into {@code target[index ..]}.
     *
     * @param offset where to start reading, in bytes from the start of the segment
     * @param target the array to copy into
     * @param index  where in {@code target} the first byte goes
     * @param length how many bytes to copy
     */
    public void getBytes(long offset, byte[] target, int index, int length) {
        Objects.checkFromIndexSize(index, length, target.length);
        live(offset, length).get((int) offset, target, index, length);
    }

    /**
     * Copies {@code source[index .. index + length)} to {@code offset}.
     *
     * @param offset where to start writing, in bytes from the start of the segment
     * @param source the array to copy from
     * @param index  where in {@code source} the first byte is
     * @param length how many bytes to copy
     */
    public void putBytes(long offset, byte[] source, int index, int length) {
        Objects.checkFromIndexSize(index, length, source.length);
        writable(offset, length).put((int) offset, source, index, length);
    }

    /**
     * A new buffer over the whole segment, in native byte order (read-only for read-only
     * segments). Its accesses are bounds-checked by the JDK; it keeps the memory mapped while
     * reachable, also after {@link #close()}.
     *
     * @return a new buffer of {@link #size()} bytes
     */
    public ByteBuffer buffer() {
        return live(0, 0).duplicate().order(ByteOrder.nativeOrder());
    }

    /**
     * Maps a JNA {@code Structure} at {@code offset}: the classic way to share a C struct with a
     * program that defined it. Call {@code read()} and {@code write()} on the result as usual;
     * it reads and writes this segment's memory. {@code type} needs a public no-argument or
     * {@code (Pointer)} constructor. On a read-only segment the structure's {@code write()}
     * throws {@link SegmentException} with {@link Reason#READ_ONLY}.
     *
     * @param <T>    the structure's class
     * @param offset where the structure starts, in bytes from the start of the segment
     * @param type   the structure's class
     * @return a new structure over the segment's memory at {@code offset}; call {@code read()} to fill its fields
     * @throws IndexOutOfBoundsException if the structure does not fit at {@code offset}
     */
    public <T extends Structure> T structureAt(long offset, Class<T> type) {
        int structureSize = Structure.newInstance(type).size();
        ByteBuffer live = live(offset, structureSize);
        return Structure.newInstance(type, new MappedPointer(mapping.address() + offset, live, name, readOnly));
    }

    /**
     * Removes this segment's name (see {@link #unlink(String)}); this handle stays usable.
     * Does nothing for file-backed segments, whose file the caller deletes, and on Windows.
     */
    public void unlink() {
        live(0, 0);
        unlinker.run();
    }

    /**
     * Detaches from the segment: further calls throw. Does not remove the segment (see
     * {@link #unlink()}). Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (buffer == null) {
                return;
            }
            buffer = null;
        }
        mapping.detach();
    }

    @Override
    public String toString() {
        return "Segment[" + name + ", " + size + " bytes" + (readOnly ? ", read-only" : "")
                + (isClosed() ? ", closed" : "") + "]";
    }

    // ---- internals ---------------------------------------------------------------------------

    private static Segment named(SegmentName name, Mapping mapping) {
        return new Segment(name.toString(), mapping, () -> unlink(name.toString()));
    }

    private static Segment fileBacked(Path file, Mapping mapping) {
        return new Segment(file.toString(), mapping, () -> { });
    }

    static final int CREATE_OR_OPEN_ATTEMPTS = 8;

    /**
     * Create, or open what someone else created; retried when the other side removes it in between,
     * and {@code CREATE_RACE} when that happened on every attempt.
     */
    static <T> T createOrOpen(Supplier<T> create, Supplier<T> open) {
        for (int attempt = 1; ; attempt++) {
            try {
                return create.get();
            } catch (SegmentException e) {
                if (e.reason() != Reason.EXISTS) {
                    throw e;
                }
            }
            try {
                return open.get();
            } catch (SegmentException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    throw e;
                }
                if (attempt == CREATE_OR_OPEN_ATTEMPTS) {
                    SegmentException race = new SegmentException(Reason.CREATE_RACE, "open or create", e.segment(),
                            attempt + " times it existed when created and was gone when opened");
                    race.initCause(e);
                    throw race;
                }
            }
        }
    }

    private static void checkSize(long size, String segment) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new SegmentException(Reason.INVALID_SIZE, "create", segment,
                    "size " + size + " is outside 1.." + MAX_SIZE + " bytes");
        }
    }

    private ByteBuffer live(long offset, long length) {
        ByteBuffer current = buffer;
        if (current == null) {
            throw new SegmentException(Reason.CLOSED, "use", name, null);
        }
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length
                    + " is outside segment '" + name + "' of " + size + " bytes");
        }
        return current;
    }

    private ByteBuffer writable(long offset, long length) {
        ByteBuffer current = live(offset, length);
        if (readOnly) {
            throw new SegmentException(Reason.READ_ONLY, "write", name, "offset " + offset);
        }
        return current;
    }
}
