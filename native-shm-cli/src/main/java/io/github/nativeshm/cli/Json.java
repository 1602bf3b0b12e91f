/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON (RFC 8259) from maps, lists, strings, numbers, booleans and null, indented by two
 * spaces; the module has no JSON library. The text is ASCII whatever the console's encoding:
 * other characters are {@code \}{@code uXXXX} escapes. A non-finite double, which JSON cannot
 * express, is written as the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}, as
 * the Python reader of the format does.
 */
final class Json {
    private Json() {
    }

    /** The document for {@code value}, without a final newline. */
    static String write(Object value) {
        StringBuilder json = new StringBuilder();
        write(json, value, "");
        return json.toString();
    }

    /** {@code text} as a JSON string; with {@code asciiOnly} false, printable non-ASCII stays as it is. */
    static String quote(String text, boolean asciiOnly) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f || !asciiOnly && c > 0x9f && !Character.isSurrogate(c)) {
                        quoted.append(c);
                    } else if (!asciiOnly && Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        quoted.append(c).append(text.charAt(++i));
                    } else {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void write(StringBuilder json, Object value, String indent) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            json.append(quote(text, true));
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof Double number) {
            json.append(Double.isFinite(number) ? number.toString() : quote(number.toString(), true));
        } else if (value instanceof Map<?, ?> map) {
            writeMembers(json, map.entrySet().iterator(), true, indent);
        } else if (value instanceof List<?> list) {
            writeMembers(json, list.iterator(), false, indent);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** The members of an object (map entries) or an array, one per line. */
    private static void writeMembers(StringBuilder json, Iterator<?> members, boolean object, String indent) {
        char close = object ? '}' : ']';
        json.append(object ? '{' : '[');
        if (!members.hasNext()) {
            json.append(close);
            return;
        }
        String inner = indent + "  ";
        while (members.hasNext()) {
            json.append('\n').append(inner);
            Object member = members.next();
            if (object) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) member;
                json.append(quote(String.valueOf(entry.getKey()), true)).append(": ");
                member = entry.getValue();
            }
            write(json, member, inner);
            if (members.hasNext()) {
                json.append(',');
            }
        }
        json.append('\n').append(indent).append(close);
    }
}
