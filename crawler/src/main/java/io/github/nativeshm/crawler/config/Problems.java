package io.github.nativeshm.crawler.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one config file, so all of them are reported together. */
final class Problems {
    /** How many characters of a long value a message quotes. */
    static final int SHOWN_CHARS = 100;

    private final String file;
    private final List<String> lines = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /**
     * @param scope   {@code settings}, {@code source 'hn'}, {@code source #2}, or null for the top level
     * @param field   the dotted path of the field inside the scope, or null when the scope itself is wrong
     * @param message what is wrong: the bad value and what is allowed
     */
    void add(String scope, String field, String message) {
        final StringBuilder line = new StringBuilder(file).append(": ");
        if (scope != null) {
            line.append(scope).append(": ");
        }
        if (field != null) {
            line.append("field '").append(field).append("': ");
        }
        lines.add(line.append(message).toString());
    }

    /** @return how many problems were collected so far */
    int count() {
        return lines.size();
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
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
