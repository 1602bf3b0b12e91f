/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.Detail;
import io.github.nativeshm.crawler.config.FieldSelector;
import io.github.nativeshm.crawler.config.HtmlSelectors;
import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads items from HTML with the CSS selectors of {@link HtmlSelectors}. jsoup parses any HTML the
 * way browsers do, so malformed pages (unclosed tags, stray end tags) still yield their items.
 * Fields are looked up inside the item, then inside its detail element; text is whitespace
 * normalised; links resolve against the page's {@code <base href>} or else its URL.
 */
public final class HtmlExtractor implements Extractor {
    static final HtmlExtractor INSTANCE = new HtmlExtractor();

    @Override
    public Extraction extract(String body, URI baseUrl, SourceConfig source, ExtractionTrace trace)
            throws ExtractionException {
        final HtmlSelectors selectors = source.selectors().orElseThrow(() -> new IllegalArgumentException(
                "source '" + source.id() + "' is of kind " + source.kind().configName() + ", not html"));
        final Document doc = Jsoup.parse(body, baseUrl.toString());
        final Elements items = doc.select(selectors.item().evaluator());
        if (items.isEmpty()) {
            throw new ExtractionException(source.id(), "the item selector '" + selectors.item()
                    + "' matched nothing in the page" + (doc.title().isBlank() ? "" : " titled '" + doc.title() + "'")
                    + "; has its markup changed?");
        }
        final Set<Element> itemSet = Collections.newSetFromMap(new IdentityHashMap<>());
        itemSet.addAll(items);
        final ItemCollector out = new ItemCollector(source, base(doc, baseUrl), trace);
        int position = 0;
        for (Element item : items) {
            if (out.full()) {
                break;
            }
            final List<Element> scopes = scopes(item, selectors.detail(), itemSet);
            if (trace != null) {
                trace.begin(++position);
                out.add("item " + position,
                        traced(trace, "title", scopes, Optional.of(selectors.title())),
                        traced(trace, "link", scopes, Optional.of(selectors.link())),
                        traced(trace, "score", scopes, selectors.score()),
                        traced(trace, "comments", scopes, selectors.comments()),
                        traced(trace, "author", scopes, selectors.author()),
                        traced(trace, "time", scopes, selectors.time()));
                continue;
            }
            out.add("item " + ++position,
                    value(scopes, selectors.title()),
                    value(scopes, selectors.link()),
                    value(scopes, selectors.score()),
                    value(scopes, selectors.comments()),
                    value(scopes, selectors.author()),
                    value(scopes, selectors.time()));
        }
        return out.result();
    }

    /** The item, then its detail element when there is one that is not itself an item. */
    private static List<Element> scopes(Element item, Optional<Detail> detail, Set<Element> items) {
        if (detail.isEmpty()) {
            return List.of(item);
        }
        final Element sibling = item.nextElementSibling();
        if (sibling == null || items.contains(sibling)) {
            return List.of(item);
        }
        final Element found = detail.get().within().map(q -> sibling.selectFirst(q.evaluator())).orElse(sibling);
        return found == null ? List.of(item) : List.of(item, found);
    }

    private static String value(List<Element> scopes, Optional<FieldSelector> field) {
        return field.map(f -> value(scopes, f)).orElse(null);
    }

    /**
     * The first non-blank value the field yields, scope by scope and match by match, so that an
     * empty match (an image-only link) or one the pattern rejects does not hide a later good one.
     */
    private static String value(List<Element> scopes, FieldSelector field) {
        for (Element scope : scopes) {
            for (Element e : scope.select(field.query().evaluator())) {
                String v = field.attribute().map(a -> e.hasAttr(a) ? e.attr(a) : null).orElseGet(e::text);
                if (v != null && field.pattern().isPresent()) {
                    final Matcher m = field.pattern().get().matcher(v);
                    v = !m.find() ? null : m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        }
        return null;
    }

    /**
     * {@link #value(List, FieldSelector)}, recording in {@code trace} which alternative of the
     * selector list matched, in the item or in its detail element.
     */
    private static String traced(ExtractionTrace trace, String name, List<Element> scopes,
            Optional<FieldSelector> field) {
        if (field.isEmpty()) {
            return null;
        }
        final FieldSelector f = field.get();
        for (int s = 0; s < scopes.size(); s++) {
            final Element scope = scopes.get(s);
            for (Element e : scope.select(f.query().evaluator())) {
                final String raw = f.attribute().map(a -> e.hasAttr(a) ? e.attr(a) : null).orElseGet(e::text);
                String v = raw;
                if (v != null && f.pattern().isPresent()) {
                    final Matcher m = f.pattern().get().matcher(v);
                    v = !m.find() ? null : m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (v != null && !v.isBlank()) {
                    final String selector = Selectors.alternative(scope, e, f.query()) + f.attribute().map(a -> "@" + a)
                            .orElse("") + f.pattern().map(p -> " ~ /" + p.pattern() + "/").orElse("");
                    trace.found(name, s == 0 ? selector : selector + " (in the detail element)", v);
                    return v;
                }
            }
        }
        trace.found(name, f.toString(), null);
        return null;
    }

    /** jsoup updates the document's base URI from {@code <base href>}; fall back to the request URL. */
    private static URI base(Document doc, URI requested) {
        try {
            final URI declared = new URI(doc.baseUri());
            return declared.isAbsolute() ? declared : requested;
        } catch (URISyntaxException e) {
            return requested;
        }
    }
}
