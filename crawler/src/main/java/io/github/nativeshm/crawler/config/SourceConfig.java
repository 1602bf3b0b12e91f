/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import io.github.nativeshm.crawler.model.SourceStatus;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One source to crawl: an entry of the {@code sources:} list of a config file.
 *
 * @param id        unique, stable key: 1 to 31 characters from {@code a-z}, {@code 0-9} and {@code -}
 * @param name      human-readable name; the id when the file gives none
 * @param kind      how the response is read
 * @param url       the absolute http or https URL fetched, at most {@link SourceStatus#URL_BYTES} bytes
 * @param schedule  when the source is fetched
 * @param maxItems  at most this many items are kept per fetch, 1..1000, first ones first
 * @param headers   extra request headers, in file order
 * @param timeFormat a {@link DateTimeFormatter} pattern for the source's times, tried before the
 *                  built-in forms; it must read a whole date (a year, a month and a day)
 * @param timeZone  the zone of times written without one; UTC unless the file says otherwise
 * @param selectors present exactly when {@code kind} is {@link SourceKind#HTML}
 * @param pointers  present exactly when {@code kind} is {@link SourceKind#JSON}
 * @param scoreUnit what the source's scores count, like {@code points} or {@code stars}: 1 to
 *                  {@link #MAX_SCORE_UNIT_BYTES} bytes of letters; {@link #DEFAULT_SCORE_UNIT} when the file gives none
 * @param tags      what the source is about, for filtering: 0 to {@link #MAX_TAGS} tags in file order,
 *                  each 1 to {@link #MAX_TAG_CHARS} characters of Unicode letters and digits with
 *                  {@code -}, {@code _} or spaces inside, no two the same
 */
public record SourceConfig(
        String id,
        String name,
        SourceKind kind,
        URI url,
        Schedule schedule,
        int maxItems,
        Map<String, String> headers,
        Optional<String> timeFormat,
        ZoneId timeZone,
        Optional<HtmlSelectors> selectors,
        Optional<JsonPointers> pointers,
        String scoreUnit,
        List<String> tags) {

    /** Default for {@code maxItems}. */
    public static final int DEFAULT_MAX_ITEMS = 30;
    /** Upper bound for {@code maxItems}. */
    public static final int MAX_ITEMS_LIMIT = 1000;
    /** Default for {@code scoreUnit}. */
    public static final String DEFAULT_SCORE_UNIT = "score";
    /** Most UTF-8 bytes a {@code scoreUnit} may have: one less than its field, so C readers always find a NUL. */
    public static final int MAX_SCORE_UNIT_BYTES = SourceStatus.SCORE_UNIT_BYTES - 1;
    /** Most tags a source may have. */
    public static final int MAX_TAGS = 8;
    /** Most characters (code points) a tag may have. */
    public static final int MAX_TAG_CHARS = 32;

    /**
     * Checks that the kind-specific block matches the kind and that {@code timeFormat} reads a whole
     * date; file-level validation with user-facing messages happens when the file is read.
     */
    public SourceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schedule, "schedule");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(timeFormat, "timeFormat").ifPresent(TimeFormats::formatter);
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(selectors, "selectors");
        Objects.requireNonNull(pointers, "pointers");
        Objects.requireNonNull(scoreUnit, "scoreUnit");
        tags = List.copyOf(tags);
        if (selectors.isPresent() != (kind == SourceKind.HTML) || pointers.isPresent() != (kind == SourceKind.JSON)) {
            throw new IllegalArgumentException("source '" + id + "' of kind " + kind.configName()
                    + " has selectors=" + selectors.isPresent() + ", pointers=" + pointers.isPresent());
        }
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("maxItems must be 1.." + MAX_ITEMS_LIMIT + ", maxItems=" + maxItems);
        }
    }

    /** @return the tags joined with commas, as the segment publishes them ({@link SourceStatus#tags()}) */
    public String joinedTags() {
        return String.join(",", tags);
    }

    /** @return the formatter for {@link #timeFormat}: case-insensitive, with English month and day names */
    public Optional<DateTimeFormatter> timeFormatter() {
        return timeFormat.map(TimeFormats::formatter);
    }
}
