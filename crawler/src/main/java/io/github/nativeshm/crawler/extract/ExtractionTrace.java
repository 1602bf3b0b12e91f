/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an extraction looked at, candidate by candidate: for each field the value found and the
 * selector, pointer or element it came from, what the value became, and why a candidate was
 * dropped. Made for trying a source's selectors (the preview); the crawl passes no trace, so it
 * pays nothing for it.
 *
 * <pre>{@code
 * ExtractionTrace trace = new ExtractionTrace();
 * Extraction extraction = Extractor.extractFor(source, body, baseUrl, trace);
 * for (ExtractionTrace.Candidate c : trace.candidates()) { ... c.fields().get("title").selector() ... }
 * }</pre>
 *
 * <p>Not thread-safe: one trace per extraction.
 */
public final class ExtractionTrace {
    /**
     * How one field of one candidate was read.
     *
     * @param selector for HTML the alternative of the field's selector list that matched (with
     *                 {@code @attribute} and {@code ~ /pattern/} when the field has them), else the
     *                 whole selector; for JSON the pointer; for feeds the element, like {@code pubDate}
     *                 or {@code dc:creator}
     * @param raw      the value as found, after the field's pattern; null when nothing matched
     * @param text     the value as the crawler keeps it (whitespace-normalised text, the absolute URL,
     *                 the number, the instant in ISO 8601); null when it keeps nothing
     * @param note     what happened to the value, like {@code relative link made absolute} or
     *                 {@code not a date this crawler reads; set timeFormat}; null when nothing is worth saying
     */
    public record Field(String selector, String raw, String text, String note) {
        /** Checks that the selector is there. */
        public Field {
            Objects.requireNonNull(selector, "selector");
        }

        /** @return whether the selector found a value */
        public boolean matched() {
            return raw != null;
        }

        Field read(String newText, String newNote) {
            return new Field(selector, raw, newText, newNote);
        }
    }

    /**
     * One candidate item, in page order.
     *
     * @param index        1-based position among the candidates
     * @param fields       the configured fields, by name ({@code title}, {@code link}, {@code score},
     *                     {@code comments}, {@code author}, {@code time}), in that order
     * @param url          the item's absolute URL; null when it was skipped before its link was read
     * @param relativeLink whether the link was written relative and was made absolute
     * @param skipped      why the candidate is not an item (no title, no usable link, a repeated
     *                     link, a URL too long); null when it is kept
     */
    public record Candidate(int index, Map<String, Field> fields, URI url, boolean relativeLink, String skipped) {
        /** Copies the fields, keeping their order. */
        public Candidate {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();
    // The candidate being read:
    private int index;
    private Map<String, Field> fields;
    private URI url;
    private boolean relativeLink;
    private String skipped;

    /** An empty trace, to pass to one extraction. */
    public ExtractionTrace() {
    }

    /** @return the candidates the extraction looked at, in page order; at most up to the one that filled {@code maxItems} */
    public List<Candidate> candidates() {
        finish();
        return List.copyOf(candidates);
    }

    /** Starts the candidate at 1-based {@code position}. */
    void begin(int position) {
        finish();
        index = position;
        fields = new LinkedHashMap<>();
    }

    /** Records what {@code selector} found for {@code field}: {@code raw}, or null for nothing. */
    void found(String field, String selector, String raw) {
        fields.put(field, new Field(selector, raw, null, raw == null ? "matched nothing" : null));
    }

    /** Records what the found value of {@code field} became; ignored when the field is not traced. */
    void read(String field, String text, String note) {
        final Field f = fields == null ? null : fields.get(field);
        if (f != null) {
            fields.put(field, f.read(text, note != null ? note : f.note()));
        }
    }

    void link(URI absolute, boolean relative) {
        url = absolute;
        relativeLink = relative;
    }

    void skip(String reason) {
        skipped = reason;
    }

    private void finish() {
        if (fields != null) {
            candidates.add(new Candidate(index, fields, url, relativeLink, skipped));
            fields = null;
            url = null;
            relativeLink = false;
            skipped = null;
        }
    }
}
