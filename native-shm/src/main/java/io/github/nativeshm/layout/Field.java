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
 * accept any bytes. Array getters copy into the caller's array, so that a reader that reuses its
 * arrays allocates nothing; setters write one field and leave the rest of the struct alone.
 * Instances are immutable and safe to share between threads.
 */
public final class Field {
    private final String struct;
    private final String name;
    private final int offset;
    private final CType type;
    // Copies of what every access checks, so that a getter does not recompute them from the type.
    private final Class<?> javaType;
    private final int end;

    Field(String struct, String name, int offset, CType type) {
        this.struct = struct;
        this.name = name;
        this.offset = offset;
        this.type = type;
        this.javaType = type.javaType();
        this.end = Math.toIntExact(offset + type.size());
    }

    /** The record component's name, which is also the C member's name. */
    public String name() {
        return name;
    }

    /** The offset from the start of the struct, in bytes. */
    public int offset() {
        return offset;
    }

    /** The size in bytes: of the whole array or text for arrays and strings. */
    public int size() {
        return (int) type.size();
    }

    /** The C type, or the element type of an array: {@code int64_t}, {@code char}, {@code struct Inner}. */
    public String cType() {
        return type.cName();
    }

    /** The array's element count or the string's capacity in bytes; 0 for a scalar or a nested struct. */
    public int length() {
        return type.length();
    }

    /** The record component's type: {@code long.class}, {@code String.class}, {@code int[].class}, a record. */
    public Class<?> javaType() {
        return type.javaType();
    }

    /** Reads a {@code boolean} field: true for any non-zero byte. */
    public boolean getBoolean(ByteBuffer buffer, int base) {
        return Memory.getBoolean(buffer, at(buffer, base, boolean.class));
    }

    /** Reads a {@code byte} field. */
    public byte getByte(ByteBuffer buffer, int base) {
        return Memory.getByte(buffer, at(buffer, base, byte.class));
    }

    /** Reads a {@code short} field. */
    public short getShort(ByteBuffer buffer, int base) {
        return Memory.getShort(buffer, at(buffer, base, short.class));
    }

    /** Reads a {@code char} field (a C {@code uint16_t}). */
    public char getChar(ByteBuffer buffer, int base) {
        return Memory.getChar(buffer, at(buffer, base, char.class));
    }

    /** Reads an {@code int} field. */
    public int getInt(ByteBuffer buffer, int base) {
        return Memory.getInt(buffer, at(buffer, base, int.class));
    }

    /** Reads a {@code long} field. */
    public long getLong(ByteBuffer buffer, int base) {
        return Memory.getLong(buffer, at(buffer, base, long.class));
    }

    /** Reads a {@code float} field. */
    public float getFloat(ByteBuffer buffer, int base) {
        return Memory.getFloat(buffer, at(buffer, base, float.class));
    }

    /** Reads a {@code double} field. */
    public double getDouble(ByteBuffer buffer, int base) {
        return Memory.getDouble(buffer, at(buffer, base, double.class));
    }

    /** Reads a {@code String} field: its text up to the first NUL, invalid UTF-8 as U+FFFD. */
    public String getString(ByteBuffer buffer, int base) {
        return Utf8.decode(buffer, at(buffer, base, String.class), type.length());
    }

    // ---- arrays into the caller's arrays: no allocation ------------------------------------------

    /**
     * Copies a {@code byte[]} field, or the raw bytes of a {@code String} field (UTF-8, NUL padding
     * included), into the first {@link #size()} elements of {@code into}, allocating nothing.
     *
     * @throws IllegalArgumentException if {@code into} is shorter than the field
     */
    public void getBytes(ByteBuffer buffer, int base, byte[] into) {
        int at = at(buffer, base, type.kind() == CType.Kind.TEXT ? String.class : byte[].class);
        buffer.get(at, into, 0, fits(into.length));
    }

    /** Copies a {@code boolean[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getBooleans(ByteBuffer buffer, int base, boolean[] into) {
        Memory.getBooleans(buffer, at(buffer, base, boolean[].class), into, fits(into.length));
    }

    /** Copies a {@code short[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getShorts(ByteBuffer buffer, int base, short[] into) {
        Memory.getShorts(buffer, at(buffer, base, short[].class), into, fits(into.length));
    }

    /** Copies a {@code char[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getChars(ByteBuffer buffer, int base, char[] into) {
        Memory.getChars(buffer, at(buffer, base, char[].class), into, fits(into.length));
    }

    /** Copies an {@code int[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getInts(ByteBuffer buffer, int base, int[] into) {
        Memory.getInts(buffer, at(buffer, base, int[].class), into, fits(into.length));
    }

    /** Copies a {@code long[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getLongs(ByteBuffer buffer, int base, long[] into) {
        Memory.getLongs(buffer, at(buffer, base, long[].class), into, fits(into.length));
    }

    /** Copies a {@code float[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getFloats(ByteBuffer buffer, int base, float[] into) {
        Memory.getFloats(buffer, at(buffer, base, float[].class), into, fits(into.length));
    }

    /** Copies a {@code double[]} field into the start of {@code into}; see {@link #getBytes}. */
    public void getDoubles(ByteBuffer buffer, int base, double[] into) {
        Memory.getDoubles(buffer, at(buffer, base, double[].class), into, fits(into.length));
    }

    // ---- writing one field in place (a struct's writer, e.g. inside a SlotWriter) ----------------

    /** Writes a {@code boolean} field as 1 or 0. */
    public void putBoolean(ByteBuffer buffer, int base, boolean value) {
        Memory.putBoolean(buffer, at(buffer, base, boolean.class), value);
    }

    /** Writes a {@code byte} field. */
    public void putByte(ByteBuffer buffer, int base, byte value) {
        Memory.putByte(buffer, at(buffer, base, byte.class), value);
    }

    /** Writes a {@code short} field. */
    public void putShort(ByteBuffer buffer, int base, short value) {
        Memory.putShort(buffer, at(buffer, base, short.class), value);
    }

    /** Writes a {@code char} field (a C {@code uint16_t}). */
    public void putChar(ByteBuffer buffer, int base, char value) {
        Memory.putChar(buffer, at(buffer, base, char.class), value);
    }

    /** Writes an {@code int} field. */
    public void putInt(ByteBuffer buffer, int base, int value) {
        Memory.putInt(buffer, at(buffer, base, int.class), value);
    }

    /** Writes a {@code long} field. */
    public void putLong(ByteBuffer buffer, int base, long value) {
        Memory.putLong(buffer, at(buffer, base, long.class), value);
    }

    /** Writes a {@code float} field. */
    public void putFloat(ByteBuffer buffer, int base, float value) {
        Memory.putFloat(buffer, at(buffer, base, float.class), value);
    }

    /** Writes a {@code double} field. */
    public void putDouble(ByteBuffer buffer, int base, double value) {
        Memory.putDouble(buffer, at(buffer, base, double.class), value);
    }

    /**
     * Writes a {@code String} field as {@link Layout#write} does: UTF-8, cut at a character boundary
     * if longer than the field, NUL-padded; null writes the empty string.
     */
    public void putString(ByteBuffer buffer, int base, String text) {
        Utf8.encode(buffer, at(buffer, base, String.class), type.length(), text);
    }

    /** For example {@code Item.title (char[64] at offset 8)}. */
    @Override
    public String toString() {
        return qualifiedName() + " (" + type.display() + " at offset " + offset + ")";
    }

    // ---- internals ---------------------------------------------------------------------------

    CType type() {
        return type;
    }

    /** {@code Struct.field}, for messages. */
    String qualifiedName() {
        return struct + "." + name;
    }

    /** The element count to copy into an array of {@code available} elements: the field's, if they fit. */
    private int fits(int available) {
        int length = type.length();
        if (available < length) {
            throw new IllegalArgumentException(qualifiedName() + " has " + length + " elements; the array to copy them"
                    + " into has " + available);
        }
        return length;
    }

    /** The field's index in {@code buffer} for the struct at {@code base}, after checking type and bounds. */
    private int at(ByteBuffer buffer, int base, Class<?> wanted) {
        if (javaType != wanted) {
            throw new IllegalStateException(qualifiedName() + " is " + type.display() + " ("
                    + javaType.getSimpleName() + "), not " + wanted.getSimpleName());
        }
        if (base < 0 || base > buffer.limit() - end) {
            throw new IndexOutOfBoundsException(qualifiedName() + " of the struct at " + base + " (bytes "
                    + ((long) base + offset) + ".." + ((long) base + end) + ") is outside the buffer of "
                    + buffer.limit() + " bytes");
        }
        return base + offset;
    }
}
