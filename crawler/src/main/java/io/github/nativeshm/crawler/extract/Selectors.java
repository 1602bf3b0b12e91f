/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.CssQuery;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/** The alternatives of a CSS selector list, to say which one matched an element. */
final class Selectors {
    private Selectors() {
    }

    /**
     * @param scope   where the query was run
     * @param matched an element {@code query} found in {@code scope}
     * @return the alternative of {@code query}'s selector list ({@code a.storylink, span.titleline > a})
     *         that finds {@code matched}, as written; the whole query when it has one alternative
     */
    static String alternative(Element scope, Element matched, CssQuery query) {
        final List<String> alternatives = split(query.text());
        if (alternatives.size() < 2) {
            return query.text().strip();
        }
        for (String alternative : alternatives) {
            final Evaluator evaluator;
            try {
                evaluator = Selector.evaluatorOf(alternative);
            } catch (RuntimeException e) { // cannot happen for a part of a valid list; say the whole then
                return query.text().strip();
            }
            for (Element e : scope.select(evaluator)) {
                if (e == matched) {
                    return alternative;
                }
            }
        }
        return query.text().strip();
    }

    /** Splits at the commas outside parentheses, brackets and quotes. */
    static List<String> split(String css) {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < css.length(); i++) {
            final char c = css.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(css.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(css.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
