/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * The {@code gzip} {@link ContentDecoder}: parses each member's header byte by byte, so a chunk may
 * end anywhere, inflates its data and checks its trailer. A gzip stream (RFC 1952) is one or more
 * members, each laid out as:
 *
 * <pre>
 *   0     1     2     3     4           8     9     10
 * +-----+-----+-----+-----+-----------+-----+-----+
 * | ID1 | ID2 | CM  | FLG |   MTIME   | XFL | OS  |  ID1 ID2 = 1f 8b; CM = 8, deflate
 * +-----+-----+-----+-----+-----------+-----+-----+
 *   then, each only if its FLG bit is set, in this order:
 *   FEXTRA   0x04  XLEN (2 bytes), then XLEN bytes
 *   FNAME    0x08  file name, up to a zero byte
 *   FCOMMENT 0x10  comment, up to a zero byte
 *   FHCRC    0x02  low 16 bits of the CRC-32 of all header bytes before it (2 bytes)
 *   then raw deflate data, then the trailer:
 * +-----------+-----------+
 * |   CRC32   |   ISIZE   |  CRC-32 of the decoded data, and its length mod 2^32
 * +-----------+-----------+
 * </pre>
 *
 * Numbers are little-endian. FLG bit 0x01 (FTEXT) is only a hint; bits 0xe0 are reserved, zero.
 */
final class GzipDecoder extends ContentDecoder.Inflating {
    private static final byte ID1 = 0x1f;
    private static final byte ID2 = (byte) 0x8b;
    private static final int DEFLATE = 8;
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int FIXED_HEADER_LENGTH = 10;
    private static final int TRAILER_LENGTH = 8;

    /** Where the decoder is in a member. The optional header parts are in the order they come. */
    private enum Part {
        FIXED_HEADER(0), EXTRA_LENGTH(0x04), EXTRA(0), NAME(0x08), COMMENT(0x10), HEADER_CRC(0x02),
        DATA(0), TRAILER(0),
        /** After the last member: whatever follows is ignored. */
        IGNORED(0);

        /** The FLG bit that says this part is present, or 0 if that is not up to a flag. */
        final int flag;

        Part(int flag) {
            this.flag = flag;
        }
    }

    /** Of the header bytes so far, then of the member's decoded data. */
    private final CRC32 crc = new CRC32();
    /** The fixed-size field being received: the fixed header, XLEN, the header CRC or the trailer. */
    private final byte[] field = new byte[FIXED_HEADER_LENGTH];
    private int filled;
    private int flags;
    private int extraLeft;
    /** Decoded bytes of this member. */
    private long size;
    private int completeMembers;
    private Part part = Part.FIXED_HEADER;

    GzipDecoder(ContentDecoder.Sink sink) {
        super(sink);
        inflater = new Inflater(true);
    }

    @Override
    boolean push(ByteBuffer wire) throws IOException {
        while (wire.hasRemaining()) {
            switch (part) {
                case DATA -> {
                    if (!inflate(wire)) {
                        return false;
                    }
                    if (inflater.finished()) {
                        part = Part.TRAILER;
                    }
                }
                case IGNORED -> wire.position(wire.limit());
                default -> step(wire.get());
            }
        }
        return true;
    }

    /** Takes one byte of a header or trailer. */
    private void step(byte b) throws IOException {
        if (part.compareTo(Part.HEADER_CRC) < 0) {
            crc.update(b);
        }
        switch (part) {
            case FIXED_HEADER -> fixedHeader(b);
            case EXTRA_LENGTH -> {
                if (collect(b, 2)) {
                    extraLeft = (int) littleEndian(0, 2);
                    part = extraLeft > 0 ? Part.EXTRA : nextPart();
                }
            }
            case EXTRA -> {
                if (--extraLeft == 0) {
                    part = nextPart();
                }
            }
            case NAME, COMMENT -> {
                if (b == 0) {
                    part = nextPart();
                }
            }
            case HEADER_CRC -> {
                if (collect(b, 2)) {
                    checkHeaderCrc();
                    part = nextPart();
                }
            }
            case TRAILER -> {
                if (collect(b, TRAILER_LENGTH)) {
                    checkTrailer();
                }
            }
            default -> throw new AssertionError(part);
        }
    }

    private void fixedHeader(byte b) throws IOException {
        field[filled++] = b;
        final boolean badMagic = filled == 1 ? b != ID1 : filled == 2 && (field[0] != ID1 || b != ID2);
        if (badMagic && completeMembers > 0) {
            part = Part.IGNORED; // not another member but padding or junk after the content
        } else if (badMagic && filled == 2) {
            throw new IOException(String.format("not gzip data: bad magic 0x%02x%02x", field[0] & 0xff, b & 0xff));
        } else if (filled == 3 && b != DEFLATE) {
            throw new IOException("unsupported gzip compression method " + (b & 0xff) + ", only 8 (deflate) exists");
        } else if (filled == 4 && (b & RESERVED_FLAGS) != 0) {
            throw new IOException(String.format("gzip header has reserved flags set: 0x%02x", b & 0xff));
        } else if (filled == FIXED_HEADER_LENGTH) {
            flags = field[3];
            filled = 0;
            part = nextPart();
        }
    }

    /** Adds a byte to the field; true once it holds {@code length} bytes (and is reset for the next). */
    private boolean collect(byte b, int length) {
        field[filled++] = b;
        if (filled < length) {
            return false;
        }
        filled = 0;
        return true;
    }

    private long littleEndian(int offset, int length) {
        long value = 0;
        for (int i = offset + length - 1; i >= offset; i--) {
            value = value << 8 | field[i] & 0xff;
        }
        return value;
    }

    /** The next header part that FLG says is present, or the data (begun here) once there is none. */
    private Part nextPart() {
        for (Part next : Part.values()) {
            if (next.compareTo(part) > 0 && (flags & next.flag) != 0) {
                return next;
            }
        }
        inflater.reset();
        crc.reset();
        size = 0;
        return Part.DATA;
    }

    private void checkHeaderCrc() throws IOException {
        final long expected = littleEndian(0, 2);
        final long actual = crc.getValue() & 0xffff;
        if (expected != actual) {
            throw new IOException(String.format("gzip header CRC mismatch: header says 0x%04x, bytes give 0x%04x", expected, actual));
        }
    }

    private void checkTrailer() throws IOException {
        final long expectedCrc = littleEndian(0, 4);
        if (expectedCrc != crc.getValue()) {
            throw new IOException(String.format("gzip CRC mismatch: trailer says 0x%08x, data gives 0x%08x", expectedCrc, crc.getValue()));
        }
        final long expectedSize = littleEndian(4, 4);
        if (expectedSize != (size & 0xffffffffL)) {
            throw new IOException("gzip size mismatch: trailer says " + expectedSize + " bytes (mod 2^32), data has " + size);
        }
        completeMembers++;
        crc.reset(); // for the next member's header
        part = Part.FIXED_HEADER;
    }

    @Override
    boolean emit(byte[] bytes, int length) throws IOException {
        crc.update(bytes, 0, length);
        size += length;
        return super.emit(bytes, length);
    }

    @Override
    void end() throws IOException {
        final boolean betweenMembers = part == Part.FIXED_HEADER && filled == 0;
        if (!betweenMembers && part != Part.IGNORED) {
            throw new IOException("gzip stream ended before its trailer");
        }
    }

    @Override
    String name() {
        return "gzip";
    }
}
