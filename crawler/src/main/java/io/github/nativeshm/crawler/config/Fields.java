/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One YAML mapping being read: typed access to its keys that records a problem, and carries on,
 * whenever a value is missing or wrong. Unknown keys are reported as Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES would, except that all of them are reported, with the known keys.
 */
final class Fields {
    private final JsonNode node;
    private final Problems problems;
    private final String source;
    private final String prefix;

    /**
     * @param node   a mapping node
     * @param source as for {@link Problems#add}: the source's id or {@code #n}, null outside the sources
     * @param prefix prepended to key names in problems, like {@code selectors.} or {@code settings.}
     */
    Fields(JsonNode node, Problems problems, String source, String prefix) {
        this.node = node;
        this.problems = problems;
        this.source = source;
        this.prefix = prefix;
    }

    /** Reports every key not in {@code known}, listing the known ones. */
    void onlyKeys(List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!known.contains(name)) {
                problem(name, "unknown key; known keys: " + String.join(", ", known));
            }
        }
    }

    /** Records a problem with {@code key}, with its value when it is a single one. */
    void problem(String key, String message) {
        final JsonNode value = node.get(key);
        problems.add(source, prefix + key, value == null || !value.isValueNode() || value.isNull() ? null
                : value.asText(), message);
    }

    /** Records a problem with {@code key} quoting {@code value}, such as one element of a list. */
    void problem(String key, String value, String message) {
        problems.add(source, prefix + key, value, message);
    }

    /** @return whether the key is present with a non-null value */
    boolean has(String key) {
        final JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** @return the raw value of {@code key}, or null when absent or null */
    JsonNode raw(String key) {
        return has(key) ? node.get(key) : null;
    }

    /** @return the scalar value of {@code key} as text; empty (and a problem if it is a list or mapping) otherwise */
    Optional<String> text(String key) {
        final JsonNode value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            problem(key, "expected a single value, got a " + (value.isArray() ? "list" : "mapping"));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** @return like {@link #text}, recording {@code missing; <why>} when the key is absent */
    Optional<String> required(String key, String why) {
        if (!has(key)) {
            problem(key, "missing; " + why);
            return Optional.empty();
        }
        return text(key);
    }

    /** @return {@code parser} applied to the text of {@code key}; its IllegalArgumentException becomes a problem */
    <T> Optional<T> parse(String key, Function<String, T> parser) {
        return text(key).flatMap(value -> apply(key, value, parser));
    }

    /** @return {@code parser} applied to {@code value}; its IllegalArgumentException becomes a {@code key} problem */
    <T> Optional<T> apply(String key, String value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** @return the whole number at {@code key} within {@code min..max}, or {@code fallback} when absent or bad */
    int integer(String key, int min, int max, int fallback) {
        return text(key).map(value -> {
            final String rule = "must be a whole number from " + min + " to " + max;
            try {
                final long n = Long.parseLong(value.trim());
                if (n >= min && n <= max) {
                    return (int) n;
                }
            } catch (NumberFormatException notANumber) {
                // reported below, like an out-of-range number
            }
            problem(key, "invalid value '" + value + "': " + rule);
            return fallback;
        }).orElse(fallback);
    }

    /** @return true or false at {@code key}, or {@code fallback} when absent or bad */
    boolean bool(String key, boolean fallback) {
        return text(key).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "invalid value '" + value + "': must be true or false");
                yield fallback;
            }
        }).orElse(fallback);
    }

    /** @return the duration at {@code key}, at least {@code min}, or {@code fallback} when absent or bad */
    Duration duration(String key, Duration min, Duration fallback) {
        return text(key).map(value -> {
            try {
                final Duration d = Units.parseDuration(value);
                if (d.compareTo(min) >= 0) {
                    return d;
                }
                problem(key, "invalid duration '" + value + "': must be at least " + min.toMillis() + "ms");
            } catch (IllegalArgumentException e) {
                problem(key, "invalid duration '" + value + "': " + e.getMessage());
            }
            return fallback;
        }).orElse(fallback);
    }

    /** @return the nested mapping at {@code key}; empty (and a problem if it is something else) otherwise */
    Optional<Fields> mapping(String key) {
        final JsonNode value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problem(key, "expected a mapping of keys to values, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(new Fields(value, problems, source, prefix + key + "."));
    }

    /** @return the underlying mapping node */
    JsonNode node() {
        return node;
    }

    /** @return how a YAML value is named in messages: {@code a list}, {@code a mapping} or the quoted value */
    static String describe(JsonNode value) {
        if (value.isArray()) {
            return "a list";
        } else if (value.isObject()) {
            return "a mapping";
        }
        return "'" + value.asText() + "'";
    }
}
