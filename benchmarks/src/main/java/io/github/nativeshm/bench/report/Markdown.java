/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table built row by row, and the number formats the reports share. */
public final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Markdown(String... header) {
        this.header = List.of(header);
    }

    public Markdown row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns: " + header);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        out.append('|');
        for (int i = 0; i < header.size(); i++) {
            out.append(i == 0 ? " --- |" : " ---: |");
        }
        out.append('\n');
        return out.append(rows()).toString();
    }

    /** The rows alone, without the header: for joining the tables of several reports into one. */
    public String rows() {
        StringBuilder out = new StringBuilder();
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    /**
     * Writes a report's section to {@code out} and its target rows (see {@link #verdict}), without
     * a header, next to it in {@code out + ".targets"}, for ci/bench.sh's summary of all targets.
     * Does nothing if {@code out} is null.
     */
    public static void write(String out, String section, Markdown targets) throws IOException {
        if (out != null) {
            Files.writeString(Path.of(out), section);
            Files.writeString(Path.of(out + ".targets"), targets.rows());
        }
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|")).append(" |"));
        out.append('\n');
    }

    /** A number with about three significant digits: 0.412, 12.3, 1,234. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** A ratio: {@code 1.9×}. */
    public static String ratio(double value) {
        return number(value) + "×";
    }

    /**
     * A target's verdict for a report: {@code met} or {@code **missed**}, then what was measured,
     * or {@code n/a} if it could not be measured (a NaN).
     */
    public static String verdict(double measured, boolean met, String shown) {
        if (Double.isNaN(measured)) {
            return "n/a (not measured)";
        }
        return (met ? "met" : "**missed**") + " (" + shown + ")";
    }

    /** The median of some values (the mean of the middle two for an even count). */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
