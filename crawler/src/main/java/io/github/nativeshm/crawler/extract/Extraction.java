package io.github.nativeshm.crawler.extract;

import java.util.List;

/**
 * What one extraction produced.
 *
 * @param items    the items, in page order, unique by URL, at most the source's {@code maxItems}
 * @param skipped  how many candidate items were dropped as unusable (no title, no or bad link)
 * @param warnings readable notes about skipped items and values that could not be read, for the
 *                 source's status; capped, the last line saying how many more there were
 */
public record Extraction(List<ExtractedItem> items, int skipped, List<String> warnings) {
    /** Copies the lists. */
    public Extraction {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must not be negative, skipped=" + skipped);
        }
    }
}
