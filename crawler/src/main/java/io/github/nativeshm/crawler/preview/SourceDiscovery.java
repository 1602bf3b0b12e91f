/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nativeshm.crawler.fetch.FetchOutcome;
import io.github.nativeshm.crawler.fetch.FetchResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Guesses what a URL is, for a new source: fetches it (through a {@link PageCache}, so the
 * preview that follows reuses the page), tells HTML from RSS/Atom from JSON by the content type
 * and a look at the body, and lists the feeds an HTML page advertises through
 * {@code <link rel="alternate" type="application/rss+xml">} (Atom and JSON Feed too). Thread-safe.
 */
public final class SourceDiscovery {
    private static final Map<String, String> FEED_TYPES = Map.of(
            "application/rss+xml", "rss", "application/atom+xml", "rss", "application/rdf+xml", "rss",
            "application/feed+json", "json", "application/json", "json");
    private static final Pattern FIRST_ELEMENT = Pattern.compile(
            "<(?![?!])([A-Za-z][A-Za-z0-9:_.-]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PageCache pages;

    /** Discovery over {@code pages}, which it does not close; share the preview's ({@link SourcePreview#pages()}). */
    public SourceDiscovery(PageCache pages) {
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    /**
     * Fetches {@code url} and says what it is.
     *
     * @param url an absolute http(s) URL
     * @return what it is; a failed fetch is a result with {@code fetch.error} and no kind
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
     */
    public Discovery discover(URI url) {
        final PageCache.Page page = pages.get(url, Map.of());
        final FetchResult r = page.result();
        final PreviewResult.Fetch fetch = SourcePreview.fetchInfo(page);
        if (r.outcome() != FetchOutcome.OK) {
            return new Discovery(url.toString(), null, null, List.of(), fetch);
        }
        final String body = r.text();
        final String kind = kind(r.contentType(), body);
        if (kind == null) {
            return new Discovery(url.toString(), null, null, List.of(), fetch);
        }
        return switch (kind) {
            case "html" -> {
                final Document doc = Jsoup.parse(body, r.finalUrl().toString());
                yield new Discovery(url.toString(), kind, blankToNull(doc.title()), feeds(doc), fetch);
            }
            case "rss" -> new Discovery(url.toString(), kind, feedTitle(body, r.finalUrl()), List.of(), fetch);
            default -> new Discovery(url.toString(), kind, jsonTitle(body), List.of(), fetch);
        };
    }

    /**
     * @param contentType the response's {@code Content-Type}, or null
     * @param body        the response body
     * @return {@code html}, {@code rss} or {@code json}, or null when it is none of them
     */
    static String kind(String contentType, String body) {
        final String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/rss+xml") || type.equals("application/atom+xml")
                || type.equals("application/rdf+xml")) {
            return "rss";
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return "json";
        }
        final String head = sniffable(body);
        if (head.startsWith("{") || head.startsWith("[")) {
            return looksLikeJson(body) ? "json" : type.contains("html") ? "html" : null;
        }
        final Matcher first = FIRST_ELEMENT.matcher(head);
        final String root = first.find() ? first.group(1).toLowerCase(Locale.ROOT) : "";
        if (root.equals("rss") || root.equals("feed") || root.equals("rdf:rdf")) {
            return "rss";
        }
        if (root.equals("html") || type.contains("html") || head.toLowerCase(Locale.ROOT).startsWith("<!doctype html")) {
            return "html";
        }
        return null;
    }

    /** The start of the body without a byte order mark, leading blanks and comments. */
    private static String sniffable(String body) {
        String s = body.length() > 4096 ? body.substring(0, 4096) : body;
        s = s.replace("\uFEFF", "").strip();
        while (s.startsWith("<!--")) {
            final int end = s.indexOf("-->");
            s = end < 0 ? "" : s.substring(end + 3).strip();
        }
        return s;
    }

    private static boolean looksLikeJson(String body) {
        try {
            return JSON.readTree(body) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<Discovery.Feed> feeds(Document doc) {
        final List<Discovery.Feed> feeds = new ArrayList<>();
        final Set<String> seen = new LinkedHashSet<>();
        for (Element link : doc.select("link[rel][type][href]")) {
            final boolean alternate = Set.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"))
                    .contains("alternate");
            final String type = link.attr("type").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            final String kind = FEED_TYPES.get(type);
            final String href = link.absUrl("href");
            if (alternate && kind != null && !href.isEmpty() && href.startsWith("http") && seen.add(href)) {
                feeds.add(new Discovery.Feed(href, blankToNull(link.attr("title").strip()), type, kind));
            }
        }
        return feeds;
    }

    private static String feedTitle(String body, URI base) {
        final Document doc = Jsoup.parse(body, base.toString(), Parser.xmlParser());
        final Element root = doc.children().first();
        if (root == null) {
            return null;
        }
        for (Element e : root.children()) {
            if (e.normalName().equals("title")) {
                return blankToNull(e.text());
            }
            if (e.normalName().equals("channel")) {
                for (Element c : e.children()) {
                    if (c.normalName().equals("title")) {
                        return blankToNull(c.text());
                    }
                }
            }
        }
        return null;
    }

    private static String jsonTitle(String body) {
        try {
            final JsonNode title = JSON.readTree(body).path("title");
            return title.isTextual() ? blankToNull(title.asText().strip()) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
