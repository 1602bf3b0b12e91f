/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one extraction produced.
 *
 * <p>Notes name the item and the field, like {@code item 4: field 'title' is empty or missing} or
 * {@code item 3: field 'time': 'yesterday-ish' is not a date this crawler reads; set timeFormat}.
 * A source's status should say how many items were skipped and how many dates could not be read,
 * each with its first note, as {@link #summary()} does.
 *
 * @param items           the items, in page order, unique by URL, at most the source's {@code maxItems}
 * @param skips           candidate items dropped as unusable (no title, no or bad link, a URL too
 *                        long to store whole); each note names the field or says the URL's length
 * @param unreadableDates kept items whose time field has text that is not a date this crawler
 *                        reads; such items are kept without a date
 * @param warnings        every note, for the source's status: the notes of {@code skips} first, then
 *                        those of {@code unreadableDates}, then the rest (counts that hold no number,
 *                        dropped duplicates); capped, the last line saying how many more there were
 */
public record Extraction(List<ExtractedItem> items, Tally skips, Tally unreadableDates, List<String> warnings) {
    /** Copies the lists. */
    public Extraction {
        items = List.copyOf(items);
        Objects.requireNonNull(skips, "skips");
        Objects.requireNonNull(unreadableDates, "unreadableDates");
        warnings = List.copyOf(warnings);
    }

    /**
     * How often one kind of problem happened in an extraction, and the note on its first occurrence.
     *
     * @param count how many times; not negative
     * @param first the first occurrence's note; present exactly when {@code count} is positive
     */
    public record Tally(int count, Optional<String> first) {
        /** Nothing happened. */
        public static final Tally NONE = new Tally(0, Optional.empty());

        /** Checks that {@code first} is present exactly when {@code count} is positive. */
        public Tally {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, count=" + count);
            }
            if (Objects.requireNonNull(first, "first").isPresent() != count > 0) {
                throw new IllegalArgumentException("first must be present exactly when count is positive, count="
                        + count + ", first=" + first);
            }
        }
    }

    /** @return how many candidate items were skipped: {@code skips().count()} */
    public int skipped() {
        return skips.count();
    }

    /**
     * @return one line for the source's status, empty when there is nothing to say; for example
     *         {@code 2 items skipped: item 4: field 'title' is empty or missing; 1 date unreadable: item 3:
     *         field 'time': 'yesterday-ish' is not a date this crawler reads; set timeFormat}
     */
    public String summary() {
        final List<String> parts = new ArrayList<>(2);
        skips.first().ifPresent(note -> parts.add(
                skips.count() + (skips.count() == 1 ? " item" : " items") + " skipped: " + note));
        unreadableDates.first().ifPresent(note -> parts.add(unreadableDates.count()
                + (unreadableDates.count() == 1 ? " date" : " dates") + " unreadable: " + note));
        return String.join("; ", parts);
    }
}
