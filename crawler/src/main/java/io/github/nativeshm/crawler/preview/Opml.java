/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.preview;

import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceKind;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * OPML, the list format feed readers exchange subscriptions in (1.0 and 2.0).
 *
 * <p>Import turns each {@code <outline>} with an {@code xmlUrl} into a draft {@code rss} source, as
 * a map in the config file's schema: {@code id} made from the title (else the host), lower-case
 * {@code a-z0-9} and {@code -}, at most 31 characters, unique among the ids given and those made;
 * {@code name} the title; {@code tags} the texts of the outlines it is nested in and its
 * {@code category} attribute ({@code /News/World,Tech} gives {@code News}, {@code World},
 * {@code Tech}), cleaned to what tags allow, at most {@link SourceConfig#MAX_TAGS}. Outlines
 * without children and without a usable {@code xmlUrl} are skipped, with the reason.
 *
 * <p>Export writes the {@code rss} sources as OPML 2.0 outlines with their tags as {@code category}.
 *
 * <p>Parsing uses the JDK's parser with DTDs refused and external entities and documents off: a
 * document with a {@code <!DOCTYPE>} (the way XXE and "billion laughs" attacks come) is rejected.
 */
public final class Opml {
    /** The schedule of imported sources. */
    public static final String DEFAULT_SCHEDULE = "30m";

    private static final int MAX_ID = 31;
    private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NOT_TAG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}_ -]+");
    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{M}\\p{N}]+$");

    private Opml() {
    }

    /**
     * What an import found.
     *
     * @param sources draft sources, in document order, ready for validation and saving
     * @param skipped outlines that are not feeds, and why
     */
    public record Import(List<Map<String, Object>> sources, List<Skipped> skipped) {
        /** Copies the lists. */
        public Import {
            sources = List.copyOf(sources);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * An outline that was not imported.
     *
     * @param title  its title or text; null when it has none
     * @param url    its {@code xmlUrl}; null when it has none
     * @param reason why
     */
    public record Skipped(String title, String url, String reason) {
    }

    /**
     * Reads an OPML document.
     *
     * @param xml the document
     * @return the draft sources and the outlines skipped
     * @throws IllegalArgumentException when the document is not well-formed XML, has a DTD, or is not OPML
     */
    public static Import importOpml(String xml) {
        return importOpml(xml, Set.of());
    }

    /**
     * Reads an OPML document, making ids that differ from {@code takenIds}.
     *
     * @see #importOpml(String)
     */
    public static Import importOpml(String xml, Collection<String> takenIds) {
        final Document doc = parse(xml);
        final Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("opml")) {
            throw new IllegalArgumentException("not OPML: the root element is <" + root.getTagName() + ">, not <opml>");
        }
        final Element body = child(root, "body");
        if (body == null) {
            throw new IllegalArgumentException("not OPML: <opml> has no <body>");
        }
        final Set<String> ids = new HashSet<>(takenIds);
        final List<Map<String, Object>> sources = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        walk(body, List.of(), ids, sources, skipped);
        return new Import(sources, skipped);
    }

    /**
     * Writes the {@code rss} sources of {@code sources} as an OPML 2.0 document.
     *
     * @param sources sources of any kind; those of other kinds are left out
     * @return the document, UTF-8, indented
     */
    public static String exportOpml(List<SourceConfig> sources) {
        final Document doc = newBuilder().newDocument();
        final Element opml = doc.createElement("opml");
        opml.setAttribute("version", "2.0");
        doc.appendChild(opml);
        final Element head = doc.createElement("head");
        final Element title = doc.createElement("title");
        title.setTextContent("native-shm feeds");
        head.appendChild(title);
        opml.appendChild(head);
        final Element body = doc.createElement("body");
        opml.appendChild(body);
        for (SourceConfig source : sources) {
            if (source.kind() != SourceKind.RSS) {
                continue;
            }
            final Element outline = doc.createElement("outline");
            outline.setAttribute("type", "rss");
            outline.setAttribute("text", source.name());
            outline.setAttribute("title", source.name());
            outline.setAttribute("xmlUrl", source.url().toString());
            if (!source.tags().isEmpty()) {
                outline.setAttribute("category", String.join(",", source.tags()));
            }
            body.appendChild(outline);
        }
        try {
            final TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            final Transformer out = factory.newTransformer();
            out.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            out.setOutputProperty(OutputKeys.INDENT, "yes");
            out.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            final StringWriter text = new StringWriter();
            out.transform(new DOMSource(doc), new StreamResult(text));
            return text.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write OPML: " + e.getMessage(), e);
        }
    }

    private static void walk(Element parent, List<String> folders, Set<String> ids, List<Map<String, Object>> sources,
            List<Skipped> skipped) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element outline) || !outline.getTagName().equals("outline")) {
                continue;
            }
            final String title = firstNonBlank(outline.getAttribute("title"), outline.getAttribute("text"));
            final String xmlUrl = outline.getAttribute("xmlUrl").strip();
            final boolean hasChildren = child(outline, "outline") != null;
            if (xmlUrl.isEmpty()) {
                if (hasChildren) {
                    final List<String> inner = new ArrayList<>(folders);
                    if (title != null) {
                        inner.add(title);
                    }
                    walk(outline, inner, ids, sources, skipped);
                } else {
                    skipped.add(new Skipped(title, null, "no xmlUrl: not a feed"));
                }
                continue;
            }
            final URI url = httpUrl(xmlUrl);
            if (url == null) {
                skipped.add(new Skipped(title, xmlUrl, "xmlUrl is not an absolute http or https URL"));
            } else {
                sources.add(draft(title, url, tags(folders, outline.getAttribute("category")), ids));
            }
            if (hasChildren) {
                walk(outline, folders, ids, sources, skipped);
            }
        }
    }

    private static Map<String, Object> draft(String title, URI url, List<String> tags, Set<String> ids) {
        final Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("id", uniqueId(title, url, ids));
        draft.put("name", title != null ? title : url.getHost());
        draft.put("kind", SourceKind.RSS.configName());
        draft.put("url", url.toString());
        draft.put("schedule", DEFAULT_SCHEDULE);
        if (!tags.isEmpty()) {
            draft.put("tags", tags);
        }
        return draft;
    }

    /** An id from the title, else the host, else {@code feed}; {@code -2}, {@code -3}... when taken. */
    static String uniqueId(String title, URI url, Set<String> ids) {
        String base = slug(title);
        if (base.isEmpty()) {
            base = slug(url.getHost().replaceFirst("^www\\.", ""));
        }
        if (base.isEmpty()) {
            base = "feed";
        }
        String id = base;
        for (int n = 2; ids.contains(id); n++) {
            final String suffix = "-" + n;
            id = trimDashes(base.substring(0, Math.min(base.length(), MAX_ID - suffix.length()))) + suffix;
        }
        ids.add(id);
        return id;
    }

    private static String slug(String text) {
        if (text == null) {
            return "";
        }
        final String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        final String s = trimDashes(NOT_ID.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-"));
        return trimDashes(s.substring(0, Math.min(s.length(), MAX_ID)));
    }

    private static String trimDashes(String s) {
        return s.replaceAll("^-+|-+$", "");
    }

    /** Folder titles, then the category paths' parts, cleaned to what tags allow; no repeats; at most MAX_TAGS. */
    static List<String> tags(List<String> folders, String category) {
        final List<String> raw = new ArrayList<>(folders);
        for (String path : category.split(",")) {
            for (String part : path.split("/")) {
                raw.add(part);
            }
        }
        final List<String> tags = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (String r : raw) {
            String tag = EDGES.matcher(NOT_TAG.matcher(r.strip()).replaceAll(" ").replaceAll("\\s+", " ")).replaceAll("");
            if (tag.codePointCount(0, tag.length()) > SourceConfig.MAX_TAG_CHARS) {
                tag = EDGES.matcher(tag.substring(0, tag.offsetByCodePoints(0, SourceConfig.MAX_TAG_CHARS)))
                        .replaceAll("");
            }
            if (!tag.isEmpty() && seen.add(tag.toLowerCase(Locale.ROOT)) && tags.size() < SourceConfig.MAX_TAGS) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static URI httpUrl(String text) {
        try {
            final URI url = new URI(text);
            final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Document parse(String xml) {
        try {
            return newBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new IllegalArgumentException("not an OPML document: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed: " + e, e);
        }
    }

    /** A namespace-unaware parser that refuses DTDs and never loads anything from outside. */
    private static DocumentBuilder newBuilder() {
        try {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            final DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() { // no "[Fatal Error]" lines on stderr; the exception says it
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
