/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceKind;
import io.github.nativeshm.crawler.extract.Extraction;
import io.github.nativeshm.crawler.extract.ExtractionException;
import io.github.nativeshm.crawler.extract.ExtractionTrace;
import io.github.nativeshm.crawler.extract.ExtractionTrace.Candidate;
import io.github.nativeshm.crawler.extract.ExtractionTrace.Field;
import io.github.nativeshm.crawler.extract.Extractor;
import io.github.nativeshm.crawler.fetch.FetchOutcome;
import io.github.nativeshm.crawler.fetch.FetchResult;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import io.github.nativeshm.crawler.preview.PreviewResult.FieldMatch;
import io.github.nativeshm.crawler.preview.PreviewResult.Item;
import io.github.nativeshm.crawler.preview.PreviewResult.Skipped;
import io.github.nativeshm.crawler.preview.PreviewResult.Warning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tries a draft source: fetches its URL once (robots.txt and the per-host delay apply; a page
 * fetched less than five minutes ago is reused, see {@link PageCache}), reads it with the draft's
 * selectors or pointers, and says what each field matched and what looks wrong.
 *
 * <pre>{@code
 * try (SourcePreview preview = new SourcePreview(config.settings())) {
 *     PreviewResult result = preview.preview(draft);   // never throws for what the site does
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 */
public final class SourcePreview implements AutoCloseable {
    private static final List<String> FIELDS = List.of("title", "link", "score", "comments", "author", "time");

    private final PageCache pages;
    private final boolean ownsPages;

    /** A preview with its own fetcher and page cache made with {@code settings}; close it when done. */
    public SourcePreview(FetchSettings settings) {
        this(new PageCache(settings), true);
    }

    /** A preview over {@code pages}, which it does not close. */
    public SourcePreview(PageCache pages) {
        this(pages, false);
    }

    private SourcePreview(PageCache pages, boolean ownsPages) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.ownsPages = ownsPages;
    }

    /** @return the page cache, to share with a {@link SourceDiscovery} */
    public PageCache pages() {
        return pages;
    }

    /** @return a discovery sharing this preview's fetcher and page cache */
    public SourceDiscovery discovery() {
        return new SourceDiscovery(pages);
    }

    /**
     * Fetches and reads {@code draft}.
     *
     * @param draft a validated source; its id and schedule do not matter
     * @return what it yields; a failed fetch is a result whose {@code fetch.error} says why
     */
    public PreviewResult preview(SourceConfig draft) {
        final PageCache.Page page = pages.get(draft.url(), draft.headers());
        final FetchResult fetched = page.result();
        final List<Warning> warnings = new ArrayList<>();
        final PreviewResult.Fetch fetch = fetchInfo(page);
        if (fetched.outcome() != FetchOutcome.OK) {
            warnings.add(new Warning("url", fetch.error()));
            return new PreviewResult(fetch, List.of(), List.of(), warnings);
        }
        if (fetched.truncated()) {
            warnings.add(new Warning(null, fetched.message()));
        }
        final ExtractionTrace trace = new ExtractionTrace();
        try {
            Extractor.extractFor(draft, fetched.text(), fetched.finalUrl(), trace);
        } catch (ExtractionException e) {
            warnings.add(new Warning(switch (draft.kind()) {
                case HTML -> "selectors.item";
                case JSON -> "pointers.items";
                case RSS -> "kind";
            }, withoutSource(draft, e.getMessage())));
        } catch (RuntimeException e) { // the extractors guard against bad pages; this guards against their bugs
            warnings.add(new Warning(null, "the page could not be read: " + e));
        }
        final List<Candidate> candidates = trace.candidates();
        final List<Item> items = new ArrayList<>(candidates.size());
        final List<Skipped> skipped = new ArrayList<>();
        for (Candidate c : candidates) {
            items.add(item(c));
            if (c.skipped() != null) {
                skipped.add(new Skipped(c.index(), c.skipped()));
            }
        }
        warnings.addAll(Warnings.of(draft, candidates, fetched));
        return new PreviewResult(fetch, items, skipped, warnings);
    }

    /** Closes the page cache and its fetcher if this preview made them. */
    @Override
    public void close() {
        if (ownsPages) {
            pages.close();
        }
    }

    static PreviewResult.Fetch fetchInfo(PageCache.Page page) {
        final FetchResult r = page.result();
        return new PreviewResult.Fetch(r.url().toString(), r.finalUrl().toString(),
                r.outcome().name().toLowerCase(Locale.ROOT), r.status(), r.contentType(), r.body().length,
                page.fromCache(), page.fetchedAt().toString(), r.outcome() == FetchOutcome.OK ? null : error(r));
    }

    private static String error(FetchResult r) {
        return switch (r.outcome()) {
            case ROBOTS_DISALLOWED -> "robots.txt forbids fetching " + r.url()
                    + (r.message() == null ? "" : ": " + r.message());
            case HTTP_ERROR -> "the site answered HTTP " + r.status() + " for " + r.finalUrl();
            case TIMEOUT -> "timed out fetching " + r.finalUrl() + (r.message() == null ? "" : ": " + r.message());
            default -> r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " fetching " + r.finalUrl()
                    + (r.message() == null ? "" : ": " + r.message());
        };
    }

    private static Item item(Candidate c) {
        final Map<String, FieldMatch> fields = new LinkedHashMap<>();
        for (String name : FIELDS) {
            final Field f = c.fields().get(name);
            if (f != null) {
                fields.put(name, new FieldMatch(f.text(), f.selector(),
                        f.raw() != null && !f.raw().equals(f.text()) ? f.raw() : null, f.note()));
            }
        }
        return new Item(c.index(), fields, c.url() == null || c.skipped() != null && c.skipped().startsWith("its URL")
                ? null : c.url().toString(), c.skipped());
    }

    private static String withoutSource(SourceConfig draft, String message) {
        final String prefix = "source '" + draft.id() + "': ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The warnings a set of candidates calls for. */
    private static final class Warnings {
        private Warnings() {
        }

        static List<Warning> of(SourceConfig draft, List<Candidate> candidates, FetchResult fetched) {
            final List<Warning> out = new ArrayList<>();
            final String block = switch (draft.kind()) {
                case HTML -> "selectors.";
                case JSON -> "pointers.";
                case RSS -> null;
            };
            final int n = candidates.size();
            if (block != null && n > 0) {
                for (String name : FIELDS) {
                    int missing = 0;
                    String selector = null;
                    for (Candidate c : candidates) {
                        final Field f = c.fields().get(name);
                        if (f != null && !f.matched()) {
                            missing++;
                            selector = selector == null ? f.selector() : selector;
                        }
                    }
                    if (missing > 0) {
                        final String what = (draft.kind() == SourceKind.HTML ? "selector '" : "pointer '") + selector
                                + "' " + (draft.kind() == SourceKind.HTML ? "matched nothing" : "reached no text");
                        out.add(new Warning(block + name, missing == n
                                ? what + (n == 1 ? " in the item" : " in any of the " + n + " items")
                                : what + " in " + missing + " of " + n + " items"));
                    }
                }
            }
            final List<Candidate> kept = candidates.stream().filter(c -> c.skipped() == null).toList();
            int dates = 0;
            int unread = 0;
            String example = null;
            for (Candidate c : kept) {
                final Field time = c.fields().get("time");
                if (time != null && time.matched()) {
                    dates++;
                    if (time.text() == null) {
                        unread++;
                        example = example == null ? time.raw() : example;
                    }
                }
            }
            if (unread > 0) {
                out.add(new Warning("timeFormat", unread + " of " + dates + " dates not read (like '" + example
                        + "'): " + draft.timeFormat().map(p -> "they do not match timeFormat '" + p + "'")
                                .orElse("set timeFormat")));
            }
            final List<Candidate> relative = kept.stream().filter(Candidate::relativeLink).toList();
            if (!relative.isEmpty()) {
                final String note = relative.get(0).fields().get("link").note();
                out.add(new Warning(block == null ? null : block + "link", relative.size() + " of " + kept.size()
                        + " links were relative: " + note.replace("relative link made absolute", "made absolute")));
            }
            final List<Candidate> skipped = candidates.stream().filter(c -> c.skipped() != null).toList();
            if (!skipped.isEmpty()) {
                final String reason = skipped.get(0).skipped();
                out.add(new Warning(fieldOf(block, reason).orElse(null), skipped.size() + " of " + n
                        + " candidates skipped; item " + skipped.get(0).index() + ": " + reason));
            }
            if (kept.isEmpty()) {
                out.add(new Warning(null, "no items: " + (n == 0
                        ? "the page " + (fetched.text().isBlank() ? "is empty" : "yields no candidates")
                        : "every candidate was skipped")));
            } else if (kept.size() == draft.maxItems()) {
                out.add(new Warning("maxItems", "stopped at maxItems=" + draft.maxItems()
                        + "; the page may hold more"));
            }
            return out;
        }

        private static Optional<String> fieldOf(String block, String reason) {
            if (block == null) {
                return Optional.empty();
            }
            for (String name : FIELDS) {
                if (reason.startsWith("field '" + name + "'")) {
                    return Optional.of(block + name);
                }
            }
            return Optional.empty();
        }
    }
}
