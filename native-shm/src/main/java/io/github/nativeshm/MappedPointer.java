/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.WString;

import java.nio.ByteBuffer;

/**
 * A JNA pointer into a segment's mapping. It keeps the mapping reachable (so the view cannot be
 * unmapped while a {@code Structure} uses it) and, for read-only segments, refuses every write
 * with a {@link SegmentException} instead of letting JNA write to a read-only page, which would
 * crash the JVM. Shares of it ({@code Structure} uses them for nested structs) inherit both.
 */
final class MappedPointer extends Pointer {
    private final ByteBuffer mapping;
    private final String segment;
    private final boolean readOnly;

    MappedPointer(long address, ByteBuffer mapping, String segment, boolean readOnly) {
        super(address);
        this.mapping = mapping;
        this.segment = segment;
        this.readOnly = readOnly;
    }

    @Override
    public Pointer share(long offset, long size) {
        return new MappedPointer(Pointer.nativeValue(this) + offset, mapping, segment, readOnly);
    }

    @Override
    public ByteBuffer getByteBuffer(long offset, long length) {
        ByteBuffer buffer = super.getByteBuffer(offset, length);
        return readOnly ? buffer.asReadOnlyBuffer() : buffer;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new SegmentException(SegmentException.Reason.READ_ONLY, "write a structure to", segment,
                    "open it read-write to write");
        }
    }

    @Override
    public void write(long offset, byte[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, short[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, char[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, int[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, long[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, float[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, double[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void write(long offset, Pointer[] buf, int index, int length) {
        checkWritable();
        super.write(offset, buf, index, length);
    }

    @Override
    public void setMemory(long offset, long length, byte value) {
        checkWritable();
        super.setMemory(offset, length, value);
    }

    @Override
    public void setByte(long offset, byte value) {
        checkWritable();
        super.setByte(offset, value);
    }

    @Override
    public void setShort(long offset, short value) {
        checkWritable();
        super.setShort(offset, value);
    }

    @Override
    public void setChar(long offset, char value) {
        checkWritable();
        super.setChar(offset, value);
    }

    @Override
    public void setInt(long offset, int value) {
        checkWritable();
        super.setInt(offset, value);
    }

    @Override
    public void setLong(long offset, long value) {
        checkWritable();
        super.setLong(offset, value);
    }

    @Override
    public void setNativeLong(long offset, NativeLong value) {
        checkWritable();
        super.setNativeLong(offset, value);
    }

    @Override
    public void setFloat(long offset, float value) {
        checkWritable();
        super.setFloat(offset, value);
    }

    @Override
    public void setDouble(long offset, double value) {
        checkWritable();
        super.setDouble(offset, value);
    }

    @Override
    public void setPointer(long offset, Pointer value) {
        checkWritable();
        super.setPointer(offset, value);
    }

    @Override
    public void setWideString(long offset, String value) {
        checkWritable();
        super.setWideString(offset, value);
    }

    @Override
    public void setString(long offset, WString value) {
        checkWritable();
        super.setString(offset, value);
    }

    @Override
    public void setString(long offset, String value, String encoding) {
        checkWritable();
        super.setString(offset, value, encoding);
    }
}
