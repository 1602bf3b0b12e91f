/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counts the way sites print them: {@code 1,234}, {@code 1.2k}, {@code 123 points}. */
final class Numbers {
    // The first number in the text: with thousands separators, or with an optional decimal part and
    // a k/m/b multiplier that is not the start of a word ("12 min" is 12, not 12 million).
    private static final Pattern COUNT = Pattern.compile(
            "(?:(?<=^|\\s)(-))?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(?:([kKmMbB])(?![A-Za-z]))?");

    private Numbers() {
    }

    /**
     * @param text text holding a count, or null
     * @return the first count in the text, or null when there is none or it does not fit a long
     */
    static Long count(String text) {
        if (text == null) {
            return null;
        }
        final Matcher m = COUNT.matcher(text);
        if (!m.find()) {
            return null;
        }
        BigDecimal n = new BigDecimal(m.group(2).replace(",", ""));
        if (m.group(3) != null) {
            n = n.scaleByPowerOfTen(switch (Character.toLowerCase(m.group(3).charAt(0))) {
                case 'k' -> 3;
                case 'm' -> 6;
                default -> 9;
            });
        }
        if (m.group(1) != null) {
            n = n.negate();
        }
        try {
            return n.toBigInteger().longValueExact();
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }
}
