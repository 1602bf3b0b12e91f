/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the kind-specific blocks of a source: {@code selectors:} (html) and {@code pointers:} (json). */
final class SelectorReader {
    private static final List<String> SELECTOR_KEYS = List.of("item", "title", "link", "detail", "score", "comments",
            "author", "time");
    private static final List<String> FIELD_KEYS = List.of("select", "attr", "pattern");
    private static final List<String> POINTER_KEYS = List.of("items", "title", "link", "score", "comments", "author",
            "time");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:.-]*");

    private SelectorReader() {
    }

    /** @return the selectors, or empty when any of them has a problem (recorded in {@code s}) */
    static Optional<HtmlSelectors> selectors(Fields s) {
        s.onlyKeys(SELECTOR_KEYS);
        final Optional<CssQuery> item = s.required("item", "one element per item, like 'tr.athing'")
                .flatMap(v -> s.apply("item", v, CssQuery::parse));
        final Optional<FieldSelector> title = field(s, "title", true);
        final Optional<FieldSelector> link = field(s, "link", true);
        final Optional<Detail> detail = s.parse("detail", Detail::parse);
        final Optional<FieldSelector> score = field(s, "score", false);
        final Optional<FieldSelector> comments = field(s, "comments", false);
        final Optional<FieldSelector> author = field(s, "author", false);
        final Optional<FieldSelector> time = field(s, "time", false);
        if (item.isEmpty() || title.isEmpty() || link.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HtmlSelectors(item.get(), title.get(), link.get(), detail, score, comments, author,
                time));
    }

    /** A field is either {@code css[@attr]} or a mapping with select, attr and pattern. */
    private static Optional<FieldSelector> field(Fields s, String key, boolean required) {
        if (!s.has(key)) {
            if (required) {
                s.problem(key, "missing; kind 'html' needs it, like 'a.title' or 'a.title@href'");
            }
            return Optional.empty();
        }
        if (!s.raw(key).isObject()) {
            return s.parse(key, FieldSelector::parse);
        }
        final Fields m = s.mapping(key).orElseThrow();
        m.onlyKeys(FIELD_KEYS);
        final Optional<CssQuery> query = m.required("select", "the CSS selector of the element to read")
                .flatMap(v -> m.apply("select", v, CssQuery::parse));
        final Optional<String> attr = m.text("attr").filter(a -> {
            final boolean ok = ATTRIBUTE_NAME.matcher(a).matches();
            if (!ok) {
                m.problem("attr", "invalid attribute name '" + a + "': like 'href' or 'data-id'");
            }
            return ok;
        });
        final Optional<Pattern> pattern = m.parse("pattern", SelectorReader::parsePattern);
        if (query.isEmpty() || m.has("attr") && attr.isEmpty() || m.has("pattern") && pattern.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldSelector(query.get(), attr, pattern));
    }

    private static Pattern parsePattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** @return the pointers, or empty when any of them has a problem (recorded in {@code p}) */
    static Optional<JsonPointers> pointers(Fields p) {
        p.onlyKeys(POINTER_KEYS);
        final Optional<JsonPointer> items = pointer(p, "items", "the array of items; '' for the whole document");
        final Optional<JsonPointer> title = pointer(p, "title", "kind 'json' needs it, like '/title'");
        final Optional<JsonPointer> link = pointer(p, "link", "kind 'json' needs it, like '/url'");
        final Optional<JsonPointer> score = p.parse("score", JsonPointers::parsePointer);
        final Optional<JsonPointer> comments = p.parse("comments", JsonPointers::parsePointer);
        final Optional<JsonPointer> author = p.parse("author", JsonPointers::parsePointer);
        final Optional<JsonPointer> time = p.parse("time", JsonPointers::parsePointer);
        if (items.isEmpty() || title.isEmpty() || link.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JsonPointers(items.get(), title.get(), link.get(), score, comments, author, time));
    }

    private static Optional<JsonPointer> pointer(Fields p, String key, String why) {
        return p.required(key, why).flatMap(v -> p.apply(key, v, JsonPointers::parsePointer));
    }
}
