/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Reads items out of fetched pages and feeds: {@link io.github.nativeshm.crawler.extract.HtmlExtractor}
 * (CSS selectors), {@link io.github.nativeshm.crawler.extract.FeedExtractor} (RSS and Atom) and
 * {@link io.github.nativeshm.crawler.extract.JsonExtractor} (JSON pointers), chosen by
 * {@link io.github.nativeshm.crawler.extract.Extractor#forKind}.
 *
 * <p>All three share one set of rules: titles and names are whitespace-normalised; links are made
 * absolute and normalised and must be http(s); an item without a title or a usable link is
 * skipped and counted, never fatal; the first item per URL wins; at most {@code maxItems} are kept.
 * Counts read like {@code 1,234}, {@code 1.2k} or {@code 123 points}; times with the source's
 * {@code timeFormat}, then as ISO 8601, RFC 822/1123 or UNIX seconds or milliseconds, in the
 * source's {@code timeZone} when they carry none; an unreadable time leaves the item without a date
 * and is counted. Every note names the item and the field. Only a response from which nothing
 * sensible can be read raises
 * {@link io.github.nativeshm.crawler.extract.ExtractionException}.
 */
package io.github.nativeshm.crawler.extract;
