/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.model.FieldText;
import io.github.nativeshm.crawler.model.Item;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every extractor shares: clean the text, resolve the link, skip (and count) items with
 * no title, no usable link or a URL longer than {@link Item#URL_BYTES} (which no slot could hold
 * whole), keep the first item per URL, stop at {@code maxItems}, read counts and times, and keep
 * notes short. Fields of an item are read only once it is kept, so that a skipped
 * or repeated item adds no note but the one saying why it was dropped.
 */
final class ItemCollector {
    private static final int MAX_NOTES_PER_KIND = 10;
    // Includes the no-break spaces that pages use between a number and its unit ("123&nbsp;comments").
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private final int maxItems;
    private final URI base;
    private final Times times;
    private final String unreadableDateHint;
    private final Map<URI, ExtractedItem> items = new LinkedHashMap<>();
    private final Notes skips = new Notes();
    private final Notes unreadableDates = new Notes();
    private final Notes otherNotes = new Notes();
    private final ExtractionTrace trace;
    private int duplicates;

    ItemCollector(SourceConfig source, URI base) {
        this(source, base, null);
    }

    /** @param trace where to record what became of each candidate's values, or null */
    ItemCollector(SourceConfig source, URI base, ExtractionTrace trace) {
        this.trace = trace;
        this.maxItems = source.maxItems();
        this.base = base;
        this.times = Times.of(source);
        this.unreadableDateHint = source.timeFormat().map(p -> ", nor does it match timeFormat '" + p + "'")
                .orElse("; set timeFormat");
    }

    /** @return whether {@code maxItems} items have been collected; further candidates are not needed */
    boolean full() {
        return items.size() >= maxItems;
    }

    /**
     * Offers one candidate item. Every value is the raw text the page holds, or null when there is none.
     *
     * @param where    where the candidate is, for notes, like {@code item 3}
     * @param link     the link as written, relative or absolute
     * @param score    a count such as {@code 1.2k points}
     * @param comments a count such as {@code 34 comments}
     * @param time     a time in one of the forms {@link Times} reads
     */
    void add(String where, String title, String link, String score, String comments, String author, String time) {
        final String cleanTitle = clean(title);
        if (cleanTitle == null) {
            skip(where, "field 'title' is empty or missing");
            return;
        }
        final URI url = Urls.resolve(base, link);
        if (trace != null) {
            trace.read("title", cleanTitle, null);
            final boolean relative = url != null && Urls.isRelative(link);
            trace.read("link", url == null ? null : url.toString(),
                    relative ? "relative link made absolute against " + base : null);
            trace.link(url, relative);
        }
        if (url == null) {
            skip(where, "field 'link'" + (clean(link) == null ? " is empty or missing"
                    : ": '" + clean(link) + "' is not an http(s) URL"));
            return;
        }
        final int urlBytes = FieldText.utf8Length(url.toString());
        if (urlBytes > Item.URL_BYTES) {
            // A cut URL is a broken link: the item is not published at all.
            skip(where, "its URL is " + urlBytes + " bytes, more than " + Item.URL_BYTES);
            return;
        }
        if (items.containsKey(url)) {
            duplicates++;
            if (trace != null) {
                trace.skip("its link repeats an earlier item's: " + url);
            }
            return;
        }
        items.put(url, new ExtractedItem(cleanTitle, url, count(where, "score", score),
                count(where, "comments", comments), clean(author), time(where, time)));
        if (trace != null) {
            trace.read("author", clean(author), null);
        }
    }

    private void skip(String where, String reason) {
        skips.add(where + ": " + reason);
        if (trace != null) {
            trace.skip(reason);
        }
    }

    Extraction result() {
        final List<String> notes = new ArrayList<>();
        notes.addAll(skips.kept);
        notes.addAll(unreadableDates.kept);
        notes.addAll(otherNotes.kept);
        if (duplicates > 0) {
            notes.add(duplicates + " item(s) repeating an earlier item's link were dropped");
        }
        final int unreported = skips.unreported() + unreadableDates.unreported() + otherNotes.unreported();
        if (unreported > 0) {
            notes.add("... and " + unreported + " more warning(s)");
        }
        return new Extraction(new ArrayList<>(items.values()), skips.tally(), unreadableDates.tally(), notes);
    }

    /** @return the count in {@code text}, noting when there is text but no number in it */
    private Long count(String where, String field, String text) {
        final Long n = Numbers.count(text);
        if (n == null && clean(text) != null) {
            otherNotes.add(where + ": field '" + field + "': '" + clean(text) + "' holds no number");
        }
        if (trace != null) {
            trace.read(field, n == null ? null : n.toString(),
                    n == null && clean(text) != null ? "holds no number" : null);
        }
        return n;
    }

    /** @return the time in {@code text}, noting when there is text but no readable time */
    private Instant time(String where, String text) {
        final Instant t = times.parse(text);
        if (t == null && clean(text) != null) {
            unreadableDates.add(where + ": field 'time': '" + clean(text) + "' is not a date this crawler reads"
                    + unreadableDateHint);
        }
        if (trace != null) {
            trace.read("time", t == null ? null : t.toString(), t == null && clean(text) != null
                    ? "not a date this crawler reads" + unreadableDateHint : null);
        }
        return t;
    }

    /** @return {@code text} with whitespace runs collapsed to one space and trimmed; null when blank */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        final String s = SPACES.matcher(text).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** Notes of one kind: all are counted, the first few kept. */
    private static final class Notes {
        private final List<String> kept = new ArrayList<>();
        private int count;

        void add(String note) {
            if (kept.size() < MAX_NOTES_PER_KIND) {
                kept.add(note);
            }
            count++;
        }

        int unreported() {
            return count - kept.size();
        }

        Extraction.Tally tally() {
            return count == 0 ? Extraction.Tally.NONE : new Extraction.Tally(count, Optional.of(kept.get(0)));
        }
    }
}
