/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Objects;

/**
 * One problem of a config file, in parts a program can show: the api lists them in its status and
 * the UI in its banner. {@link #line()} joins them into the line the crawler prints, like
 * {@code sources.yaml: source 'hn': field 'selectors.title': invalid CSS selector 'a[': ...}.
 *
 * @param file    the file as it was named to the reader (never null)
 * @param source  the id of the source the problem is in, or {@code #n} (its 1-based position) when
 *                it has no valid id; null for problems outside the sources (settings, top level,
 *                the file as a whole)
 * @param field   the dotted path of the key: inside the source for source problems
 *                ({@code url}, {@code selectors.title}, {@code headers.Accept}), from the top of
 *                the file otherwise ({@code settings.retries}, {@code sources}); null when the
 *                whole source or file is wrong
 * @param value   the offending value as written, its first {@value Problems#SHOWN_CHARS}
 *                characters and an ellipsis if longer; null when the key is missing or holds a
 *                list or mapping
 * @param message what is wrong and what is allowed, a sentence that also reads on its own (it quotes
 *                the value where that helps)
 */
public record ConfigProblem(String file, String source, String field, String value, String message) {
    private static final String SETTINGS = "settings.";

    /** Checks that the file and the message are there. */
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @return the problem as one line: {@code <file>: [source '<id>' | source #n | settings]: [field
     *         '<path>']: <message>}, where a settings key is named within {@code settings}
     */
    public String line() {
        final StringBuilder line = new StringBuilder(file).append(": ");
        String path = field;
        if (source != null) {
            line.append(source.startsWith("#") ? "source " + source : "source '" + source + "'").append(": ");
        } else if (path != null && path.startsWith(SETTINGS)) {
            line.append("settings: ");
            path = path.substring(SETTINGS.length());
        }
        if (path != null) {
            line.append("field '").append(path).append("': ");
        }
        return line.append(message).toString();
    }

    /** @return {@link #line()} */
    @Override
    public String toString() {
        return line();
    }
}
