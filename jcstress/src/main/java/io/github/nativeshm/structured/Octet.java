/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/**
 * The struct of the seqlock tests: eight longs that every write sets to one number, so that any
 * copy mixing two writes, or a write and the zeros of a cleared slot, shows.
 */
public record Octet(long a, long b, long c, long d, long e, long f, long g, long h) {
    /** All eight fields {@code x}. */
    static Octet of(long x) {
        return new Octet(x, x, x, x, x, x, x, x);
    }

    /** "empty" for null, the number for a consistent copy, "torn a b c d e f g h" otherwise. */
    static String describe(Octet octet) {
        if (octet == null) {
            return "empty";
        }
        return describe(octet.a, octet.b, octet.c, octet.d, octet.e, octet.f, octet.g, octet.h);
    }

    static String describe(long a, long b, long c, long d, long e, long f, long g, long h) {
        if (a == b && a == c && a == d && a == e && a == f && a == g && a == h) {
            return Long.toString(a);
        }
        return "torn " + a + " " + b + " " + c + " " + d + " " + e + " " + f + " " + g + " " + h;
    }
}
