/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Python reader's layout parser ({@code python/shm_layout.py}) and Java's
 * ({@link LayoutDescription#parse}) accept and refuse the same layout texts: the same names
 * ({@code docs/segment-format.md} §11.3: a Java identifier without ignorable characters; not
 * {@code 1x}, {@code a-b} or a NUL inside), the same numbers (decimal, no leading zero, at most
 * 2^31 − 1, and so every member size and struct end), the same duplicate member names. One list
 * of texts, each with the verdict the specification gives it, goes through both.
 */
class PythonLayoutRulesTest {
    private static final List<String> BAD_NAMES = List.of("1x", "a-b", "a\0b", "a\0", "a.b", "a+b", "a\u200bb",
            "\u0301a", "\u0663x", "a\u007fb", "a\u0085b", "\ud800x");
    private static final List<String> GOOD_NAMES = List.of("x", "$x", "_", "x1", "é", "x\u0301", "日本", "x\u0663",
            "\u216b", "_1$");

    /** Each text, and whether the specification accepts it. */
    private static Map<String, Boolean> cases() {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        for (String name : BAD_NAMES) {
            cases.put("S{int32 " + name + "@0}#4", false);
            cases.put(name + "{int32 x@0}#4", false);
            cases.put("S{" + name + "{int32 x@0}#4 m@0}#4", false);
        }
        for (String name : GOOD_NAMES) {
            cases.put("S{int32 " + name + "@0}#4", true);
            cases.put(name + "{int32 x@0}#4", true);
            cases.put("S{" + name + "{int32 x@0}#4 m@0}#4", true);
        }
        // numbers: decimal, no sign, no leading zero, at most 2^31 - 1; sizes and ends too
        cases.put("S{int8[2147483647] a@0}#2147483647", true);
        cases.put("S{int8[2147483648] a@0}#2147483648", false);
        cases.put("S{int16[1073741824] a@0}#2147483648", false);
        cases.put("S{int8[1073741824] a@0;int8[1073741824] b@1073741824}#2147483648", false);
        cases.put("S{int8[2147483647] a@0;int8 b@2147483647}#2147483648", false);
        cases.put("S{int32 x@0}#4294967300", false);
        cases.put("S{int32 x@00}#4", false);
        cases.put("S{int32 x@0}#04", false);
        cases.put("S{int32 x@0}#+4", false);
        cases.put("S{int8[0] x@0}#0", false);
        cases.put("S{int8[01] x@0}#1", false);
        // duplicate member names: refused within a struct, fine across structs
        cases.put("S{int32 a@0;int32 a@4}#8", false);
        cases.put("S{T{int32 a@0}#4 a@0}#4", true);
        cases.put("S{T{int32 x@0}#4 a@0;T{int64 y@0}#8 b@8}#16", true); // two structs T: a description may
        return cases;
    }

    @Test
    void pythonAndJavaAcceptAndRefuseTheSameLayoutTexts(@TempDir Path directory) throws Exception {
        Map<String, Boolean> cases = cases();
        List<String> texts = new ArrayList<>(cases.keySet());
        Path input = directory.resolve("texts.json");
        Files.writeString(input, json(texts), StandardCharsets.UTF_8);
        URL module = Objects.requireNonNull(PythonLayoutRulesTest.class.getResource("/python/shm_layout.py"));
        String script = String.join("\n",
                "import json, sys",
                "sys.dont_write_bytecode = True",
                "sys.path.insert(0, sys.argv[1])",
                "from shm_layout import parse_layout",
                "for text in json.load(open(sys.argv[2], encoding='utf-8')):",
                "    try:",
                "        parse_layout(text)",
                "        print('ok')",
                "    except ValueError as e:",
                "        print('refused ' + ascii(str(e)))");
        String output = Processes.run(List.of("python3", "-c", script,
                Path.of(module.toURI()).getParent().toString(), input.toString()));
        List<String> verdicts = output.lines().toList();
        assertEquals(texts.size(), verdicts.size(), output);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            boolean wanted = cases.get(text);
            String java;
            try {
                LayoutDescription.parse(text);
                java = "ok";
            } catch (IllegalArgumentException e) {
                java = "refused " + e.getMessage();
            }
            String python = verdicts.get(i);
            if (java.equals("ok") != wanted || python.equals("ok") != wanted) {
                disagreements.add(printable(text) + " should be " + (wanted ? "accepted" : "refused") + "; Java: " + java
                        + "; Python: " + python);
            }
        }
        assertTrue(disagreements.isEmpty(), () -> String.join("\n", disagreements));
        assertTrue(cases.size() > 60, "every name in three places, and the numbers");
    }

    private static String json(List<String> texts) {
        StringBuilder json = new StringBuilder("[");
        for (String text : texts) {
            json.append(json.length() > 1 ? "," : "").append('"');
            text.chars().forEach(c -> json.append(c < 0x20 || c == '"' || c == '\\' || c >= 0x7f
                    ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            json.append('"');
        }
        return json.append(']').toString();
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return shown.toString();
    }
}
