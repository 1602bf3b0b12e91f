/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds with jsoup's lenient XML parser, so a feed with a
 * stray unescaped {@code &} or an unclosed tag still yields its items.
 *
 * <p>RSS: {@code title}, {@code link} (else a permalink {@code guid}), {@code author} or
 * {@code dc:creator} ({@code mail@example.com (Name)} yields {@code Name}), {@code pubDate} or
 * {@code dc:date}, {@code slash:comments}. Atom: {@code title} (HTML titles reduced to text), the
 * {@code alternate} {@code link}, {@code author/name} (else the feed's), {@code published} else {@code updated}.
 * Feeds carry no score.
 */
public final class FeedExtractor implements Extractor {
    static final FeedExtractor INSTANCE = new FeedExtractor();

    private static final Pattern MAIL_AND_NAME = Pattern.compile("\\S+@\\S+\\s+\\((.+)\\)");

    @Override
    public Extraction extract(String body, URI baseUrl, SourceConfig source, ExtractionTrace trace)
            throws ExtractionException {
        final Document doc = Jsoup.parse(body, baseUrl.toString(), Parser.xmlParser());
        final Element root = doc.children().first();
        final String rootName = root == null ? "" : root.normalName();
        final boolean atom = rootName.equals("feed");
        if (!atom && !rootName.equals("rss") && !rootName.equals("rdf:rdf")) {
            throw new ExtractionException(source.id(), "the response is not an RSS or Atom feed: "
                    + (root == null ? "it has no XML element" : "its root element is <" + root.tagName() + ">"));
        }
        final ItemCollector out = new ItemCollector(source, baseUrl, trace);
        int position = 0;
        for (Element item : root.getElementsByTag(atom ? "entry" : "item")) {
            if (out.full()) {
                break;
            }
            if (trace != null) {
                trace.begin(position + 1);
                trace(trace, root, item, atom);
            }
            final String where = (atom ? "entry " : "item ") + ++position;
            if (atom) {
                out.add(where, atomTitle(item), atomLink(item), null, child(item, "slash:comments"),
                        first(child(item, "author", "name"), child(root, "author", "name")),
                        first(child(item, "published"), child(item, "updated")));
            } else {
                out.add(where, child(item, "title"), rssLink(item), null, child(item, "slash:comments"),
                        rssAuthor(first(child(item, "author"), child(item, "dc:creator"))),
                        first(child(item, "pubDate"), child(item, "dc:date")));
            }
        }
        return out.result();
    }

    /** Records which element each field comes from, the way {@link #extract} reads them. */
    private static void trace(ExtractionTrace trace, Element root, Element item, boolean atom) {
        trace.found("title", "title", atom ? atomTitle(item) : child(item, "title"));
        if (atom) {
            trace.found("link", "link@href", atomLink(item));
        } else {
            final boolean hasLink = child(item, "link") != null;
            trace.found("link", hasLink ? "link" : "guid", rssLink(item));
        }
        final String comments = child(item, "slash:comments");
        if (comments != null) {
            trace.found("comments", "slash:comments", comments);
        }
        if (atom) {
            pick(trace, "author", "author/name", child(item, "author", "name"),
                    "feed author/name", child(root, "author", "name"));
            pick(trace, "time", "published", child(item, "published"), "updated", child(item, "updated"));
        } else {
            pick(trace, "author", "author", child(item, "author"), "dc:creator", child(item, "dc:creator"));
            pick(trace, "time", "pubDate", child(item, "pubDate"), "dc:date", child(item, "dc:date"));
        }
    }

    /** Records the first non-blank of (element name, value) pairs, as {@link #first} picks it. */
    private static void pick(ExtractionTrace trace, String field, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            final String v = namesAndValues[i + 1];
            if (v != null && !v.isBlank()) {
                trace.found(field, namesAndValues[i], v);
                return;
            }
        }
    }

    private static String rssLink(Element item) {
        final String link = child(item, "link");
        if (link != null) {
            return link;
        }
        final Element guid = childElement(item, "guid");
        return guid != null && !guid.attr("isPermaLink").equalsIgnoreCase("false") ? guid.text() : null;
    }

    private static String rssAuthor(String author) {
        if (author == null) {
            return null;
        }
        final Matcher m = MAIL_AND_NAME.matcher(author.strip());
        return m.matches() ? m.group(1) : author;
    }

    private static String atomTitle(Element entry) {
        final Element title = childElement(entry, "title");
        if (title == null) {
            return null;
        }
        final String type = title.attr("type");
        return type.equals("html") ? Jsoup.parse(title.text()).text() : title.text();
    }

    /** The {@code alternate} link (Atom's default relation), else the first link with an href. */
    private static String atomLink(Element entry) {
        String any = null;
        for (Element link : entry.children()) {
            if (!link.normalName().equals("link") || link.attr("href").isBlank()) {
                continue;
            }
            final String rel = link.attr("rel");
            if (rel.isEmpty() || rel.equals("alternate")) {
                return link.attr("href");
            }
            any = any == null ? link.attr("href") : any;
        }
        return any;
    }

    /** The text of the element reached by following child names, or null. */
    private static String child(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            e = childElement(e, name);
            if (e == null) {
                return null;
            }
        }
        return e.text();
    }

    private static Element childElement(Element parent, String name) {
        for (Element c : parent.children()) {
            if (c.tagName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
