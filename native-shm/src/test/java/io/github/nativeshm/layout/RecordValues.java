/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test-side views of records, computed with plain reflection and the JDK's UTF-8 rather than with
 * the code under test: a flat key=value form, and random records.
 */
final class RecordValues {
    private RecordValues() {
    }

    /**
     * The record as the C peers print a struct: one entry per scalar, {@code outer.inner} for
     * nested records, {@code name[i]} for array elements. Integers and chars in decimal, booleans
     * as 1 or 0, floating point numbers as their raw bits in hex, strings as hex of their UTF-8
     * bytes NUL-padded to the {@code @Fixed} capacity (the text must fit).
     */
    static Map<String, String> flatten(Record record) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", record, values);
        return values;
    }

    /** A component's value (an array, say) flattened the same way. */
    static Map<String, String> flattenValue(Object value) {
        Map<String, String> values = new LinkedHashMap<>();
        put("", value, 0, values);
        return values;
    }

    private static void flatten(String prefix, Record record, Map<String, String> values) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Fixed fixed = component.getAnnotation(Fixed.class);
            put(prefix + component.getName(), value(record, component), fixed == null ? 0 : fixed.value(), values);
        }
    }

    private static void put(String key, Object value, int capacity, Map<String, String> values) {
        if (value instanceof Record nested) {
            flatten(key + ".", nested, values);
        } else if (value instanceof String text) {
            values.put(key, paddedHex(text, capacity));
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                put(key + "[" + i + "]", Array.get(value, i), 0, values);
            }
        } else if (value instanceof Boolean b) {
            values.put(key, b ? "1" : "0");
        } else if (value instanceof Character c) {
            values.put(key, Integer.toString(c));
        } else if (value instanceof Float f) {
            values.put(key, String.format("%08x", Float.floatToRawIntBits(f)));
        } else if (value instanceof Double d) {
            values.put(key, String.format("%016x", Double.doubleToRawLongBits(d)));
        } else {
            values.put(key, String.valueOf(value));
        }
    }

    /** Hex of the UTF-8 of {@code text}, NUL-padded to {@code capacity} bytes. */
    static String paddedHex(String text, int capacity) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length <= capacity, () -> "test text '" + text + "' is longer than " + capacity + " bytes");
        return HexFormat.of().formatHex(utf8) + "00".repeat(capacity - utf8.length);
    }

    /** The value of one component, through its accessor. */
    static Object value(Record record, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A random record of {@code type}: any bits for the primitives (NaNs with payloads too),
     * text of random code points from every plane that fits its capacity, no NUL.
     */
    static <R extends Record> R random(Class<R> type, Random random) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Fixed fixed = components[i].getAnnotation(Fixed.class);
            types[i] = components[i].getType();
            arguments[i] = random(types[i], fixed == null ? 0 : fixed.value(), random);
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object random(Class<?> type, int fixed, Random random) {
        if (type == boolean.class) {
            return random.nextBoolean();
        } else if (type == byte.class) {
            return (byte) random.nextInt();
        } else if (type == short.class) {
            return (short) random.nextInt();
        } else if (type == char.class) {
            return (char) random.nextInt();
        } else if (type == int.class) {
            return random.nextInt();
        } else if (type == long.class) {
            return random.nextLong();
        } else if (type == float.class) {
            return Float.intBitsToFloat(random.nextInt());
        } else if (type == double.class) {
            return Double.longBitsToDouble(random.nextLong());
        } else if (type == String.class) {
            return randomText(fixed, random);
        } else if (type.isArray()) {
            Object array = Array.newInstance(type.getComponentType(), fixed);
            for (int i = 0; i < fixed; i++) {
                Array.set(array, i, random(type.getComponentType(), 0, random));
            }
            return array;
        }
        return random(type.asSubclass(Record.class), random);
    }

    /** Random code points of 1 to 4 UTF-8 bytes, without NUL or surrogates, at most {@code capacity} bytes. */
    static String randomText(int capacity, Random random) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        int target = random.nextInt(capacity + 1);
        while (true) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(0x7F);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
                continue;
            }
            int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > target) {
                return text.toString();
            }
            text.appendCodePoint(codePoint);
            bytes += length;
        }
    }
}
