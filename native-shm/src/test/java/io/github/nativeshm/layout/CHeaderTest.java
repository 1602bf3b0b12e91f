/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Shapes.Deep;
import io.github.nativeshm.layout.Shapes.Inner;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Nested;
import io.github.nativeshm.layout.Shapes.Small;
import io.github.nativeshm.layout.Shapes.Tick;
import io.github.nativeshm.layout.Shapes.WithArrays;
import io.github.nativeshm.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated header is what gcc makes of the same structs. */
@EnabledOnOs(OS.LINUX)
class CHeaderTest {
    private static final String EMPTY_MAIN = "int main(void) { return 0; }\n";

    @TempDir
    Path directory;

    @Test
    void headerIsExactlyTheReviewedOne() throws Exception {
        // If this fails, look at the difference: C programs compile against this text.
        assertEquals(Files.readString(CPrograms.resource("nested.h")), Layout.of(Nested.class).cHeader());
    }

    @Test
    void gccLaysOutEveryShapeAsTheLayoutSays() throws Exception {
        List<Layout<?>> layouts = new ArrayList<>();
        Shapes.ALL.forEach(type -> layouts.add(Layout.of(type)));
        CPrograms.write(directory, "shapes.h", CHeaders.of(layouts.toArray(Layout<?>[]::new)));
        Path source = CPrograms.write(directory, "probe.c", probe(dependenciesFirst(layouts)));
        Path probe = CPrograms.build(directory, source);

        Map<String, String> gcc = CPrograms.run(probe);
        Map<String, String> expected = new LinkedHashMap<>();
        for (Layout<?> layout : dependenciesFirst(layouts)) {
            String name = layout.name();
            expected.put(name + ".sizeof", Integer.toString(layout.size()));
            expected.put(name + ".alignof", Integer.toString(layout.alignment()));
            expected.put(name + ".natural.sizeof", Integer.toString(layout.size()));
            expected.put(name + ".natural.alignof", Integer.toString(layout.alignment()));
            expected.put(name + ".fingerprint", String.format("%016x", layout.fingerprint()));
            for (Field field : layout.fields()) {
                expected.put(name + ".natural." + field.name(), Integer.toString(field.offset()));
            }
        }
        assertEquals(expected, gcc);
    }

    /**
     * A program that prints, for each struct, sizeof and _Alignof of the header's struct, and
     * sizeof, _Alignof and every offsetof of a "natural" twin declared without explicit padding,
     * which gcc lays out by its own rules.
     */
    private static String probe(List<Layout<?>> layouts) {
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include \"shapes.h\"\n\n");
        for (Layout<?> layout : layouts) {
            c.append("struct natural_").append(layout.name()).append(" {\n");
            for (Field field : layout.fields()) {
                c.append("    ").append(field.cType().replace("struct ", "struct natural_"))
                        .append(' ').append(field.name())
                        .append(field.length() > 0 ? "[" + field.length() + "]" : "").append(";\n");
            }
            c.append("};\n");
        }
        c.append("\nint main(void)\n{\n");
        for (Layout<?> layout : layouts) {
            String name = layout.name();
            String natural = "struct natural_" + name;
            print(c, name + ".sizeof", "%zu", "sizeof(struct " + name + ")");
            print(c, name + ".alignof", "%zu", "_Alignof(struct " + name + ")");
            print(c, name + ".natural.sizeof", "%zu", "sizeof(" + natural + ")");
            print(c, name + ".natural.alignof", "%zu", "_Alignof(" + natural + ")");
            print(c, name + ".fingerprint", "%016llx", "(unsigned long long) "
                    + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_FINGERPRINT");
            for (Field field : layout.fields()) {
                print(c, name + ".natural." + field.name(), "%zu", "offsetof(" + natural + ", " + field.name() + ")");
            }
        }
        return c.append("    return 0;\n}\n").toString();
    }

    private static void print(StringBuilder c, String key, String format, String expression) {
        c.append("    printf(\"").append(key).append('=').append(format).append("\\n\", ")
                .append(expression).append(");\n");
    }

    /** The layouts and those they contain, each after those it contains: found here, not by CHeaders. */
    private static List<Layout<?>> dependenciesFirst(List<Layout<?>> layouts) {
        Set<Layout<?>> ordered = new LinkedHashSet<>();
        layouts.forEach(layout -> addAfterDependencies(layout, ordered));
        return new ArrayList<>(ordered);
    }

    private static void addAfterDependencies(Layout<?> layout, Set<Layout<?>> ordered) {
        for (Field field : layout.fields()) {
            Class<?> type = field.javaType().isArray() ? field.javaType().getComponentType() : field.javaType();
            if (type.isRecord()) {
                addAfterDependencies(Layout.of(type.asSubclass(Record.class)), ordered);
            }
        }
        ordered.add(layout);
    }

    @Test
    void aHeaderThatDisagreesWithTheCompilerDoesNotCompile() throws Exception {
        String header = Layout.of(Tick.class).cHeader();
        assertDoesNotCompile(header.replace("offsetof(struct Tick, best) == 56", "offsetof(struct Tick, best) == 48"),
                "offsetof(struct Tick, best)");
        assertDoesNotCompile(header.replace("uint8_t _pad1[3];", "uint8_t _pad1[11];"), "offsetof(struct Tick, best)");
        assertDoesNotCompile(header.replace("uint8_t _pad0[7];\n};", "uint8_t _pad0[8];\n};"), "sizeof(struct Price)");
    }

    private void assertDoesNotCompile(String header, String failedAssertion) throws Exception {
        CPrograms.write(directory, "tampered.h", header);
        Path source = CPrograms.write(directory, "tampered.c", "#include \"tampered.h\"\n" + EMPTY_MAIN);
        Processes.Result result = CPrograms.compile(directory, source);
        assertNotEquals(0, result.exitCode(), "gcc accepted the tampered header");
        assertTrue(result.stderr().contains("\"" + failedAssertion + "\""), result::toString);
    }

    @Test
    void headersDeclaringTheSameStructCanBeIncludedTogetherButNotDifferentOnes() throws Exception {
        CPrograms.write(directory, "nested.h", Layout.of(Nested.class).cHeader());
        CPrograms.write(directory, "arrays.h", Layout.of(WithArrays.class).cHeader()); // also declares Inner, Small
        CPrograms.build(directory, CPrograms.write(directory, "both.c",
                "#include \"nested.h\"\n#include \"arrays.h\"\n"
                        + "int main(void) { struct Inner i = {0}; return i.tag; }\n"));

        CPrograms.write(directory, "other.h", Layout.of(LayoutRulesTest.Variants.Item.class).cHeader()
                .replace("int16_t qty;", "int16_t quantity;")
                .replace("offsetof(struct Item, qty)", "offsetof(struct Item, quantity)")
                .replace(Layout.hex(Layout.of(Item.class).fingerprint()), "0x0000000000000001"));
        CPrograms.write(directory, "item.h", Layout.of(Item.class).cHeader());
        Processes.Result result = CPrograms.compile(directory, CPrograms.write(directory, "clash.c",
                "#include \"other.h\"\n#include \"item.h\"\n" + EMPTY_MAIN));
        assertNotEquals(0, result.exitCode(), "gcc accepted two different struct Item");
        assertTrue(result.stderr().contains("another struct Item was declared before"), result::toString);
    }

    @Test
    void eachStructComesOnceAfterTheStructsItContains() {
        String header = CHeaders.of(Layout.of(Deep.class), Layout.of(Nested.class), Layout.of(Inner.class));
        List<String> declared = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("struct ") && line.endsWith(" {")) {
                declared.add(line.substring("struct ".length(), line.length() - 2));
            }
        }
        assertEquals(List.of("Inner", "Small", "Nested", "WithArrays", "Deep"), declared);
        assertEquals(1, header.split("#pragma once", -1).length - 1, "one header");
    }

    @Test
    void twoRecordsOfOneNameCannotShareAHeader() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CHeaders.of(Layout.of(Item.class), Layout.of(LayoutRulesTest.Variants.Item.class)));
        assertEquals("records " + Item.class.getName() + " and " + LayoutRulesTest.Variants.Item.class.getName()
                + " would both be struct Item", e.getMessage());
    }

    public record Keyword(int unsigned) {
    }

    public record Größe(int x) {
    }

    public record Padded(byte _pad0, long value, byte _pad1) {
    }

    @Test
    void namesThatCannotBeCIdentifiersAreRefusedForTheHeaderOnly() {
        assertEquals(4, Layout.of(Keyword.class).size(), "fine for Java");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.of(Keyword.class).cHeader());
        assertEquals("field Keyword.unsigned: 'unsigned' cannot be a C identifier (a C keyword, or not only ASCII"
                + " letters, digits and underscores); rename it to generate a C header", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layout.of(Größe.class).cHeader());
        String expected = "struct " + Größe.class.getName() + ": 'Größe' cannot be a C identifier";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void paddingNamesAvoidFieldNames() throws Exception {
        String header = Layout.of(Padded.class).cHeader();
        assertTrue(header.contains("    int8_t _pad0;\n    uint8_t _pad2[7];\n    int64_t value;\n    int8_t _pad1;\n"
                + "    uint8_t _pad3[7];\n};"), header);
        CPrograms.write(directory, "padded.h", header);
        CPrograms.build(directory, CPrograms.write(directory, "padded.c", "#include \"padded.h\"\n" + EMPTY_MAIN));
    }
}
