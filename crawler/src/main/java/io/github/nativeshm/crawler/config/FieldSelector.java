/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one field of an HTML item is found: a CSS selector evaluated inside the item (then inside
 * its detail element, if any), the first match with a non-blank value winning; the value is the
 * element's normalised text or one of its attributes, optionally narrowed by a regular expression.
 *
 * <p>In a config file a field is either a string, {@code css} or {@code css@attribute}
 * ({@code span.age@title}: the {@code title} attribute of the first {@code span.age}), or a
 * mapping with the keys {@code select}, {@code attr} and {@code pattern}. A pattern with a group
 * yields the first group, else the whole match; a value the pattern does not match counts as absent.
 *
 * @param query     where to look
 * @param attribute the attribute to read; empty to read the element's text
 * @param pattern   the part of the value to keep; empty to keep all of it
 */
public record FieldSelector(CssQuery query, Optional<String> attribute, Optional<Pattern> pattern) {
    // An attribute suffix: '@' and an attribute name at the very end, after the selector.
    private static final Pattern ATTRIBUTE_SUFFIX =
            Pattern.compile("(?s)(.*?)\\s*@([A-Za-z_][A-Za-z0-9_:.-]*)");

    /** Checks for nulls. */
    public FieldSelector {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Reads the string form of a field.
     *
     * @param spec {@code css} or {@code css@attribute}
     * @return the field
     * @throws IllegalArgumentException naming the bad selector and jsoup's reason
     */
    public static FieldSelector parse(String spec) {
        final Matcher m = ATTRIBUTE_SUFFIX.matcher(spec.trim());
        if (m.matches()) {
            return new FieldSelector(CssQuery.parse(m.group(1)), Optional.of(m.group(2)), Optional.empty());
        }
        return new FieldSelector(CssQuery.parse(spec.trim()), Optional.empty(), Optional.empty());
    }

    /** @return this field reading {@code name} when it names no attribute itself */
    public FieldSelector withDefaultAttribute(String name) {
        return attribute.isPresent() ? this : new FieldSelector(query, Optional.of(name), pattern);
    }

    /** Equal when query, attribute and pattern text are: {@link Pattern} compares by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && query.equals(other.query) && attribute.equals(other.attribute)
                && patternText().equals(other.patternText());
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, attribute, patternText());
    }

    private Optional<String> patternText() {
        return pattern.map(Pattern::pattern);
    }

    @Override
    public String toString() {
        return query.text() + attribute.map(a -> "@" + a).orElse("")
                + pattern.map(p -> " ~ /" + p.pattern() + "/").orElse("");
    }
}
