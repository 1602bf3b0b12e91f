/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a draft source would yield now: how its page was fetched, every candidate item with each
 * field's match, the candidates skipped and why, and warnings naming the config field to look at.
 * Plain records of strings, numbers, lists and maps, so that any JSON mapper writes them as is.
 *
 * @param fetch    how the page was got
 * @param items    every candidate the extractor looked at, in page order, skipped ones included
 *                 (with {@link Item#skipped()}); up to the one that filled {@code maxItems}
 * @param skipped  the candidates that are not items, and why
 * @param warnings what looks wrong or worth knowing, first the fetch's, then per field
 */
public record PreviewResult(Fetch fetch, List<Item> items, List<Skipped> skipped, List<Warning> warnings) {
    /** Copies the lists. */
    public PreviewResult {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** @return how many candidates became items */
    public long kept() {
        return items.stream().filter(i -> i.skipped() == null).count();
    }

    /**
     * How the page was got.
     *
     * @param url         the URL asked for
     * @param finalUrl    the URL of the last response, after redirects
     * @param outcome     {@code ok}, {@code robots_disallowed}, {@code http_error}, {@code timeout},
     *                    {@code network_error}, {@code redirect_loop}, {@code not_modified} or {@code cancelled}
     * @param status      the HTTP status, 0 when no response came (robots.txt forbids the URL, no connection)
     * @param contentType the response's {@code Content-Type}, null when none
     * @param bytes       the body's size, decoded
     * @param fromCache   whether the page came from the preview's cache instead of the site
     * @param fetchedAt   when the page was fetched from the site, ISO 8601
     * @param error       what went wrong, null when the fetch succeeded
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fetch(String url, String finalUrl, String outcome, int status, String contentType, long bytes,
            boolean fromCache, String fetchedAt, String error) {
    }

    /**
     * One candidate item.
     *
     * @param index   1-based position among the candidates
     * @param fields  the configured fields by name ({@code title}, {@code link}, {@code score},
     *                {@code comments}, {@code author}, {@code time})
     * @param url     the item's absolute URL; null when skipped before its link was read
     * @param skipped why it is not an item; null when it is one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, Map<String, FieldMatch> fields, String url, String skipped) {
        /** Copies the fields, keeping their order. */
        public Item {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /**
     * One field of one candidate.
     *
     * @param text     the value as it would be stored (clean text, absolute URL, number, ISO 8601
     *                 instant); null when none
     * @param selector the selector alternative, pointer or feed element that matched, or the
     *                 configured one when nothing matched
     * @param raw      the value as found in the page, when it differs from {@code text}; null otherwise
     * @param note     what happened, like {@code matched nothing}, {@code relative link made absolute
     *                 against ...}, {@code not a date this crawler reads; set timeFormat}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldMatch(String text, String selector, String raw, String note) {
    }

    /**
     * A candidate that is not an item.
     *
     * @param index  its 1-based position among the candidates
     * @param reason why, naming the field
     */
    public record Skipped(int index, String reason) {
    }

    /**
     * Something to look at.
     *
     * @param field   the config key it is about, as validation problems name them ({@code url},
     *                {@code selectors.title}, {@code pointers.items}, {@code timeFormat}); null
     *                when it is about the source as a whole
     * @param message what, in a sentence
     */
    public record Warning(String field, String message) {
    }
}
