/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.lang.invoke.MethodType.methodType;

/**
 * A record seen as a C struct: where each component lives in memory, how to read and write the
 * record there, and the C declaration of the same struct.
 *
 * <pre>
 * record Item(long id, &#64;Fixed(5) String code, short qty) {}
 *
 *   0          8              13    14        16
 *   +----------+--------------+-----+---------+
 *   | id       | code         | pad | qty     |   size 16, alignment 8
 *   | int64_t  | char[5]      | [1] | int16_t |
 *   +----------+--------------+-----+---------+
 *
 *   struct Item { int64_t id; char code[5]; uint8_t _pad0[1]; int16_t qty; };
 *   canonical:  Item{int64 id&#64;0;char[5] code&#64;8;int16 qty&#64;14}#16
 * </pre>
 *
 * <p>Members are placed as by a C compiler for x86-64 or AArch64 (System V): in declaration
 * order, each at a multiple of its alignment, with padding in between and at the end so that the
 * size is a multiple of the struct's alignment. Values are in native byte order. The supported
 * component types, and their C types, are:
 * <table>
 *   <caption>Component types</caption>
 *   <tr><th>Java</th><th>C</th></tr>
 *   <tr><td>{@code boolean}</td><td>{@code bool}: one byte, 1 or 0 (any non-zero byte reads as true)</td></tr>
 *   <tr><td>{@code byte, short, int, long}</td><td>{@code int8_t, int16_t, int32_t, int64_t}</td></tr>
 *   <tr><td>{@code char}</td><td>{@code uint16_t}</td></tr>
 *   <tr><td>{@code float, double}</td><td>{@code float, double}</td></tr>
 *   <tr><td>{@code @Fixed(n) String}</td><td>{@code char[n]}: UTF-8, NUL-padded, cut at a character
 *       boundary if longer; no NUL when it fills all n bytes</td></tr>
 *   <tr><td>{@code @Fixed(n)} array of a primitive</td><td>an array of n of its C type</td></tr>
 *   <tr><td>a record</td><td>{@code struct Name}, laid out by its own layout</td></tr>
 *   <tr><td>{@code @Fixed(n)} array of a record</td><td>{@code struct Name[n]}</td></tr>
 * </table>
 *
 * <p>Reading accepts any bytes, since another process may have written anything: it returns a
 * record (invalid UTF-8 read as U+FFFD) unless the record's own constructor refuses the values.
 * A read record has new arrays. Writing {@code null} for a String writes the empty string; a
 * {@code null} array or record, or an array of the wrong length, is refused before anything is
 * written. Neither reading nor writing is atomic: processes that share a struct coordinate
 * through the memory itself.
 *
 * <p>A layout is computed once per record class, and is immutable and safe to share between
 * threads. The record and its canonical constructor must be accessible to this package: public,
 * or in a package open to it.
 *
 * @param <R> the record type
 */
public final class Layout<R extends Record> {
    private static final ClassValue<Layout<?>> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout<?> computeValue(Class<?> type) {
            return LayoutBuilder.build(type);
        }
    };

    private final Class<R> type;
    private final String name;
    private final List<Member> members;
    private final Map<String, Field> fieldsByName;
    private final int size;
    private final int alignment;
    private final String canonical;
    private final long fingerprint;
    private final RecordHandles.Handles handles;
    // The handles with erased types, for invokeExact from here.
    private final MethodHandle reader;
    private final MethodHandle writer;
    private final MethodHandle checker;
    private final MethodHandle arrayConstructor;

    Layout(Class<R> type, List<Member> members, int size, int alignment) {
        this.type = type;
        this.name = type.getSimpleName();
        this.members = List.copyOf(members);
        this.fieldsByName = new LinkedHashMap<>();
        members.forEach(member -> fieldsByName.put(member.name(), member));
        this.size = size;
        this.alignment = alignment;
        this.canonical = members.stream()
                .map(member -> member.type().canonical() + " " + member.name() + "@" + member.offset())
                .collect(Collectors.joining(";", name + "{", "}#" + size));
        this.fingerprint = fingerprintOf(canonical);
        this.handles = RecordHandles.of(type, members, size);
        this.reader = handles.reader().asType(methodType(Record.class, ByteBuffer.class, int.class));
        this.writer = handles.writer().asType(methodType(void.class, ByteBuffer.class, int.class, Record.class));
        this.checker = handles.checker().asType(methodType(void.class, Record.class));
        this.arrayConstructor = handles.arrayConstructor().asType(methodType(Record[].class, int.class));
    }

    /**
     * The layout of record class {@code type}, computed on first use and then shared.
     *
     * @param <R>  the record type
     * @param type the record class
     * @return its layout, the same instance on every call
     * @throws IllegalArgumentException naming the record and the component, if a component has
     *                                  no C equivalent (see the class notes), if the record
     *                                  contains itself or has no components, or if it is not
     *                                  accessible
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Layout<R> of(Class<R> type) {
        return (Layout<R>) LAYOUTS.get(Objects.requireNonNull(type, "type"));
    }

    /** {@return the record class} */
    public Class<R> type() {
        return type;
    }

    /** {@return the record's simple name, which is also the C struct's name} */
    public String name() {
        return name;
    }

    /** {@return the size in bytes, tail padding included: C's {@code sizeof}, and the stride of an array} */
    public int size() {
        return size;
    }

    /** {@return the alignment in bytes, that of the most aligned member: C's {@code _Alignof}} */
    public int alignment() {
        return alignment;
    }

    /**
     * A 64-bit hash of {@link #canonical()} (FNV-1a over its UTF-8 bytes): equal for equal
     * layouts in any process or version, and different, but for a 2<sup>-64</sup> chance, when a
     * struct or field name, a type, the order or a size differs. Store it next to shared structs so
     * that a reader can tell whether it expects the same layout.
     *
     * @return the fingerprint, {@code fingerprintOf(canonical())}
     */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * The fingerprint of a {@link #canonical()} description: FNV-1a 64 over its UTF-8 bytes. A
     * reader that finds a description stored next to structs checks it with this.
     *
     * @param canonical a layout description in the form of {@link #canonical()}
     * @return its fingerprint
     */
    public static long fingerprintOf(String canonical) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : canonical.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /**
     * The layout in one line: struct name, then each field's canonical type, name and offset,
     * then the size, with nested structs described in place. For example
     * {@code Item{int64 id@0;char[5] code@8;int16 qty@14}#16}. Types are {@code bool, int8,
     * int16, uint16, int32, int64, float32, float64, char}, arrays add {@code [n]}.
     *
     * @return the canonical description
     */
    public String canonical() {
        return canonical;
    }

    /** {@return the fields, in declaration order} */
    public List<Field> fields() {
        return List.copyOf(members); // the same immutable list, as a list of the public type
    }

    /** The fields with their C types, in declaration order. */
    List<Member> members() {
        return members;
    }

    /**
     * The field called {@code name}.
     *
     * @param name the record component's name
     * @return its field
     * @throws IllegalArgumentException if there is none; the message lists the fields
     */
    public Field field(String name) {
        Field field = fieldsByName.get(name);
        if (field == null) {
            throw new IllegalArgumentException(this.name + " has no field '" + name + "'; its fields are "
                    + String.join(", ", fieldsByName.keySet()));
        }
        return field;
    }

    /**
     * Reads the struct at {@code offset} of {@code buffer} into a new record. Any bytes make a
     * record, unless the record's own constructor refuses the values: then its exception passes.
     *
     * @param buffer the buffer holding the struct (read in native byte order, whatever its own order)
     * @param offset where the struct starts in {@code buffer}, in bytes (absolute, not from its position)
     * @return a new record with the struct's values
     * @throws IndexOutOfBoundsException if the struct does not lie within the buffer's limit
     */
    public R read(ByteBuffer buffer, int offset) {
        checkBounds(buffer, offset);
        return type.cast(readAt(buffer, offset));
    }

    /**
     * Writes {@code value} as the struct at {@code offset} of {@code buffer}: all of its
     * {@link #size()} bytes, padding as zeros.
     *
     * @param buffer the buffer to write into (in native byte order, whatever its own order)
     * @param offset where the struct starts in {@code buffer}, in bytes (absolute, not from its position)
     * @param value  the record to write
     * @throws IllegalArgumentException  naming the field, for a null array or nested record, or an
     *                                   array whose length differs from its {@code @Fixed}; then
     *                                   nothing is written
     * @throws IndexOutOfBoundsException if the struct does not lie within the buffer's limit
     * @throws ReadOnlyBufferException   if the buffer is read-only
     */
    public void write(ByteBuffer buffer, int offset, R value) {
        Objects.requireNonNull(value, () -> "cannot write a null " + name);
        checkBounds(buffer, offset);
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        check(value);
        writeAt(buffer, offset, value);
    }

    /** {@return a description for error messages: {@code Item (16 bytes, fingerprint 0x32b8b727d8b6e635)}} */
    public String describe() {
        return name + " (" + size + " bytes, fingerprint " + hex(fingerprint) + ")";
    }

    /**
     * A C header that declares this struct and the structs it contains, with explicit padding
     * and static assertions of every size and offset. See {@link CHeaders#of}.
     *
     * @return the header's text
     */
    public String cHeader() {
        return CHeaders.of(this);
    }

    /** The same as {@link #describe()}. */
    @Override
    public String toString() {
        return describe();
    }

    // ---- internals: used by the handles of layouts that contain this one ------------------------

    RecordHandles.Handles handles() {
        return handles;
    }

    Record readAt(ByteBuffer buffer, int offset) {
        try {
            return (Record) reader.invokeExact(buffer, offset);
        } catch (Throwable e) {
            throw RecordHandles.unchecked(e);
        }
    }

    void writeAt(ByteBuffer buffer, int offset, Record value) {
        try {
            writer.invokeExact(buffer, offset, value);
        } catch (Throwable e) {
            throw RecordHandles.unchecked(e);
        }
    }

    void check(Record value) {
        try {
            checker.invokeExact(value);
        } catch (Throwable e) {
            throw RecordHandles.unchecked(e);
        }
    }

    Record[] newArray(int length) {
        try {
            return (Record[]) arrayConstructor.invokeExact(length);
        } catch (Throwable e) {
            throw RecordHandles.unchecked(e);
        }
    }

    static String hex(long value) {
        return String.format("0x%016x", value);
    }

    private void checkBounds(ByteBuffer buffer, int offset) {
        if (offset < 0 || offset > buffer.limit() - size) {
            throw new IndexOutOfBoundsException(name + " (" + size + " bytes) at offset " + offset
                    + " is outside the buffer of " + buffer.limit() + " bytes");
        }
    }
}
