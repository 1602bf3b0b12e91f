/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

/**
 * Text measured and cut as the segment's fixed UTF-8 fields store it: a pair of surrogates is one
 * 4-byte character, and an unpaired surrogate is stored as one {@code '?'}, as
 * {@code String.getBytes(UTF_8)} writes it.
 */
public final class FieldText {
    private FieldText() {
    }

    /** @return how many bytes {@code text} takes in UTF-8 */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            final int codePoint = text.codePointAt(i);
            bytes += bytes(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    /**
     * @return the longest prefix of {@code text} that takes at most {@code maxBytes} bytes in UTF-8,
     *         ending on a character boundary (never between the two halves of a surrogate pair);
     *         {@code text} itself when it fits
     */
    public static String cut(String text, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            final int codePoint = text.codePointAt(i);
            bytes += bytes(codePoint);
            if (bytes > maxBytes) {
                return text.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return text;
    }

    private static int bytes(int codePoint) {
        // An unpaired surrogate is below 0x10000 and is written as '?': one byte.
        if (codePoint < 0x80 || Character.isSurrogate((char) codePoint) && codePoint < 0x10000) {
            return 1;
        }
        return codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
