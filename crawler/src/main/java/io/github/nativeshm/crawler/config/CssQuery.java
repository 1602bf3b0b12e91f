/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Objects;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * A CSS selector, compiled once by jsoup when the config is read so that a typo fails at start-up,
 * not at the first crawl. A selector list ({@code a.storylink, span.titleline > a}) matches the
 * union, in document order. Safe to share between threads: jsoup keeps an evaluator's memo state
 * per thread and clears it after each select.
 *
 * @param text      the selector as written
 * @param evaluator jsoup's compiled form of {@code text}
 */
public record CssQuery(String text, Evaluator evaluator) {
    /** Checks for nulls. */
    public CssQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(evaluator, "evaluator");
    }

    /**
     * @param text a CSS selector in jsoup's syntax
     * @return the compiled selector
     * @throws IllegalArgumentException {@code invalid CSS selector '<text>': <jsoup's reason>}
     */
    public static CssQuery parse(String text) {
        try {
            return new CssQuery(text, Selector.evaluatorOf(text));
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CSS selector '" + text + "': " + e.getMessage());
        }
    }

    /** Equal when the selector text is: jsoup's evaluators compare by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CssQuery other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
