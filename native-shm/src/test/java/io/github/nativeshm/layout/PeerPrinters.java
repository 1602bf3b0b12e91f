/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.util.List;

/**
 * Writes, for the peer programs of {@link BindingPeersTest}, a function per struct in Python, Rust
 * or Go that prints every scalar of a value of the generated type as {@code prefix + key=value}:
 * keys as {@link #flatten} makes them (the Java member names, {@code a.b}, {@code a[i]}), integers in
 * decimal, booleans as 1 or 0, floating point numbers as their raw bits in hex, text decoded by
 * the bindings' own helper. The functions reach the members by the names the bindings give them,
 * so they compile only if the bindings name them so.
 */
final class PeerPrinters {
    /** How a language spells the parts of a printing function. */
    interface Dialect {
        StructWalk.Naming naming();

        /** A function {@code name} that prints value {@code v} of type {@code type} after prefix {@code p}. */
        String function(String name, String type, String body);

        /** A statement printing {@code p + key} and the value of the expression. */
        String print(String key, String value);

        /** A statement calling the printing function of a nested struct. */
        String call(String function, String key, String value);

        String member(String value, String name);

        default String index(String value, int i) {
            return value + "[" + i + "]";
        }

        /** The expression that prints a scalar the way the keys above say. */
        String scalar(Scalar scalar, String value);

        String text(String value);

        String functionName(String type);
    }

    private PeerPrinters() {
    }

    /** A printing function for every struct of {@code layouts} and those they contain. */
    static String functions(Dialect dialect, List<LayoutDescription> layouts) {
        StructWalk walk = StructWalk.of(layouts, dialect.naming());
        StringBuilder functions = new StringBuilder();
        for (StructWalk.Struct struct : walk.structs()) {
            StringBuilder body = new StringBuilder();
            for (StructWalk.Slot slot : struct.members()) {
                LayoutDescription.Member member = slot.member();
                String value = dialect.member("v", slot.name());
                if (member.isText() || member.length() == 0) {
                    element(dialect, walk, member, member.name(), value, body);
                } else {
                    for (int i = 0; i < member.length(); i++) {
                        element(dialect, walk, member, member.name() + "[" + i + "]", dialect.index(value, i), body);
                    }
                }
            }
            functions.append(dialect.function(dialect.functionName(struct.name()), struct.name(), body.toString()));
        }
        return functions.toString();
    }

    private static void element(Dialect dialect, StructWalk walk, LayoutDescription.Member member, String key,
                                String value, StringBuilder body) {
        if (member.struct() != null) {
            body.append(dialect.call(dialect.functionName(walk.typeName(member.struct())), key + ".", value));
        } else if (member.isText()) {
            body.append(dialect.print(key, dialect.text(value)));
        } else {
            body.append(dialect.print(key, dialect.scalar(StructWalk.scalar(member), value)));
        }
    }

    /** What the printing functions print for the struct at {@code offset}, as Java's own reader decodes it. */
    static void flatten(String prefix, LayoutDescription layout, java.util.Map<String, Object> values,
                        java.util.Map<String, String> into) {
        for (LayoutDescription.Member member : layout.members()) {
            Object value = values.get(member.name());
            if (member.isText() || member.length() == 0) {
                flattenElement(prefix + member.name(), member, value, into);
            } else {
                List<?> elements = (List<?>) value;
                for (int i = 0; i < elements.size(); i++) {
                    flattenElement(prefix + member.name() + "[" + i + "]", member, elements.get(i), into);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void flattenElement(String key, LayoutDescription.Member member, Object value,
                                       java.util.Map<String, String> into) {
        if (member.struct() != null) {
            flatten(key + ".", member.struct(), (java.util.Map<String, Object>) value, into);
            return;
        }
        Scalar scalar = StructWalk.scalar(member);
        into.put(key, scalar == null ? (String) value : switch (scalar) {
            case BOOLEAN -> (Boolean) value ? "1" : "0";
            case FLOAT -> String.format("%08x", Float.floatToRawIntBits((float) (double) (Double) value));
            case DOUBLE -> String.format("%016x", Double.doubleToRawLongBits((Double) value));
            default -> value.toString();
        });
    }
}
