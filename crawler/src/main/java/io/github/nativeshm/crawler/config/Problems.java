/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one config file, so all of them are reported together. */
final class Problems {
    /** How many characters of a long value a message quotes. */
    static final int SHOWN_CHARS = 100;

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /**
     * @param source  the source's id, {@code #n} for a source without a valid id, or null outside the sources
     * @param field   the dotted path of the key (see {@link ConfigProblem#field()}), or null when the
     *                source or the file itself is wrong
     * @param value   the value as written, or null when missing or not a single value; shortened here
     * @param message what is wrong: the bad value and what is allowed
     */
    void add(String source, String field, String value, String message) {
        problems.add(new ConfigProblem(file, source, field, value == null ? null : shorten(value), message));
    }

    /** @return the problems collected so far */
    List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** @return the file the problems are in, as named to the reader */
    String file() {
        return file;
    }

    /** @return how many problems were collected so far */
    int count() {
        return problems.size();
    }

    /**
     * @return {@code value}, or its first {@value #SHOWN_CHARS} characters and an ellipsis when it is
     *         longer: a message quotes a value to identify it, not to repeat a page of it
     */
    static String shorten(String value) {
        if (value.codePointCount(0, value.length()) <= SHOWN_CHARS) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, SHOWN_CHARS)) + "…";
    }

    /** @throws ConfigException with every problem collected, if there is any */
    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
