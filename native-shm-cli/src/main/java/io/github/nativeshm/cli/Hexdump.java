/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Formats bytes the way {@code hexdump -C} does, folding repeated rows into one {@code *}. */
final class Hexdump {
    private static final int ROW = 16;

    private Hexdump() {
    }

    static void write(ByteBuffer source, int offset, int length, PrintStream out) {
        byte[] row = new byte[ROW];
        byte[] previous = null;
        boolean folding = false;
        int end = offset + length;
        for (int position = offset; position < end; position += ROW) {
            int count = Math.min(ROW, end - position);
            source.get(position, row, 0, count);
            byte[] current = Arrays.copyOf(row, count);
            if (previous != null && count == ROW && Arrays.equals(current, previous)) {
                if (!folding) {
                    out.println("*");
                    folding = true;
                }
                continue;
            }
            folding = false;
            previous = current;
            out.println(formatRow(position, current));
        }
        out.printf("%08x%n", end);
    }

    private static String formatRow(int position, byte[] bytes) {
        StringBuilder line = new StringBuilder(80).append(String.format("%08x ", position));
        for (int i = 0; i < ROW; i++) {
            line.append(i == 8 ? "  " : " ");
            line.append(i < bytes.length ? String.format("%02x", bytes[i] & 0xff) : "  ");
        }
        line.append("  |");
        for (byte b : bytes) {
            line.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return line.append('|').toString();
    }
}
