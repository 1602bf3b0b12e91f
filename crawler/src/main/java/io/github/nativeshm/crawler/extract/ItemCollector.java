package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every extractor shares: clean the text, resolve the link, skip (and count) items with
 * no title or no usable link, keep the first item per URL, stop at {@code maxItems}, and keep
 * warnings short.
 */
final class ItemCollector {
    private static final int MAX_WARNINGS = 20;
    // Includes the no-break spaces that pages use between a number and its unit ("123&nbsp;comments").
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private final int maxItems;
    private final URI base;
    private final Times times;
    private final Map<URI, ExtractedItem> items = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int skipped;
    private int duplicates;
    private int unreported;

    ItemCollector(SourceConfig source, URI base) {
        this.maxItems = source.maxItems();
        this.base = base;
        this.times = Times.of(source);
    }

    /** @return whether {@code maxItems} items have been collected; further candidates are not needed */
    boolean full() {
        return items.size() >= maxItems;
    }

    /**
     * Offers one candidate item.
     *
     * @param where where the candidate is, for warnings, like {@code item 3}
     * @param title raw title text, or null
     * @param link  raw link as written, or null
     */
    void add(String where, String title, String link, Long score, Long comments, String author, Instant published) {
        final String cleanTitle = clean(title);
        if (cleanTitle == null) {
            skip(where + " skipped: no title");
            return;
        }
        final URI url = Urls.resolve(base, link);
        if (url == null) {
            skip(where + " skipped: "
                    + (clean(link) == null ? "no link" : "link '" + link.strip() + "' is not an http(s) URL"));
            return;
        }
        if (items.containsKey(url)) {
            duplicates++;
            return;
        }
        items.put(url, new ExtractedItem(cleanTitle, url, score, comments, clean(author), published));
    }

    /** Records a note for the source's status; only the first few are kept. */
    void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        } else {
            unreported++;
        }
    }

    /** @return the count in {@code text}, warning when there is text but no number in it */
    Long count(String where, String field, String text) {
        final Long n = Numbers.count(text);
        if (n == null && clean(text) != null) {
            warn(where + ": " + field + " '" + clean(text) + "' holds no number");
        }
        return n;
    }

    /** @return the time in {@code text}, warning when there is text but no readable time */
    Instant time(String where, String text) {
        final Instant t = times.parse(text);
        if (t == null && clean(text) != null) {
            warn(where + ": time '" + clean(text) + "' is not a date this crawler reads");
        }
        return t;
    }

    Extraction result() {
        final List<String> notes = new ArrayList<>(warnings);
        if (duplicates > 0) {
            notes.add(duplicates + " item(s) repeating an earlier item's link were dropped");
        }
        if (unreported > 0) {
            notes.add("... and " + unreported + " more warning(s)");
        }
        return new Extraction(new ArrayList<>(items.values()), skipped, notes);
    }

    /** @return {@code text} with whitespace runs collapsed to one space and trimmed; null when blank */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        final String s = SPACES.matcher(text).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    private void skip(String message) {
        skipped++;
        warn(message);
    }
}
