/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.AllArrays;
import io.github.nativeshm.layout.Shapes.AllScalars;
import io.github.nativeshm.layout.Shapes.ByteThenLong;
import io.github.nativeshm.layout.Shapes.Deep;
import io.github.nativeshm.layout.Shapes.Flags;
import io.github.nativeshm.layout.Shapes.Inner;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Mixed;
import io.github.nativeshm.layout.Shapes.Nested;
import io.github.nativeshm.layout.Shapes.OddStrings;
import io.github.nativeshm.layout.Shapes.Price;
import io.github.nativeshm.layout.Shapes.Small;
import io.github.nativeshm.layout.Shapes.TailPadded;
import io.github.nativeshm.layout.Shapes.Tick;
import io.github.nativeshm.layout.Shapes.WithArrays;
import io.github.nativeshm.layout.elsewhere.Elsewhere;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where members go, what they are called in C, and the layout's identity: canonical form and fingerprint. */
class LayoutRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ByteThenLong | b@0 l@8 | 16 | 8",
            "Mixed        | s@0 i@4 d@8 t@16 | 24 | 8",
            "OddStrings   | a@0 b@1 n@8 c@12 | 28 | 4",
            "Flags        | on@0 bits@1 c@6 f@8 | 12 | 4",
            "AllScalars   | z@0 b@1 s@2 c@4 i@8 j@16 f@24 d@32 | 40 | 8",
            "Small        | a@0 b@2 | 4 | 2",
            "Nested       | first@0 inner@8 small@24 last@28 | 32 | 8",
            "WithArrays   | smalls@0 inners@16 shorts@48 doubles@56 end@72 | 80 | 8",
            "AllArrays    | z@0 b@2 s@6 c@10 i@16 j@24 f@40 d@56 | 72 | 8",
            "TailPadded   | l@0 b@8 | 16 | 8",
            "Deep         | nested@0 arrays@64 tail@144 | 152 | 8",
            "Tick         | kind@0 sequence@8 venue@16 flag@18 count@20 price@24 ratio@32 live@36 symbol@37 sides@50"
                    + " best@56 levels@72 lots@104 marks@112 code@128 last@132 | 136 | 8",
    })
    void membersAreAlignedAndTheSizeIsPaddedAsInC(String record, String offsets, int size, int alignment) {
        Layout<?> layout = Layout.of(shape(record));
        assertEquals(offsets, layout.fields().stream().map(f -> f.name() + "@" + f.offset())
                .collect(Collectors.joining(" ")), "offsets");
        assertEquals(size, layout.size(), "size");
        assertEquals(alignment, layout.alignment(), "alignment");
    }

    @Test
    void fieldsKnowTheirCTypeLengthSizeAndJavaType() {
        Layout<Tick> tick = Layout.of(Tick.class);
        assertEquals(List.of(
                "kind int8_t 0 1 byte", "sequence int64_t 0 8 long", "venue int16_t 0 2 short",
                "flag uint16_t 0 2 char", "count int32_t 0 4 int", "price double 0 8 double",
                "ratio float 0 4 float", "live bool 0 1 boolean", "symbol char 13 13 String",
                "sides bool 3 3 boolean[]", "best struct Price 0 16 Price", "levels struct Price 2 32 Price[]",
                "lots int16_t 3 6 short[]", "marks double 2 16 double[]", "code char 4 4 String",
                "last int8_t 0 1 byte"),
                tick.fields().stream().map(f -> f.name() + " " + f.cType() + " " + f.length() + " " + f.size() + " "
                        + f.javaType().getSimpleName()).collect(Collectors.toList()));
        assertEquals("Tick", tick.name());
        assertSame(Tick.class, tick.type());
        assertEquals("Tick.symbol (char[13] at offset 37)", tick.field("symbol").toString());
    }

    @Test
    void aLayoutIsComputedOncePerClass() {
        assertSame(Layout.of(Nested.class), Layout.of(Nested.class));
        assertSame(Layout.of(Inner.class), ((Member) Layout.of(Nested.class).field("inner")).type().struct(),
                "a nested struct uses the layout of its record");
    }

    @Test
    void fieldByNameListsTheNamesWhenThereIsNone() {
        Layout<Item> item = Layout.of(Item.class);
        assertEquals(14, item.field("qty").offset());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> item.field("quantity"));
        assertEquals("Item has no field 'quantity'; its fields are id, code, qty", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> item.fields().clear());
    }

    @Test
    void canonicalFormAndFingerprintAreFixed() {
        Layout<Item> item = Layout.of(Item.class);
        // If this fails, the format changed: every process sharing a struct sees another fingerprint.
        assertEquals("Item{int64 id@0;char[5] code@8;int16 qty@14}#16", item.canonical());
        assertEquals(0x32b8b727d8b6e635L, item.fingerprint(), () -> Layout.hex(item.fingerprint()));
        assertEquals("Item (16 bytes, fingerprint 0x32b8b727d8b6e635)", item.describe());
        assertEquals(item.describe(), item.toString());
    }

    /** The example of docs/segment-format.md, section 11.3. */
    static final class Documented {
        public record Point(int x, int y, @Fixed(8) String label) {
        }

        public record Line(@Fixed(2) Point[] ends, boolean closed) {
        }
    }

    @Test
    void canonicalFormAndFingerprintAreThoseTheSegmentFormatDocuments() {
        Layout<Documented.Line> line = Layout.of(Documented.Line.class);
        assertEquals("Line{Point{int32 x@0;int32 y@4;char[8] label@8}#16[2] ends@0;bool closed@32}#36",
                line.canonical());
        assertEquals(0x8ba88e9bde1714d8L, line.fingerprint());
    }

    @Test
    void fingerprintIsFnv1a64OfTheCanonicalForm() {
        assertEquals(0xcbf29ce484222325L, Layout.fingerprintOf(""), "the FNV-1a 64 offset basis");
        assertEquals(0xaf63dc4c8601ec8cL, Layout.fingerprintOf("a"), "the published test vector");
        Layout<Tick> tick = Layout.of(Tick.class);
        assertEquals(tick.fingerprint(), Layout.fingerprintOf(tick.canonical()));
    }

    @Test
    void canonicalFormDescribesNestedStructsAndArrays() {
        assertEquals("Nested{int8 first@0;Inner{int8 tag@0;int64 value@8}#16 inner@8;"
                + "Small{int16 a@0;int8 b@2}#4 small@24;int8 last@28}#32", Layout.of(Nested.class).canonical());
        assertEquals("Flags{bool on@0;bool[5] bits@1;uint16 c@6;float32 f@8}#12", Layout.of(Flags.class).canonical());
        assertEquals("Price{int64 mantissa@0;int8 exponent@8}#16", Layout.of(Price.class).canonical());
        assertTrue(Layout.of(Tick.class).canonical().contains(
                ";Price{int64 mantissa@0;int8 exponent@8}#16[2] levels@72;int16[3] lots@104;float64[2] marks@112;"));
    }

    /** Variants of {@link Item}, each differing in one respect. */
    static final class Variants {
        public record Item(long id, @Fixed(5) String code, short qty) {
        }

        public record Article(long id, @Fixed(5) String code, short qty) {
        }

        public record RenamedField(long id, @Fixed(5) String code, short quantity) {
        }

        public record OtherType(long id, @Fixed(5) String code, char qty) {
        }

        public record OtherOrder(long id, short qty, @Fixed(5) String code) {
        }

        public record OtherSize(long id, @Fixed(6) String code, short qty) {
        }

        public record Small(short a, short b) {
        }

        /** {@link Shapes.Nested} but for its nested {@link Small}. */
        public record Nested(byte first, Inner inner, Small small, byte last) {
        }
    }

    @Test
    void fingerprintIsTheSameForTheSameLayoutAndDiffersWithAnyChange() {
        long item = Layout.of(Item.class).fingerprint();
        assertEquals(item, Layout.of(Variants.Item.class).fingerprint(), "same struct, other Java class");
        for (Class<? extends Record> variant : List.of(Variants.Article.class, Variants.RenamedField.class,
                Variants.OtherType.class, Variants.OtherOrder.class, Variants.OtherSize.class)) {
            assertNotEquals(item, Layout.of(variant).fingerprint(), variant.getSimpleName());
        }
        assertEquals(16, Layout.of(Variants.OtherType.class).size(), "same size, yet another fingerprint");
        assertNotEquals(Layout.of(Nested.class).fingerprint(), Layout.of(Variants.Nested.class).fingerprint(),
                "a change in a nested struct");
    }

    @Test
    void recordsOfOtherPackagesWorkPublicOrNot() {
        Layout<Elsewhere.Visible> visible = Layout.of(Elsewhere.Visible.class);
        assertEquals("Visible{int32 number@0;char[3] text@4}#8", visible.canonical());
        Layout<? extends Record> hidden = Layout.of(Elsewhere.hiddenType());
        assertEquals("Hidden{int64 number@0}#8", hidden.canonical());
        record Local(int x, double y) {
        }
        assertEquals(16, Layout.of(Local.class).size(), "a local record");
    }

    private static Class<? extends Record> shape(String simpleName) {
        return Shapes.ALL.stream().filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError("no shape " + simpleName));
    }
}
