/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A struct layout read from its canonical text ({@link Layout#canonical()}), for programs that
 * have the text but not the Java record: tools that read any region of a segment, whose directory
 * stores the text of each struct.
 *
 * <pre>{@code
 * LayoutDescription item = LayoutDescription.parse("Item{int64 id@0;char[5] code@8;int16 qty@14}#16");
 * Map<String, Object> fields = item.read(buffer, offset);   // {id=7, code=ACME, qty=12}
 * String header = item.cHeader();                           // struct Item for C
 * }</pre>
 *
 * <p>The text is untrusted: {@link #parse} accepts exactly the grammar that {@code canonical()}
 * writes, recomputes every offset and size by the C rules that {@link Layout} follows, and refuses
 * anything else with an {@link IllegalArgumentException} that names the problem and where it is.
 * It accepts at most {@value #MAX_TEXT_LENGTH} characters and structs nested at most
 * {@value #MAX_DEPTH} deep; sizes and offsets are at most {@code Integer.MAX_VALUE}, as in a
 * {@code Layout}.
 *
 * <p>{@link #read} decodes a struct into an ordered map of member name to value, as
 * {@link Layout#read} would decode it into a record: {@code bool} as {@link Boolean},
 * {@code int8}, {@code int16}, {@code uint16} (0..65535) and {@code int32} as {@link Integer},
 * {@code int64} as {@link Long}, {@code float32} and {@code float64} as {@link Double} (exactly),
 * {@code char[n]} as {@link String} (up to the first NUL, invalid UTF-8 as U+FFFD), arrays as
 * {@link List}s and nested structs as {@link Map}s. Descriptions are immutable and safe to share
 * between threads.
 */
public final class LayoutDescription {
    /** The longest canonical text {@link #parse} accepts, in characters. */
    public static final int MAX_TEXT_LENGTH = 1 << 20;
    /** The deepest nesting of structs {@link #parse} accepts (1: no nested struct). */
    public static final int MAX_DEPTH = 32;

    private final String name;
    private final List<Member> members;
    private final int size;
    private final int alignment;
    // The canonical text is source[start, end): nested structs share their parent's text.
    private final String source;
    private final int start;
    private final int end;

    LayoutDescription(String name, List<Member> members, int size, int alignment, String source, int start, int end) {
        this.name = name;
        this.members = List.copyOf(members);
        this.size = size;
        this.alignment = alignment;
        this.source = source;
        this.start = start;
        this.end = end;
    }

    /**
     * Parses and checks a canonical layout text, such as
     * {@code Item{int64 id@0;char[5] code@8;int16 qty@14}#16}.
     *
     * @param canonical the text, as {@link Layout#canonical()} writes it
     * @return the struct it describes
     * @throws IllegalArgumentException naming the problem and its position, if the text does not
     *                                  follow the grammar, places a member or sizes a struct other
     *                                  than C would, repeats a member name, or exceeds a limit
     */
    public static LayoutDescription parse(String canonical) {
        return LayoutText.parse(Objects.requireNonNull(canonical, "canonical"));
    }

    /**
     * One C header that declares the structs of {@code descriptions} and every struct they
     * contain, each once, in the form {@link CHeaders#of} gives records.
     *
     * @param descriptions the structs to declare
     * @return the header's text
     * @throws IllegalArgumentException if two different structs have the same name, or a name
     *                                  cannot be a C identifier
     */
    public static String cHeader(List<LayoutDescription> descriptions) {
        return StructHeaders.of(descriptions, LayoutDescription::name);
    }

    /** {@return the struct's name} */
    public String name() {
        return name;
    }

    /** {@return the members, in order} */
    public List<Member> members() {
        return members;
    }

    /** {@return the size in bytes, tail padding included: C's {@code sizeof}} */
    public int size() {
        return size;
    }

    /** {@return the alignment in bytes, that of the most aligned member: C's {@code _Alignof}} */
    public int alignment() {
        return alignment;
    }

    /** {@return the canonical text this was parsed from} */
    public String canonical() {
        return source.substring(start, end);
    }

    /**
     * {@return the fingerprint of the canonical text ({@link Layout#fingerprintOf}): equal to that of
     * the record's layout}
     */
    public long fingerprint() {
        return Layout.fingerprintOf(canonical());
    }

    /**
     * Decodes the struct at {@code offset} of {@code buffer} (native byte order) into a new,
     * unmodifiable map of member name to value, in member order. Any bytes decode.
     *
     * @param buffer the buffer holding the struct
     * @param offset where the struct starts in {@code buffer}, in bytes (absolute, not from its position)
     * @return the members' values by name
     * @throws IndexOutOfBoundsException if the struct does not lie within the buffer's limit
     */
    public Map<String, Object> read(ByteBuffer buffer, int offset) {
        if (offset < 0 || offset > buffer.limit() - size) {
            throw new IndexOutOfBoundsException(name + " (" + size + " bytes) at offset " + offset
                    + " is outside the buffer of " + buffer.limit() + " bytes");
        }
        return readAt(buffer, offset);
    }

    /** {@return a C header that declares this struct and those it contains; see {@link #cHeader(List)}} */
    public String cHeader() {
        return cHeader(List.of(this));
    }

    /** For messages: {@code Item (16 bytes, fingerprint 0x32b8b727d8b6e635)}, as {@link Layout#describe()}. */
    @Override
    public String toString() {
        return name + " (" + size + " bytes, fingerprint " + Layout.hex(fingerprint()) + ")";
    }

    private Map<String, Object> readAt(ByteBuffer buffer, int base) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Member member : members) {
            values.put(member.name, member.read(buffer, base + member.offset));
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * One member of a described struct: its name, place and C type.
     */
    public static final class Member {
        private final String name;
        private final int offset;
        private final Scalar scalar;
        private final LayoutDescription struct;
        private final int length;

        /** A scalar or scalar array ({@code scalar} set), text (neither set) or struct (or array of them). */
        Member(String name, int offset, Scalar scalar, LayoutDescription struct, int length) {
            this.name = name;
            this.offset = offset;
            this.scalar = scalar;
            this.struct = struct;
            this.length = length;
        }

        /** {@return the member's name} */
        public String name() {
            return name;
        }

        /** {@return the offset from the start of the struct, in bytes} */
        public int offset() {
            return offset;
        }

        /** {@return the size in bytes: of the whole array or text for arrays and text} */
        public int size() {
            return (int) sizeOf(elementSize(scalar, struct), length);
        }

        /** {@return the C type, or the element type of an array: {@code int64_t}, {@code char}, {@code struct Inner}} */
        public String cType() {
            return scalar != null ? scalar.cType : struct != null ? "struct " + struct.name : "char";
        }

        /** {@return the array's element count or the text's capacity in bytes; 0 for a scalar or a nested struct} */
        public int length() {
            return length;
        }

        /** {@return whether this is text: {@code char[n]}, read as a String} */
        public boolean isText() {
            return scalar == null && struct == null;
        }

        /** {@return the nested struct, or the element struct of an array; null for scalars and text} */
        public LayoutDescription struct() {
            return struct;
        }

        /** For example {@code code (char[5] at offset 8)}. */
        @Override
        public String toString() {
            return name + " (" + cType() + (length == 0 ? "" : "[" + length + "]") + " at offset " + offset + ")";
        }

        int alignment() {
            return scalar != null ? scalar.size : struct != null ? struct.alignment : 1;
        }

        /** Bytes of one element: {@code size} for a scalar or struct, 1 for text. */
        static int elementSize(Scalar scalar, LayoutDescription struct) {
            return scalar != null ? scalar.size : struct != null ? struct.size : 1;
        }

        /** The size of {@code length} elements (one if 0), as a long: it may not fit an int. */
        static long sizeOf(int elementSize, int length) {
            return (long) elementSize * Math.max(length, 1);
        }

        private Object read(ByteBuffer buffer, int at) {
            if (isText()) {
                return Utf8.decode(buffer, at, length);
            }
            if (length == 0) {
                return element(buffer, at);
            }
            int stride = elementSize(scalar, struct);
            List<Object> values = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                values.add(element(buffer, at + i * stride));
            }
            return Collections.unmodifiableList(values);
        }

        private Object element(ByteBuffer buffer, int at) {
            if (struct != null) {
                return struct.readAt(buffer, at);
            }
            return switch (scalar) {
                case BOOLEAN -> NativeBytes.getBoolean(buffer, at);
                case BYTE -> (int) NativeBytes.getByte(buffer, at);
                case SHORT -> (int) NativeBytes.getShort(buffer, at);
                case CHAR -> (int) NativeBytes.getChar(buffer, at);
                case INT -> NativeBytes.getInt(buffer, at);
                case LONG -> NativeBytes.getLong(buffer, at);
                case FLOAT -> (double) NativeBytes.getFloat(buffer, at);
                case DOUBLE -> NativeBytes.getDouble(buffer, at);
            };
        }
    }
}
