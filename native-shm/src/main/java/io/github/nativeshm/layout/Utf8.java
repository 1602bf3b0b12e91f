/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.nio.ByteBuffer;

/**
 * Text in a {@code char[capacity]} field: UTF-8, cut at a character boundary when longer than the
 * capacity, NUL-padded when shorter, and not NUL-terminated when it fills the field.
 *
 * <p>Decoding reads up to the first NUL byte and accepts any bytes, since shared memory is
 * untrusted: each maximal invalid subpart becomes one U+FFFD, as the Unicode standard recommends
 * and as Python's {@code bytes.decode("utf-8", "replace")} does, so that readers in both languages
 * see the same text. ({@code new String(bytes, UTF_8)} differs in one case: it replaces an encoded
 * surrogate, {@code ED A0..BF 80..BF}, by one U+FFFD rather than three.) Encoding writes an
 * unpaired surrogate as {@code '?'}, as {@code String.getBytes(UTF_8)} does.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Writes {@code text} (null: the empty string) into the {@code capacity} bytes at {@code at}. */
    static void encode(ByteBuffer buffer, int at, int capacity, String text) {
        int written = 0;
        int length = text == null ? 0 : text.length();
        for (int i = 0; i < length; ) {
            char c = text.charAt(i);
            int codePoint = c;
            int chars = 1;
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                chars = 2;
            } else if (Character.isSurrogate(c)) {
                codePoint = '?';
            }
            int bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (written + bytes > capacity) {
                break;
            }
            put(buffer, at + written, codePoint, bytes);
            written += bytes;
            i += chars;
        }
        for (; written < capacity; written++) {
            buffer.put(at + written, (byte) 0);
        }
    }

    private static void put(ByteBuffer buffer, int at, int codePoint, int bytes) {
        if (bytes == 1) {
            buffer.put(at, (byte) codePoint);
            return;
        }
        int lead = bytes == 2 ? 0xC0 : bytes == 3 ? 0xE0 : 0xF0;
        buffer.put(at, (byte) (lead | codePoint >>> (6 * (bytes - 1))));
        for (int i = 1; i < bytes; i++) {
            buffer.put(at + i, (byte) (0x80 | (codePoint >>> (6 * (bytes - 1 - i))) & 0x3F));
        }
    }

    /** The text in the {@code capacity} bytes at {@code at}: up to the first NUL, or all of them. */
    static String decode(ByteBuffer buffer, int at, int capacity) {
        int end = at;
        while (end < at + capacity && buffer.get(end) != 0) {
            end++;
        }
        char[] chars = new char[end - at]; // never more chars than bytes
        int count = 0;
        int i = at;
        while (i < end) {
            int lead = buffer.get(i++) & 0xFF;
            if (lead < 0x80) {
                chars[count++] = (char) lead;
                continue;
            }
            int continuations;
            int codePoint;
            int min = 0x80; // the range of the first continuation byte, which excludes overlong
            int max = 0xBF; // forms, surrogates and code points above U+10FFFF
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuations = 1;
                codePoint = lead & 0x1F;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuations = 2;
                codePoint = lead & 0x0F;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuations = 3;
                codePoint = lead & 0x07;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                chars[count++] = REPLACEMENT;
                continue;
            }
            for (; continuations > 0; continuations--) {
                int next = i < end ? buffer.get(i) & 0xFF : -1;
                if (next < min || next > max) {
                    break;
                }
                codePoint = codePoint << 6 | next & 0x3F;
                i++;
                min = 0x80;
                max = 0xBF;
            }
            if (continuations > 0) {
                chars[count++] = REPLACEMENT; // a maximal subpart: the bytes so far, one U+FFFD
            } else if (codePoint >= 0x10000) {
                chars[count++] = Character.highSurrogate(codePoint);
                chars[count++] = Character.lowSurrogate(codePoint);
            } else {
                chars[count++] = (char) codePoint;
            }
        }
        return new String(chars, 0, count);
    }
}
