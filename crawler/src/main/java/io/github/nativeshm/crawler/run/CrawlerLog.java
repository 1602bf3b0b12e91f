/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.run;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crawler's log: one line per event, {@code 2026-12-08T01:23:45.678Z INFO  message}, to a
 * stream. Readable as it is when the crawler runs alone, and parsed back by the api that runs it
 * as a child ({@link #parse}), which logs each line again at its level.
 */
public final class CrawlerLog {
    /** How much a line matters; a log prints the lines at its threshold and above. */
    public enum Level {
        ERROR, WARN, INFO, DEBUG
    }

    /** A line read back: its level and its message (without the time). */
    public record Line(Level level, String message) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);
    private static final Pattern LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\S+ (ERROR|WARN |INFO |DEBUG) (.*)");

    private final PrintStream out;
    private final Level threshold;

    public CrawlerLog(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    public void warn(String message) {
        log(Level.WARN, message);
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    /** Prints {@code message} if {@code level} is at the threshold or above. */
    public void log(Level level, String message) {
        if (level.compareTo(threshold) <= 0) {
            // one println: lines of several threads never mix
            out.println(TIME.format(OffsetDateTime.now()) + " " + String.format(Locale.ROOT, "%-5s", level) + " " + message);
        }
    }

    /** A line this log printed, or empty for anything else (a JVM message, a stack trace). */
    public static java.util.Optional<Line> parse(String text) {
        Matcher matcher = LINE.matcher(text);
        return matcher.matches() ? java.util.Optional.of(new Line(Level.valueOf(matcher.group(1).strip()), matcher.group(2)))
                : java.util.Optional.empty();
    }
}
