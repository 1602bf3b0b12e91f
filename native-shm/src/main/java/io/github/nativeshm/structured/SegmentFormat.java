/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.layout.Layout;
import io.github.nativeshm.structured.SegmentSpec.RegionSpec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static io.github.nativeshm.structured.DirectoryDescriptor.*;
import static io.github.nativeshm.structured.HeaderDescriptor.*;

/**
 * Writes a fresh segment's header and directory, and reads them back from bytes that are
 * untrusted: every field is checked before it is used, and a violation is a {@link SegmentException}
 * with {@link Reason#CORRUPT} that names the field and its value.
 */
final class SegmentFormat {
    private static final SecureRandom EPOCHS = new SecureRandom();

    private SegmentFormat() {
    }

    /** The header and directory of a segment, validated. */
    record Parsed(SegmentHeader header, List<RegionInfo> regions) {
    }

    /** Formats a zero-filled buffer for {@code spec}; publishes the READY state last. */
    static void format(ByteBuffer buffer, SegmentSpec spec, WriterIdentity writer) {
        buffer.put(MAGIC_OFFSET, MAGIC);
        buffer.putShort(VERSION_OFFSET, (short) FORMAT_VERSION);
        buffer.putShort(HEADER_LENGTH_OFFSET, (short) HeaderDescriptor.LENGTH);
        buffer.putLong(SEGMENT_SIZE_OFFSET, spec.size());
        buffer.putLong(EPOCH_OFFSET, newEpoch());
        buffer.putInt(REGION_COUNT_OFFSET, spec.regions().size());
        buffer.putLong(DIRECTORY_OFFSET_OFFSET, HeaderDescriptor.LENGTH);
        buffer.putInt(DIRECTORY_ENTRY_LENGTH_OFFSET, ENTRY_LENGTH);
        long descriptionOffset = SegmentSpec.descriptionsOffset(spec.regions().size());
        long regionOffset = descriptionOffset;
        for (RegionSpec region : spec.regions()) {
            regionOffset += region.description().length;
        }
        int index = 0;
        for (RegionSpec region : spec.regions()) {
            regionOffset = SegmentSpec.align(regionOffset);
            byte[] description = region.description();
            int entry = entryOffset(HeaderDescriptor.LENGTH, index++);
            SegmentAccess.putFixedString(buffer, entry + NAME_OFFSET, NAME_LENGTH, region.name());
            buffer.putInt(entry + KIND_OFFSET, region.kind().code());
            buffer.putInt(entry + ELEMENT_SIZE_OFFSET, region.elementSize());
            buffer.putLong(entry + FINGERPRINT_OFFSET, region.fingerprint());
            buffer.putLong(entry + CAPACITY_OFFSET, region.capacity());
            buffer.putLong(entry + REGION_OFFSET_OFFSET, regionOffset);
            buffer.putLong(entry + REGION_LENGTH_OFFSET, region.length());
            SegmentAccess.putFixedString(buffer, entry + LAYOUT_NAME_OFFSET, LAYOUT_NAME_LENGTH,
                    truncate(region.layoutName(), LAYOUT_NAME_LENGTH - 1));
            buffer.putLong(entry + DESCRIPTION_OFFSET_OFFSET, description.length == 0 ? 0 : descriptionOffset);
            buffer.putInt(entry + DESCRIPTION_LENGTH_OFFSET, description.length);
            buffer.put((int) descriptionOffset, description);
            descriptionOffset += description.length;
            regionOffset += region.length();
        }
        writer.claim(buffer, 1);
        SegmentAccess.INT.setRelease(buffer, STATE_OFFSET, STATE_READY);
    }

    /** Reads and checks the header and directory; {@code segment} names the segment in errors. */
    static Parsed parse(ByteBuffer buffer, String segment, String operation) {
        Checker check = new Checker(segment, operation);
        int mapped = buffer.capacity();
        check.that(mapped >= HeaderDescriptor.LENGTH, () -> "it has " + mapped + " bytes, fewer than the "
                + HeaderDescriptor.LENGTH + "-byte header");
        // State first, with acquire: a creator still formatting has not written the rest yet.
        int state = (int) SegmentAccess.INT.getAcquire(buffer, STATE_OFFSET);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(MAGIC_OFFSET, magic);
        boolean blank = state == STATE_FORMATTING && Arrays.equals(magic, new byte[MAGIC.length]);
        if (blank || (state == STATE_FORMATTING && Arrays.equals(magic, MAGIC))) {
            throw new SegmentException(Reason.NOT_READY, operation, segment, "its creator is still formatting it");
        }
        check.that(Arrays.equals(magic, MAGIC), () -> "magic is " + hex(magic) + ", expected " + hex(MAGIC)
                + " ('NSHM'): not a native-shm structured segment");
        int version = Short.toUnsignedInt(buffer.getShort(VERSION_OFFSET));
        check.that(version == FORMAT_VERSION, () -> "format version " + version + " is not supported (this library reads "
                + FORMAT_VERSION + ")");
        int headerLength = Short.toUnsignedInt(buffer.getShort(HEADER_LENGTH_OFFSET));
        check.that(headerLength == HeaderDescriptor.LENGTH, () -> "header length " + headerLength + ", expected "
                + HeaderDescriptor.LENGTH);
        check.that(state == STATE_READY || state == STATE_RETIRED, () -> "state " + state + " is unknown");
        long size = buffer.getLong(SEGMENT_SIZE_OFFSET);
        check.that(size >= HeaderDescriptor.LENGTH && size <= mapped, () -> "segment size " + size
                + " is outside " + HeaderDescriptor.LENGTH + ".." + mapped + " (the mapped length)");
        long epoch = buffer.getLong(EPOCH_OFFSET);
        check.that(epoch != 0, () -> "epoch is 0");
        int count = buffer.getInt(REGION_COUNT_OFFSET);
        check.that(count >= 1 && count <= MAX_REGIONS, () -> "region count " + count + " is outside 1.." + MAX_REGIONS);
        long directory = buffer.getLong(DIRECTORY_OFFSET_OFFSET);
        int entryLength = buffer.getInt(DIRECTORY_ENTRY_LENGTH_OFFSET);
        check.that(directory == HeaderDescriptor.LENGTH, () -> "directory offset " + directory + ", expected "
                + HeaderDescriptor.LENGTH);
        check.that(entryLength == ENTRY_LENGTH, () -> "directory entry length " + entryLength + ", expected "
                + ENTRY_LENGTH);
        long directoryEnd = directory + (long) count * ENTRY_LENGTH;
        check.that(directoryEnd <= size, () -> "the directory of " + count + " regions ends at " + directoryEnd
                + ", past the segment size " + size);

        List<RegionInfo> regions = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        long firstRegion = buffer.getLong(entryOffset((int) directory, 0) + REGION_OFFSET_OFFSET);
        long previousEnd = directoryEnd;
        for (int index = 0; index < count; index++) {
            RegionInfo region = parseEntry(buffer, entryOffset((int) directory, index), index, directoryEnd,
                    Math.min(firstRegion, size), check);
            check.that(names.add(region.name()), () -> "region name '" + region.name() + "' is used by an earlier entry");
            long start = region.offset();
            long floor = previousEnd;
            check.that(start >= floor && start % REGION_ALIGNMENT == 0, () -> "region " + region.name()
                    + " starts at " + start + "; regions start on a " + REGION_ALIGNMENT
                    + "-byte boundary at or after " + floor);
            check.that(region.length() <= size - start, () -> "region " + region.name() + " (offset " + start
                    + ", length " + region.length() + ") ends past the segment size " + size);
            previousEnd = start + region.length();
            regions.add(region);
        }
        SegmentHeader header = new SegmentHeader(version, size, epoch, SegmentHeader.State.values()[state],
                buffer.getInt(WRITER_GENERATION_OFFSET), buffer.getLong(WRITER_PID_OFFSET),
                Instant.ofEpochMilli(buffer.getLong(WRITER_HEARTBEAT_OFFSET)),
                Instant.ofEpochMilli(buffer.getLong(WRITER_START_OFFSET)), count);
        return new Parsed(header, List.copyOf(regions));
    }

    private static RegionInfo parseEntry(ByteBuffer buffer, int entry, int index, long descriptionsStart,
                                         long descriptionsEnd, Checker check) {
        String name = SegmentAccess.getFixedString(buffer, entry + NAME_OFFSET, NAME_LENGTH);
        String where = "directory entry " + index + " ('" + name + "')";
        try {
            SegmentSpec.checkRegionName(name);
        } catch (IllegalArgumentException e) {
            throw check.corrupt(where + ": " + e.getMessage());
        }
        int kindCode = buffer.getInt(entry + KIND_OFFSET);
        RegionKind kind = RegionKind.ofCode(kindCode);
        check.that(kind != null, () -> where + ": kind " + kindCode + " is not 1 (value), 2 (array), 3 (ring) or 4 (raw)");
        int elementSize = buffer.getInt(entry + ELEMENT_SIZE_OFFSET);
        long fingerprint = buffer.getLong(entry + FINGERPRINT_OFFSET);
        long capacity = buffer.getLong(entry + CAPACITY_OFFSET);
        long offset = buffer.getLong(entry + REGION_OFFSET_OFFSET);
        long length = buffer.getLong(entry + REGION_LENGTH_OFFSET);
        String layoutName = SegmentAccess.getFixedString(buffer, entry + LAYOUT_NAME_OFFSET, LAYOUT_NAME_LENGTH);
        check.that(elementSize >= 1 && (kind != RegionKind.RAW || elementSize == 1), () -> where + ": element size "
                + elementSize + " is not valid for a " + kind + " region");
        check.that(capacity >= 1 && (kind != RegionKind.VALUE || capacity == 1)
                && (kind != RegionKind.RING || Long.bitCount(capacity) == 1), () -> where + ": capacity " + capacity
                + " is not valid for a " + kind + " region (value: 1, ring: a power of two)");
        long expectedLength = kind == RegionKind.RAW ? capacity : RegionDescriptor.slottedLength(elementSize, capacity);
        check.that(length == expectedLength && length > 0, () -> where + ": length " + length + " does not match "
                + "capacity " + capacity + " of " + elementSize + "-byte elements (expected " + expectedLength + ")");
        check.that(offset > 0, () -> where + ": offset " + offset + " is not positive");
        String description = parseDescription(buffer, entry, where, kind, fingerprint, descriptionsStart,
                descriptionsEnd, check);
        return new RegionInfo(name, kind, layoutName, fingerprint, elementSize, capacity, offset, length, description);
    }

    /** The layout description of a struct region: inside the description area, UTF-8, matching the fingerprint. */
    private static String parseDescription(ByteBuffer buffer, int entry, String where, RegionKind kind, long fingerprint,
                                           long areaStart, long areaEnd, Checker check) {
        long offset = buffer.getLong(entry + DESCRIPTION_OFFSET_OFFSET);
        int length = buffer.getInt(entry + DESCRIPTION_LENGTH_OFFSET);
        if (kind == RegionKind.RAW) {
            check.that(offset == 0 && length == 0, () -> where + ": a raw region has no layout description, but offset "
                    + offset + " length " + length);
            return "";
        }
        check.that(length >= 1 && length <= MAX_DESCRIPTION_LENGTH && offset >= areaStart && offset <= areaEnd - length,
                () -> where + ": layout description (offset " + offset + ", length " + length
                        + ") is not inside the description area " + areaStart + ".." + areaEnd);
        byte[] bytes = new byte[length];
        buffer.get((int) offset, bytes);
        String description;
        try {
            description = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw check.corrupt(where + ": layout description is not UTF-8");
        }
        check.that(Layout.fingerprintOf(description) == fingerprint, () -> where + ": layout description does not hash to"
                + " the fingerprint " + String.format("0x%016x", fingerprint));
        return description;
    }

    private static long newEpoch() {
        long epoch;
        do {
            epoch = EPOCHS.nextLong();
        } while (epoch == 0);
        return epoch;
    }

    /** Layout names are Java identifiers; the directory keeps their first bytes for messages. */
    private static String truncate(String text, int maxBytes) {
        int end = Math.min(text.length(), maxBytes);
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder("0x");
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }

    /** Turns a failed check into a CORRUPT exception for one segment and operation. */
    private static final class Checker {
        private final String segment;
        private final String operation;

        Checker(String segment, String operation) {
            this.segment = segment;
            this.operation = operation;
        }

        void that(boolean condition, Supplier<String> problem) {
            if (!condition) {
                throw corrupt(problem.get());
            }
        }

        SegmentException corrupt(String problem) {
            return new SegmentException(Reason.CORRUPT, operation, segment, problem);
        }
    }
}
