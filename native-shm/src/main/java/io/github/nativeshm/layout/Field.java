/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.nio.ByteBuffer;

/**
 * One member of a {@link Layout}: its name, place and C type, and accessors that read it from a
 * struct in a buffer without materializing the record (a flyweight).
 *
 * <p>The getters take the buffer and the {@code base} offset of the struct (not of the field), so
 * that one {@code Field} serves every struct of its layout in every buffer:
 * <pre>{@code
 * Layout<Item> items = Layout.of(Item.class);
 * Field qty = items.field("qty");
 * for (int base = 0; base < end; base += items.size()) {
 *     total += qty.getShort(buffer, base);
 * }
 * }</pre>
 * Each getter and setter handles the field's type only: calling {@code getInt} on a {@code long}
 * field throws {@link IllegalStateException}. Like {@link Layout#read}, they use native byte order,
 * throw {@link IndexOutOfBoundsException} if the field lies outside the buffer's limit, and getters
 * accept any bytes. Array getters copy into the caller's array and array setters copy from it,
 * so that a reader or writer that reuses its arrays allocates nothing; the array must hold at
 * least the field's {@link #length()} elements. Setters write one field and leave the rest of the
 * struct alone.
 * Instances are immutable and safe to share between threads; {@link Layout#field} and
 * {@link Layout#fields} hand them out. Keep the ones a reader or writer uses in {@code static final}
 * fields: the JIT then folds each one's type check and offset into the access.
 */
public sealed interface Field permits Member {
    /** {@return the record component's name, which is also the C member's name} */
    String name();

    /** {@return the offset from the start of the struct, in bytes} */
    int offset();

    /** {@return the size in bytes: of the whole array or text for arrays and strings} */
    int size();

    /** {@return the C type, or the element type of an array: {@code int64_t}, {@code char}, {@code struct Inner}} */
    String cType();

    /** {@return the array's element count or the string's capacity in bytes; 0 for a scalar or a nested struct} */
    int length();

    /** {@return the record component's type: {@code long.class}, {@code String.class}, {@code int[].class}, a record} */
    Class<?> javaType();

    /**
     * Reads a {@code boolean} field: true for any non-zero byte.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    boolean getBoolean(ByteBuffer buffer, int base);

    /**
     * Reads a {@code byte} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    byte getByte(ByteBuffer buffer, int base);

    /**
     * Reads a {@code short} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    short getShort(ByteBuffer buffer, int base);

    /**
     * Reads a {@code char} field (a C {@code uint16_t}).
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    char getChar(ByteBuffer buffer, int base);

    /**
     * Reads an {@code int} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    int getInt(ByteBuffer buffer, int base);

    /**
     * Reads a {@code long} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    long getLong(ByteBuffer buffer, int base);

    /**
     * Reads a {@code float} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    float getFloat(ByteBuffer buffer, int base);

    /**
     * Reads a {@code double} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    double getDouble(ByteBuffer buffer, int base);

    /**
     * Reads a {@code String} field: its text up to the first NUL, invalid UTF-8 as U+FFFD.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @return the field's value
     */
    String getString(ByteBuffer buffer, int base);

    // ---- arrays into the caller's arrays: no allocation ------------------------------------------

    /**
     * Copies a {@code byte[]} field, or the raw bytes of a {@code String} field (UTF-8, NUL padding
     * included), into the first {@link #size()} elements of {@code into}, allocating nothing.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #size()} long
     * @throws IllegalArgumentException if {@code into} is shorter than the field
     */
    void getBytes(ByteBuffer buffer, int base, byte[] into);

    /**
     * Copies a {@code boolean[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getBooleans(ByteBuffer buffer, int base, boolean[] into);

    /**
     * Copies a {@code short[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getShorts(ByteBuffer buffer, int base, short[] into);

    /**
     * Copies a {@code char[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getChars(ByteBuffer buffer, int base, char[] into);

    /**
     * Copies an {@code int[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getInts(ByteBuffer buffer, int base, int[] into);

    /**
     * Copies a {@code long[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getLongs(ByteBuffer buffer, int base, long[] into);

    /**
     * Copies a {@code float[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getFloats(ByteBuffer buffer, int base, float[] into);

    /**
     * Copies a {@code double[]} field into the start of {@code into}; see {@link #getBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param into   the array to copy into, at least {@link #length()} long
     */
    void getDoubles(ByteBuffer buffer, int base, double[] into);

    // ---- writing one field in place (a struct's writer, e.g. inside a SlotWriter) ----------------

    /**
     * Writes a {@code boolean} field as 1 or 0.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putBoolean(ByteBuffer buffer, int base, boolean value);

    /**
     * Writes a {@code byte} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putByte(ByteBuffer buffer, int base, byte value);

    /**
     * Writes a {@code short} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putShort(ByteBuffer buffer, int base, short value);

    /**
     * Writes a {@code char} field (a C {@code uint16_t}).
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putChar(ByteBuffer buffer, int base, char value);

    /**
     * Writes an {@code int} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putInt(ByteBuffer buffer, int base, int value);

    /**
     * Writes a {@code long} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putLong(ByteBuffer buffer, int base, long value);

    /**
     * Writes a {@code float} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putFloat(ByteBuffer buffer, int base, float value);

    /**
     * Writes a {@code double} field.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param value  the value to store
     */
    void putDouble(ByteBuffer buffer, int base, double value);

    /**
     * Writes a {@code String} field as {@link Layout#write} does: UTF-8, cut at a character boundary
     * if longer than the field, NUL-padded; null writes the empty string.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param text   the text to store, or null
     */
    void putString(ByteBuffer buffer, int base, String text);

    // ---- writing an array field from the caller's array -----------------------------------------

    /**
     * Writes a {@code byte[]} field, or the raw bytes of a {@code String} field (stored as they
     * are: no UTF-8 check, no NUL padding added), from the first {@link #length()} elements of
     * {@code values}, allocating nothing. The array may be longer than the field, as for the
     * getters, so that a writer can reuse one; the rest of it is ignored.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     * @throws IllegalArgumentException  if {@code values} is shorter than the field
     * @throws NullPointerException      if {@code values} is null
     * @throws IllegalStateException     if the field is of another type
     * @throws IndexOutOfBoundsException if the field lies outside the buffer
     */
    void putBytes(ByteBuffer buffer, int base, byte[] values);

    /**
     * Writes a {@code boolean[]} field (1 or 0 per element) from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putBooleans(ByteBuffer buffer, int base, boolean[] values);

    /**
     * Writes a {@code short[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putShorts(ByteBuffer buffer, int base, short[] values);

    /**
     * Writes a {@code char[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putChars(ByteBuffer buffer, int base, char[] values);

    /**
     * Writes an {@code int[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putInts(ByteBuffer buffer, int base, int[] values);

    /**
     * Writes a {@code long[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putLongs(ByteBuffer buffer, int base, long[] values);

    /**
     * Writes a {@code float[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putFloats(ByteBuffer buffer, int base, float[] values);

    /**
     * Writes a {@code double[]} field from the start of {@code values}; see {@link #putBytes}.
     *
     * @param buffer the buffer holding the struct
     * @param base   where the struct starts in {@code buffer}, in bytes
     * @param values the array to copy from, at least {@link #length()} long
     */
    void putDoubles(ByteBuffer buffer, int base, double[] values);

    /** For example {@code Item.title (char[64] at offset 8)}. */
    @Override
    String toString();
}
