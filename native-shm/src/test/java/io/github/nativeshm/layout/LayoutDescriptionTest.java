/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.LayoutDescription.Member;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Validated;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A layout described by its canonical text reads, and declares in C, what the record's layout does. */
class LayoutDescriptionTest {
    private static final String ITEM = "Item{int64 id@0;char[5] code@8;int16 qty@14}#16";

    @Test
    void describesMembersSizeAlignmentAndFingerprint() {
        LayoutDescription item = LayoutDescription.parse(ITEM);
        assertEquals("Item", item.name());
        assertEquals(16, item.size());
        assertEquals(8, item.alignment());
        assertEquals(ITEM, item.canonical());
        assertEquals(Layout.of(Item.class).fingerprint(), item.fingerprint());
        assertEquals("[id (int64_t at offset 0), code (char[5] at offset 8), qty (int16_t at offset 14)]",
                item.members().toString());
        Member code = item.members().get(1);
        assertEquals(List.of(5, 5, true), List.of(code.size(), code.length(), code.isText()));

        // The example of docs/segment-format.md §11.3, with its fingerprint from §11.4.
        LayoutDescription line = LayoutDescription.parse(
                "Line{Point{int32 x@0;int32 y@4;char[8] label@8}#16[2] ends@0;bool closed@32}#36");
        assertEquals(0x8ba88e9bde1714d8L, line.fingerprint());
        Member ends = line.members().get(0);
        assertEquals(List.of("struct Point", 2, 32), List.of(ends.cType(), ends.length(), ends.size()));
        assertEquals("Point{int32 x@0;int32 y@4;char[8] label@8}#16", ends.struct().canonical());
        assertNull(line.members().get(1).struct());
    }

    @Test
    void decodesExactlyWhatTheRecordsLayoutReads() {
        Random random = new Random(11);
        for (Class<? extends Record> type : Shapes.ALL) {
            Layout<?> layout = Layout.of(type);
            LayoutDescription description = LayoutDescription.parse(layout.canonical());
            assertEquals(List.of(layout.canonical(), layout.size(), layout.alignment(), layout.fingerprint()),
                    List.of(description.canonical(), description.size(), description.alignment(),
                            description.fingerprint()), type.getSimpleName());
            for (int i = 0; i < 200; i++) {
                int offset = random.nextInt(8);
                ByteBuffer buffer = ReadWriteTest.garbage(random, offset + layout.size(), i % 2 == 0);
                if (i % 4 < 2 && type != Validated.class) { // a record; else any bytes, as another process may leave
                    write(layout, buffer, offset, RecordValues.random(type, random));
                }
                Record record;
                try {
                    record = layout.read(buffer, offset);
                } catch (IllegalArgumentException refused) {
                    assertEquals(Validated.class, type, "only Validated refuses values");
                    continue;
                }
                Map<String, Object> expected = plain(record);
                Map<String, Object> decoded = description.read(buffer, offset);
                assertEquals(expected, decoded, type.getSimpleName());
                assertEquals(expected.toString(), decoded.toString(), "the same order");
            }
        }
    }

    @Test
    void readsInNativeOrderWithinBounds() {
        LayoutDescription item = LayoutDescription.parse(ITEM);
        ByteBuffer buffer = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
        Layout.of(Item.class).write(buffer, 4, new Item(-7, "caf\u00e9s", (short) 300));
        assertEquals(Map.of("id", -7L, "code", "caf\u00e9", "qty", 300), item.read(buffer, 4));
        buffer.put(4 + 8, (byte) 0xff);
        assertEquals("\ufffdaf\u00e9", item.read(buffer, 4).get("code"), "invalid UTF-8 reads as U+FFFD");
        assertThrows(IndexOutOfBoundsException.class, () -> item.read(buffer, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> item.read(buffer, -1));
    }

    @Test
    void headerIsTheRecordsHeaderWithStructNamesForClassNames() {
        for (Class<? extends Record> type : Shapes.ALL) {
            Layout<?> layout = Layout.of(type);
            String expected = layout.cHeader();
            for (Class<?> struct : structs(type, new LinkedHashSet<>())) {
                expected = expected.replace("/* " + struct.getName() + ": ", "/* " + struct.getSimpleName() + ": ");
            }
            assertEquals(expected, LayoutDescription.parse(layout.canonical()).cHeader(), type.getSimpleName());
        }
    }

    @Test
    void aHeaderOfSeveralDescriptionsDeclaresEachStructOnce() {
        String header = LayoutDescription.cHeader(List.of(LayoutDescription.parse(Layout.of(Shapes.Nested.class)
                .canonical()), LayoutDescription.parse(Layout.of(Shapes.Inner.class).canonical())));
        assertEquals(1, header.split("struct Inner \\{", -1).length - 1, header);
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> LayoutDescription.cHeader(
                List.of(LayoutDescription.parse("A{int8 x@0}#1"), LayoutDescription.parse("A{int16 x@0}#2"))));
        assertEquals("two different structs are named A: A{int8 x@0}#1 and A{int16 x@0}#2", clash.getMessage());
        IllegalArgumentException keyword = assertThrows(IllegalArgumentException.class,
                () -> LayoutDescription.parse("A{int8 int@0}#1").cHeader());
        assertTrue(keyword.getMessage().startsWith("field A.int: 'int' cannot be a C identifier"), keyword.getMessage());
    }

    @Test
    void malformedTextsAreRefusedNamingTheProblemAndWhere() {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("", "expected a struct name, found the end of the text (at character 0: \" >>> \")");
        problems.put("Item{int64 id@0}#8 ", "unexpected text after the size of struct Item (at character 18");
        problems.put("Item{int64 id@1}#16", "member Item.id is at offset 1, but C places it at 0 (the previous member"
                + " ends at 0, its alignment is 8) (at character 14: \"Item{int64 id@ >>> 1}#16\")");
        problems.put("Item{int8 a@0;int64 b@4}#16", "member Item.b is at offset 4, but C places it at 8");
        problems.put("Item{int64 id@0}#12", "struct Item has size 12, but C makes it 8 (its members end at 8, its"
                + " alignment is 8)");
        problems.put("Item{int8 a@0;int32 b@4}#5", "struct Item has size 5, but C makes it 8");
        problems.put("Item{int65 id@0}#8", "unknown type int65; a type is bool, int8,");
        problems.put("Item{char c@0}#1", "char needs a capacity: char[n]");
        problems.put("Item{int8[0] a@0}#1", "an array length must be at least 1");
        problems.put("Item{int8[01] a@0}#1", "an array length has a leading zero");
        problems.put("Item{int8 a@00}#1", "the offset of member a has a leading zero");
        problems.put("Item{int8 a@0}#+1", "expected the size of struct Item (a decimal number), found '+'");
        problems.put("Item{int8[99999999999] a@0}#1", "an array length is larger than 2147483647");
        problems.put("Item{int64[300000000] a@0}#2400000000", "a member of 2400000000 bytes is larger than 2147483647");
        problems.put("Item{int8[2147483647] a@0;int8 b@2147483647}#1", "struct Item would end at byte 2147483648");
        problems.put("Item{int8 a@0;int8 a@1}#2", "struct Item has two members named a");
        problems.put("Item{}#0", "expected a member type, found '}'");
        problems.put("Item{int8 a-b@0}#1", "expected '@' and the offset after member a, found '-'");
        problems.put("Item{int8  a@0}#1", "expected a member name, found ' '");
        problems.put("Item{int8 a@0}", "expected '#' and the size after the members of struct Item, found the end");
        problems.put("Item{int8 a@0,int8 b@1}#2", "expected ';' or '}' after a member of struct Item, found ','");
        problems.put("Item{int8[2 a@0}#2", "expected ']' after the array length, found ' '");
        problems.put("Item(int8 a@0)#1", "expected '{' after struct name Item, found '('");
        problems.put("It\u0000em{int8 a@0}#1", "expected '{' after struct name It, found '\\u0000' (at character 2:"
                + " \"It >>> \\u0000em{int8 a@0}#1\")");
        problems.put("Outer{Inner{int8 a@0}#2 in@0}#2", "struct Inner has size 2, but C makes it 1");
        for (Map.Entry<String, String> problem : problems.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LayoutDescription.parse(problem.getKey()), problem.getKey());
            assertTrue(e.getMessage().startsWith("invalid layout description: " + problem.getValue()),
                    () -> problem.getKey() + " gave: " + e.getMessage());
        }
    }

    @Test
    void nestingDepthAndTextLengthAreCapped() {
        assertEquals(LayoutDescription.MAX_DEPTH, depth(LayoutDescription.parse(nested(LayoutDescription.MAX_DEPTH))));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> LayoutDescription.parse(nested(1000)));
        assertTrue(deep.getMessage().startsWith("invalid layout description: structs are nested more than 32 deep"),
                deep.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> LayoutDescription.parse(
                "A{int8 a@0}#1" + " ".repeat(LayoutDescription.MAX_TEXT_LENGTH)));
        assertEquals("invalid layout description: 1048589 characters, more than 1048576", tooLong.getMessage());
    }

    /** Mutated canonical texts either parse, to a description of exactly that text, or fail cleanly. */
    @Test
    void mutatedTextsParseExactlyOrFailWithIllegalArgumentException() {
        Random random = new Random(12);
        String alphabet = "{}[]@#; 0123456789abcdefgijlnortuxAZ_$\u00e9\u0000\ud83d\ude00";
        int parsed = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder(Layout.of(Shapes.ALL.get(random.nextInt(Shapes.ALL.size()))).canonical());
            for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setLength(at);
                }
            }
            try {
                LayoutDescription description = LayoutDescription.parse(text.toString());
                assertEquals(text.toString(), description.canonical());
                description.read(ReadWriteTest.garbage(random, description.size(), false), 0);
                parsed++;
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("invalid layout description: "), expected.getMessage());
            } catch (RuntimeException e) {
                fail("'" + text + "' threw " + e, e);
            }
        }
        assertTrue(parsed > 200, "some mutations (a renamed member, say) are valid: " + parsed);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static <R extends Record> void write(Layout<R> layout, ByteBuffer buffer, int offset, Record record) {
        layout.write(buffer, offset, (R) record);
    }

    /** A record as LayoutDescription.read promises it: maps, lists, Integer, Long, Double, Boolean, String. */
    private static Map<String, Object> plain(Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            values.put(component.getName(), plainValue(RecordValues.value(record, component)));
        }
        return values;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Record record) {
            return plain(record);
        }
        if (value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(plainValue(Array.get(value, i)));
            }
            return elements;
        }
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).intValue();
        }
        if (value instanceof Character c) {
            return (int) c;
        }
        if (value instanceof Float f) {
            return (double) f;
        }
        return value;
    }

    /** The record classes a header for {@code type} declares. */
    private static Set<Class<?>> structs(Class<?> type, Set<Class<?>> found) {
        found.add(type);
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> member = component.getType().isArray() ? component.getType().getComponentType() : component.getType();
            if (member.isRecord()) {
                structs(member, found);
            }
        }
        return found;
    }

    /** {@code S1{S2{...{int8 a@0}#1 m@0}#1 ...}#1}: {@code levels} structs, each inside the previous. */
    private static String nested(int levels) {
        StringBuilder text = new StringBuilder();
        for (int level = 1; level < levels; level++) {
            text.append('S').append(level).append('{');
        }
        text.append('S').append(levels).append("{int8 a@0}#1");
        text.append(" m@0}#1".repeat(levels - 1));
        return text.toString();
    }

    private static int depth(LayoutDescription description) {
        Member first = description.members().get(0);
        return 1 + (first.struct() == null ? 0 : depth(first.struct()));
    }
}
