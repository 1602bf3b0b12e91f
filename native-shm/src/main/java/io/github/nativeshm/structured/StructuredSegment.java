/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.SegmentName;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.platform.ChangeSignals;
import io.github.nativeshm.platform.PollingSignals;
import io.github.nativeshm.structured.SegmentSpec.RegionSpec;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.github.nativeshm.structured.HeaderDescriptor.*;

/**
 * A self-describing segment of typed regions: a header, a region directory, and values, arrays,
 * rings and raw bytes (the byte format is in {@code docs/segment-format.md} and drawn in
 * {@link HeaderDescriptor}, {@link DirectoryDescriptor} and {@link RegionDescriptor}).
 *
 * <p>One process is the writer: it {@link #create creates} the segment, or {@link #attachWriter
 * attaches} to an existing one (repairing what a dead writer left half-written), and is the only
 * one that writes. Any number of processes {@link #open} it to read; each region they ask for is
 * checked against the struct layout they expect.
 *
 * <p>Threads: readers ({@link SharedValue#read}, {@link RingReader}s, one per thread) never need
 * locks. The writer process may write from several threads, but one at a time per slot: two
 * threads must not write the same value or array element at once, nor append to the same ring
 * at once (a ring's appends share its write position); writes to different slots may overlap.
 *
 * <pre>{@code
 * // writer
 * try (StructuredSegment segment = StructuredSegment.create("prices", spec)) {
 *     SharedValue<Quote> quote = segment.value("quote", Quote.class);
 *     quote.write(new Quote(...));
 * }
 * // reader
 * try (StructuredSegment segment = StructuredSegment.open("prices")) {
 *     Quote latest = segment.value("quote", Quote.class).read();
 * }
 * }</pre>
 */
public final class StructuredSegment implements AutoCloseable {
    private final Segment segment;
    private final ByteBuffer buffer;
    private final long baseAddress;
    private final long epoch;
    private final List<RegionInfo> regions;
    private final boolean writer;
    private final ChangeSignals signals;
    private final SlotRepairs repairs;

    private StructuredSegment(Segment segment, SegmentFormat.Parsed parsed, boolean writer) {
        this.segment = segment;
        this.buffer = segment.buffer();
        this.baseAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        this.epoch = parsed.header().epoch();
        this.regions = parsed.regions();
        this.writer = writer;
        this.signals = segment.isReadOnly() ? new PollingSignals() : PlatformSignals.forCurrentPlatform();
        this.repairs = new SlotRepairs(segment.name(), buffer, regions);
    }

    // ---- writers --------------------------------------------------------------------------

    /**
     * Creates a new segment holding {@code spec}'s regions, with a new epoch, and makes this
     * process its writer.
     *
     * @param name the segment's name, as for {@link Segment#create(String, long)}
     * @param spec the regions it holds
     * @return the new segment, with this process as its writer
     * @throws SegmentException {@code EXISTS} if the name is taken (see {@link #createOrAttach})
     */
    public static StructuredSegment create(String name, SegmentSpec spec) {
        Segment segment = Segment.create(name, spec.size());
        try {
            SegmentFormat.format(segment.buffer(), spec, WriterIdentity.CURRENT);
            return new StructuredSegment(segment, SegmentFormat.parse(segment.buffer(), name, "create"), true);
        } catch (RuntimeException e) {
            segment.unlink();
            segment.close();
            throw e;
        }
    }

    /**
     * Makes this process the writer of an existing segment whose regions match {@code spec}
     * exactly, after its previous writer stopped or died: slots it left half-written are emptied,
     * and everything else is kept.
     *
     * @param name the segment's name, as for {@link Segment#create(String, long)}
     * @param spec the regions it must hold
     * @return the segment, with this process as its writer
     * @throws SegmentException {@code NOT_FOUND}; {@code FOREIGN_OWNER} if another user owns it;
     *                          {@code WRITER_ALIVE} naming the pid if another live process writes it
     *                          (whatever its regions); {@code LAYOUT_MISMATCH} if the regions differ
     *                          from {@code spec}; {@code CORRUPT} or {@code NOT_READY} as {@link #open}
     */
    public static StructuredSegment attachWriter(String name, SegmentSpec spec) {
        Segment segment = Segment.open(name);
        try {
            String operation = "attach a writer to";
            refuseTakeOver(segment, operation);
            SegmentFormat.Parsed parsed = SegmentFormat.parse(segment.buffer(), name, "attach to");
            checkMatches(name, parsed.regions(), spec);
            ByteBuffer buffer = segment.buffer();
            long writerPid = (long) SegmentAccess.LONG.getAcquire(buffer, WRITER_PID_OFFSET);
            if (!WriterIdentity.CURRENT.takeOver(buffer, writerPid)) {
                throw new SegmentException(Reason.WRITER_ALIVE, operation, name, "process "
                        + (long) SegmentAccess.LONG.getAcquire(buffer, WRITER_PID_OFFSET)
                        + " became its writer at the same time");
            }
            WriterIdentity.CURRENT.claim(buffer, buffer.getInt(WRITER_GENERATION_OFFSET) + 1);
            StructuredSegment attached = new StructuredSegment(segment, parsed, true);
            attached.repairs.repairDeadWritersSlots();
            return attached;
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /**
     * Attaches as writer if a segment with exactly these regions exists; otherwise creates it —
     * replacing (retiring, then unlinking) a segment of that name with other regions or a corrupt
     * one, provided it is this user's and no other live process writes it. What a restarting
     * writer process calls.
     *
     * @param name the segment's name, as for {@link Segment#create(String, long)}
     * @param spec the regions it holds
     * @return the segment, with this process as its writer
     * @throws SegmentException {@code WRITER_ALIVE} naming the pid if another live process writes
     *                          the existing segment, whatever its regions (it is left untouched);
     *                          {@code FOREIGN_OWNER} naming the owner if another user owns it;
     *                          {@code CREATE_RACE} if, attempt after attempt, the segment was missing
     *                          when attached and there when created; else as {@link #create}
     */
    public static StructuredSegment createOrAttach(String name, SegmentSpec spec) {
        return createOrAttach(name, () -> attachWriter(name, spec), () -> create(name, spec));
    }

    static final int CREATE_OR_ATTACH_ATTEMPTS = 3;

    /** How long a segment may stay unformatted before a writer replaces it: the limit of docs/segment-format.md §4. */
    static final long NOT_READY_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static void pause(String name) {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegmentException(Reason.TIMEOUT, "create or attach to", name, "interrupted");
        }
    }

    /** {@link #createOrAttach(String, SegmentSpec)} with its two steps given, so that tests can race it. */
    static StructuredSegment createOrAttach(String name, Supplier<StructuredSegment> attach,
                                            Supplier<StructuredSegment> create) {
        long unformattedSince = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return attach.get();
            } catch (SegmentException e) {
                switch (e.reason()) {
                    case NOT_FOUND -> { }
                    case CORRUPT, NOT_READY, INVALID_SIZE -> {
                        // Another creator may be formatting it right now (its pid is not written
                        // yet): give it the spec's not-ready limit before calling it abandoned.
                        long now = System.nanoTime();
                        unformattedSince = unformattedSince == 0 ? now : unformattedSince;
                        if (now - unformattedSince < NOT_READY_PATIENCE_NANOS) {
                            attempt--;
                            pause(name);
                            continue;
                        }
                        retire(name);
                    }
                    case LAYOUT_MISMATCH -> retire(name);
                    default -> throw e;
                }
            }
            try {
                return create.get();
            } catch (SegmentException e) {
                if (e.reason() != Reason.EXISTS) {
                    throw e;
                }
                if (attempt == CREATE_OR_ATTACH_ATTEMPTS) {
                    SegmentException race = new SegmentException(Reason.CREATE_RACE, "create or attach to", name,
                            attempt + " times it was missing when attached and existed when created");
                    race.initCause(e);
                    throw race;
                }
            }
        }
    }

    /**
     * Marks a segment retired, so that its readers re-open, and removes its name; unless another
     * user owns it or another live process writes it. A segment too small to hold a header (a
     * creator died before sizing it) has no readers to tell.
     */
    private static void retire(String name) {
        try (Segment old = Segment.open(name)) {
            refuseTakeOver(old, "replace");
            if (old.size() >= HeaderDescriptor.LENGTH) {
                SegmentAccess.INT.setRelease(old.buffer(), STATE_OFFSET, STATE_RETIRED);
            }
        } catch (SegmentException e) {
            if (e.reason() != Reason.INVALID_SIZE) {
                throw e;
            }
        }
        Segment.unlink(name);
    }

    /**
     * Refuses to take over a segment another user owns, or one another live process writes. The
     * writer fields are trusted wherever the magic says this format, before anything else is
     * checked: a live writer's segment is never taken over, whatever its regions or other bytes.
     */
    private static void refuseTakeOver(Segment segment, String operation) {
        if (!segment.isOwnedByCurrentUser()) {
            throw new SegmentException(Reason.FOREIGN_OWNER, operation, segment.name(), "it belongs to "
                    + segment.owner() + "; a writer takes over only its own user's segments");
        }
        ByteBuffer buffer = segment.buffer();
        if (buffer.capacity() < HeaderDescriptor.LENGTH) {
            return; // no writer fields to trust
        }
        byte[] magic = new byte[MAGIC.length];
        buffer.get(MAGIC_OFFSET, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            return; // not this format: no writer fields to trust
        }
        long writerPid = (long) SegmentAccess.LONG.getAcquire(buffer, WRITER_PID_OFFSET);
        if (!WriterIdentity.CURRENT.isCurrentProcess(writerPid) && WriterIdentity.isAlive(buffer)) {
            throw new SegmentException(Reason.WRITER_ALIVE, operation, segment.name(),
                    "process " + writerPid + " is its writer and is still running");
        }
    }

    // ---- readers --------------------------------------------------------------------------

    /**
     * Opens an existing segment to read it. Readers write nothing but the waiter counts that let
     * a writer skip wake-ups nobody waits for; where the segment is not writable for this user,
     * it is mapped read-only and waiting falls back to polling.
     *
     * @param name the segment's name
     * @return the segment, for reading
     * @throws SegmentException {@code NOT_FOUND}; {@code NOT_READY} while its creator formats it;
     *                          {@code CORRUPT} naming the first bad field
     */
    public static StructuredSegment open(String name) {
        Segment segment;
        try {
            segment = Segment.open(name);
        } catch (SegmentException e) {
            if (e.reason() != Reason.PERMISSION_DENIED) {
                throw e;
            }
            segment = Segment.openReadOnly(name);
        }
        try {
            return new StructuredSegment(segment, SegmentFormat.parse(segment.buffer(), name, "open"), false);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /**
     * Whether {@code segment} says it is a structured segment: it is long enough for the format's
     * magic and starts with it ({@code "NSHM"}, see {@link HeaderDescriptor}). It may still be
     * corrupt or not ready yet — {@link #open} says which; a segment without the magic is plain
     * memory, whatever else it holds. Reads four bytes; works on read-only segments.
     *
     * @param segment the segment to look at, open
     * @return whether it starts with the magic
     * @throws SegmentException {@code CLOSED} if {@code segment} is closed
     */
    public static boolean isStructured(Segment segment) {
        if (segment.size() < MAGIC_OFFSET + MAGIC.length) {
            segment.buffer(); // a closed segment says so, whatever its size
            return false;
        }
        byte[] magic = new byte[MAGIC.length];
        segment.getBytes(MAGIC_OFFSET, magic, 0, magic.length);
        return Arrays.equals(magic, MAGIC);
    }

    // ---- regions --------------------------------------------------------------------------

    /**
     * The value region {@code name}, which must hold structs of {@code type}'s layout.
     *
     * @param <T>  the struct's record type
     * @param name the region's name
     * @param type the record class its layout must match
     * @return the region
     * @throws SegmentException {@code NO_SUCH_REGION} if there is no value region of that name;
     *                          {@code LAYOUT_MISMATCH} if it holds another layout
     */
    public <T extends Record> SharedValue<T> value(String name, Class<T> type) {
        return typed(name, RegionKind.VALUE, type, SharedValue::new);
    }

    /**
     * The array region {@code name}, which must hold structs of {@code type}'s layout.
     *
     * @param <T>  the struct's record type
     * @param name the region's name
     * @param type the record class its layout must match
     * @return the region
     * @throws SegmentException {@code NO_SUCH_REGION} if there is no array region of that name;
     *                          {@code LAYOUT_MISMATCH} if it holds another layout
     */
    public <T extends Record> SharedArray<T> array(String name, Class<T> type) {
        return typed(name, RegionKind.ARRAY, type, SharedArray::new);
    }

    /**
     * The ring region {@code name}, which must hold structs of {@code type}'s layout.
     *
     * @param <T>  the struct's record type
     * @param name the region's name
     * @param type the record class its layout must match
     * @return the region
     * @throws SegmentException {@code NO_SUCH_REGION} if there is no ring region of that name;
     *                          {@code LAYOUT_MISMATCH} if it holds another layout
     */
    public <T extends Record> EventRing<T> ring(String name, Class<T> type) {
        return typed(name, RegionKind.RING, type, EventRing::new);
    }

    /**
     * The bytes of raw region {@code name} (read-only unless this process is the writer). Accesses
     * through the buffer are the caller's: if the segment is truncated underneath, they throw the
     * JDK's {@link InternalError} (see {@link #damage()}), not {@code FAULT}.
     *
     * @param name the region's name
     * @return a new buffer over the region, in native byte order
     * @throws SegmentException {@code NO_SUCH_REGION} if there is no raw region of that name
     */
    public ByteBuffer raw(String name) {
        RegionInfo info = region(name, RegionKind.RAW);
        ByteBuffer view = buffer.duplicate().order(buffer.order());
        ByteBuffer slice = view.position((int) info.offset()).limit((int) (info.offset() + info.length())).slice()
                .order(buffer.order());
        return writer ? slice : slice.asReadOnlyBuffer().order(buffer.order());
    }

    private <T extends Record, R> R typed(String name, RegionKind kind, Class<T> type,
                                          BiFunction<RegionMemory, Layout<T>, R> factory) {
        RegionInfo info = region(name, kind);
        Layout<T> layout = Layout.of(type);
        if (layout.fingerprint() != info.fingerprint() || layout.size() != info.elementSize()) {
            throw new SegmentException(Reason.LAYOUT_MISMATCH, "use", segment.name(), "region '" + name
                    + "' holds " + info.describeLayout() + ", not " + layout.describe());
        }
        return factory.apply(regionMemory(info), layout);
    }

    RegionMemory regionMemory(RegionInfo info) {
        return new RegionMemory(this, buffer, baseAddress, info, signals);
    }

    private RegionInfo region(String name, RegionKind kind) {
        checkOpen();
        for (RegionInfo info : regions) {
            if (info.name().equals(name)) {
                if (info.kind() != kind) {
                    throw new SegmentException(Reason.NO_SUCH_REGION, "use", segment.name(), "region '" + name
                            + "' is " + info.kind() + ", not " + kind);
                }
                return info;
            }
        }
        throw new SegmentException(Reason.NO_SUCH_REGION, "use", segment.name(), "no region '" + name
                + "'; it has " + regions.stream().map(RegionInfo::name).collect(Collectors.joining(", ")));
    }

    /** {@return the regions, in directory order} */
    public List<RegionInfo> regions() {
        return regions;
    }

    // ---- header, writer, lifecycle ------------------------------------------------------------

    /** {@return the header as it is now (state, writer and heartbeat change over time)} */
    public SegmentHeader header() {
        checkOpen();
        return guard("read", "its header", this::readHeader);
    }

    private SegmentHeader readHeader() {
        int state = (int) SegmentAccess.INT.getAcquire(buffer, STATE_OFFSET);
        SegmentHeader.State lifecycle = state == STATE_RETIRED ? SegmentHeader.State.RETIRED
                : state == STATE_READY ? SegmentHeader.State.READY : SegmentHeader.State.FORMATTING;
        long writerPid = (long) SegmentAccess.LONG.getAcquire(buffer, WRITER_PID_OFFSET); // first: the writer stores it last
        return new SegmentHeader(Short.toUnsignedInt(buffer.getShort(VERSION_OFFSET)), buffer.getLong(SEGMENT_SIZE_OFFSET),
                epoch, lifecycle, buffer.getInt(WRITER_GENERATION_OFFSET), writerPid,
                Instant.ofEpochMilli((long) SegmentAccess.LONG.getOpaque(buffer, WRITER_HEARTBEAT_OFFSET)),
                Instant.ofEpochMilli((long) SegmentAccess.LONG.getOpaque(buffer, WRITER_START_OFFSET)), regions.size());
    }

    /** {@return the epoch: it changes whenever the segment is created anew} */
    public long epoch() {
        return epoch;
    }

    /** {@return whether a writer replaced this segment with a new one under the same name; re-open to follow it} */
    public boolean isRetired() {
        return guard("read", "its header", () -> (int) SegmentAccess.INT.getAcquire(buffer, STATE_OFFSET) == STATE_RETIRED);
    }

    /** {@return whether the segment's writer process is running (the same process, not a reuse of its pid)} */
    public boolean isWriterAlive() {
        return guard("read", "its header", () -> WriterIdentity.isAlive(buffer));
    }

    /** Records that the writer is alive and working; readers see it as the heartbeat time. */
    public void heartbeat() {
        requireWriter("heartbeat");
        guard("heartbeat", "its header", () -> {
            WriterIdentity.heartbeat(buffer);
            return null;
        });
    }

    /**
     * Repairs the value and array slots found odd with the same sequence at this call and the
     * previous one. This process being their only writer, such a slot is corruption (a foreign
     * write, or a write of ours that never finished), not a write in progress: it is emptied and
     * made even, so that readers and this writer can use it again, counted in its region's repairs
     * and logged once per slot. The writer calls it every few seconds; a write of its own that
     * spans two calls counts as stuck.
     *
     * @return how many slots it repaired
     * @throws SegmentException {@code NOT_WRITER} unless this process is the writer
     */
    public int repairStuckSlots() {
        requireWriter("repair");
        return guard("repair", "its slots", repairs::repairOddTwice);
    }

    /**
     * What is wrong with the memory behind this mapping: {@code "truncated to N bytes (mapped M)"},
     * {@code "removed (its name no longer exists)"} or {@code "replaced (its name now refers to
     * another segment)"}; empty while intact. Cheap (an {@code fstat} and a {@code stat}): meant
     * for a periodic check, by the writer (to re-create the segment) and by readers (to report it
     * and re-open). Always empty on Windows (see {@link Segment#damage()}).
     *
     * @return what is wrong, or empty if nothing is
     */
    public Optional<String> damage() {
        checkOpen();
        return segment.damage();
    }

    /** {@return whether this process writes the segment (it created or attached as writer)} */
    public boolean isWriter() {
        return writer;
    }

    /** {@return the segment's name} */
    public String name() {
        return segment.name();
    }

    /** {@return the underlying segment} */
    public Segment segment() {
        return segment;
    }

    /**
     * Detaches (see {@link Segment#close()}); the segment stays for others. A writer gives up its
     * role, so that another process can attach as writer while this one keeps running.
     */
    @Override
    public void close() {
        if (writer && !segment.isClosed()) {
            try {
                guard("close", "its header", () -> SegmentAccess.compareAndSetLong(buffer, WRITER_PID_OFFSET,
                        ProcessHandle.current().pid(), 0L));
            } catch (SegmentException e) {
                // FAULT: the header is gone, and with it the role there was to give up.
            }
        }
        segment.close();
    }

    // ---- internals ----------------------------------------------------------------------------

    void checkOpen() {
        if (segment.isClosed()) {
            throw new SegmentException(Reason.CLOSED, "use", segment.name(), null);
        }
    }

    /**
     * Runs {@code body}, an access to this segment's memory, turning the JDK's report of a fault
     * there (an {@link InternalError}: the memory behind the mapping was truncated away) into
     * {@link Reason#FAULT} naming {@code where} (its {@code toString()}, built only then) and the
     * damage. Everything {@code body} calls is covered, the caller's handlers and decoders included.
     */
    <R> R guard(String operation, Object where, Supplier<R> body) {
        try {
            try {
                return body.get();
            } finally {
                SegmentAccess.deliverPendingFault();
            }
        } catch (InternalError e) {
            throw fault(operation, where, e);
        }
    }

    /**
     * The {@code FAULT} for an access that faulted. Apart from {@link #guard}, so that the guard
     * stays small enough for the JIT to inline it with its body, and the body's lambda is then
     * never allocated.
     */
    SegmentException fault(String operation, Object where, InternalError cause) {
        String damage;
        try {
            damage = segment.damage().orElse("an access faulted, although the segment now looks intact");
        } catch (SegmentException closed) {
            damage = "an access faulted";
        }
        SegmentException fault = new SegmentException(Reason.FAULT, operation, name(), where + ": " + damage);
        fault.initCause(cause);
        return fault;
    }

    /** The repairs of this writer's slots. */
    SlotRepairs repairs() {
        return repairs;
    }

    private void requireWriter(String operation) {
        checkOpen();
        if (!writer) {
            throw new SegmentException(Reason.NOT_WRITER, operation, segment.name(), "only its writer may " + operation);
        }
    }

    boolean isReadOnlyMapping() {
        return segment.isReadOnly();
    }

    String signalPrefix() {
        return SegmentName.of(segment.name()).portable() + "." + Long.toHexString(epoch);
    }

    private static void checkMatches(String name, List<RegionInfo> found, SegmentSpec spec) {
        List<String> differences = new ArrayList<>();
        List<RegionSpec> wanted = spec.regions();
        for (int i = 0; i < Math.max(found.size(), wanted.size()); i++) {
            RegionInfo have = i < found.size() ? found.get(i) : null;
            RegionSpec want = i < wanted.size() ? wanted.get(i) : null;
            if (have == null || want == null || !have.name().equals(want.name()) || have.kind() != want.kind()
                    || have.fingerprint() != want.fingerprint() || have.capacity() != want.capacity()
                    || have.elementSize() != want.elementSize()) {
                differences.add("region " + i + ": segment has " + (have == null ? "nothing"
                        : have.kind() + " '" + have.name() + "' of " + have.capacity() + " x " + have.describeLayout())
                        + ", expected " + (want == null ? "nothing" : want.kind() + " '" + want.name() + "' of "
                        + want.capacity() + " x " + (want.layout() == null ? "raw bytes" : want.layout().describe())));
            }
        }
        if (!differences.isEmpty()) {
            throw new SegmentException(Reason.LAYOUT_MISMATCH, "attach to", name, String.join("; ", differences));
        }
    }
}
