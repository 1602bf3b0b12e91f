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
 * Each getter reads the field's type only: calling {@code getInt} on a {@code long} field throws
 * {@link IllegalStateException}. Like {@link Layout#read}, getters read in native byte order,
 * throw {@link IndexOutOfBoundsException} if the field lies outside the buffer's limit, and
 * accept any bytes. Instances are immutable and safe to share between threads.
 */
public final class Field {
    private final String struct;
    private final String name;
    private final int offset;
    private final CType type;

    Field(String struct, String name, int offset, CType type) {
        this.struct = struct;
        this.name = name;
        this.offset = offset;
        this.type = type;
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

    /** The field's index in {@code buffer} for the struct at {@code base}, after checking type and bounds. */
    private int at(ByteBuffer buffer, int base, Class<?> wanted) {
        if (type.javaType() != wanted) {
            throw new IllegalStateException(qualifiedName() + " is " + type.display() + " ("
                    + type.javaType().getSimpleName() + "), not " + wanted.getSimpleName());
        }
        int end = offset + size();
        if (base < 0 || base > buffer.limit() - end) {
            throw new IndexOutOfBoundsException(qualifiedName() + " of the struct at " + base + " (bytes "
                    + ((long) base + offset) + ".." + ((long) base + end) + ") is outside the buffer of "
                    + buffer.limit() + " bytes");
        }
        return base + offset;
    }
}
