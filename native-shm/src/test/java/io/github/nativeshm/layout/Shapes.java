/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.util.List;

/**
 * Records the tests lay out, each with the layout a C compiler gives the matching struct. They are
 * public records nested in a package-private class, as in a user's test.
 */
final class Shapes {
    private Shapes() {
    }

    /** 7 bytes of padding before an 8-aligned member: b@0, l@8; 16 bytes. */
    public record ByteThenLong(byte b, long l) {
    }

    /** s@0, i@4, d@8, t@16, tail padding to 24. */
    public record Mixed(short s, int i, double d, short t) {
    }

    /** Odd text sizes: a@0, b@1, n@8, c@12..25, tail padding to 28. */
    public record OddStrings(@Fixed(1) String a, @Fixed(7) String b, int n, @Fixed(13) String c) {
    }

    /** on@0, bits@1..6, c@6, f@8; 12 bytes. */
    public record Flags(boolean on, @Fixed(5) boolean[] bits, char c, float f) {
    }

    /** Every scalar: z@0 b@1 s@2 c@4 i@8 j@16 f@24 d@32; 40 bytes. */
    public record AllScalars(boolean z, byte b, short s, char c, int i, long j, float f, double d) {
    }

    /** 8-aligned, 16 bytes. */
    public record Inner(byte tag, long value) {
    }

    /** 2-aligned with tail padding: a@0, b@2; 4 bytes. */
    public record Small(short a, byte b) {
    }

    /** Nested structs of different alignment: first@0, inner@8, small@24, last@28; 32 bytes. */
    public record Nested(byte first, Inner inner, Small small, byte last) {
    }

    /** smalls@0..12, inners@16..48, shorts@48..54, doubles@56..72, end@72; 80 bytes. */
    public record WithArrays(@Fixed(3) Small[] smalls, @Fixed(2) Inner[] inners, @Fixed(3) short[] shorts,
                             @Fixed(2) double[] doubles, byte end) {
    }

    /** Every primitive array type. */
    public record AllArrays(@Fixed(2) boolean[] z, @Fixed(3) byte[] b, @Fixed(2) short[] s, @Fixed(2) char[] c,
                            @Fixed(2) int[] i, @Fixed(2) long[] j, @Fixed(3) float[] f, @Fixed(2) double[] d) {
    }

    /** A struct that ends in a small member: l@0, b@8, tail padding to 16. */
    public record TailPadded(long l, byte b) {
    }

    /** Two levels of nesting, in an array. */
    public record Deep(@Fixed(2) Nested[] nested, @Fixed(1) WithArrays[] arrays, short tail) {
    }

    /** The struct that the C peer {@code layout/tick_peer.c} reads and writes; 136 bytes. */
    public record Tick(byte kind, long sequence, short venue, char flag, int count, double price, float ratio,
                       boolean live, @Fixed(13) String symbol, @Fixed(3) boolean[] sides, Price best,
                       @Fixed(2) Price[] levels, @Fixed(3) short[] lots, @Fixed(2) double[] marks,
                       @Fixed(4) String code, byte last) {
    }

    /** mantissa@0, exponent@8, tail padding to 16. */
    public record Price(long mantissa, byte exponent) {
    }

    /** The example of the Layout Javadoc: id@0, code@8, qty@14; 16 bytes. */
    public record Item(long id, @Fixed(5) String code, short qty) {
    }

    /** A record whose constructor refuses some values, as a user's may. */
    public record Validated(int count, @Fixed(4) String name) {
        public Validated {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, count=" + count);
            }
        }
    }

    /** Every record above whose layout C can check. */
    static final List<Class<? extends Record>> ALL = List.of(ByteThenLong.class, Mixed.class, OddStrings.class,
            Flags.class, AllScalars.class, Inner.class, Small.class, Nested.class, WithArrays.class, AllArrays.class,
            TailPadded.class, Deep.class, Tick.class, Price.class, Item.class, Validated.class);
}
