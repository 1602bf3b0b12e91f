/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.sources;

import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceKind;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import io.github.nativeshm.crawler.preview.Opml;
import io.github.nativeshm.crawler.preview.SourceDiscovery;
import io.github.nativeshm.crawler.preview.SourcePreview;
import io.micronaut.core.annotation.Introspected;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crawler's tools for making a source, behind the API: preview a draft, discover what a URL
 * is, OPML in and out. The preview and discovery keep their page cache while the fetch settings
 * stay the same.
 */
@Singleton
public class SourceTools implements AutoCloseable {
    /** The id a draft without one is previewed with. */
    static final String DRAFT_ID = "draft";
    private final SourceFiles files;
    private FetchSettings settings;
    private SourcePreview preview;
    private SourceDiscovery discovery;

    public SourceTools(SourceFiles files) {
        this.files = files;
    }

    /** The draft's items as the crawler would extract them now; 400 for an invalid draft. */
    public Object preview(Map<String, Object> draft) {
        Map<String, Object> complete = new LinkedHashMap<>(draft);
        complete.putIfAbsent("id", DRAFT_ID);
        SourceConfig source = files.validate(complete);
        return previewer().preview(source);
    }

    /** What {@code url} is (html, rss or json) and the feeds it links to; 400 for a URL that is not http(s). */
    public Object discover(Object url) {
        URI uri = httpUrl(url);
        return discoverer().discover(uri);
    }

    /** The feed sources of both files as OPML. */
    public String exportOpml() {
        try {
            return Opml.exportOpml(files.read().sources().stream().filter(source -> source.kind() == SourceKind.RSS)
                    .toList());
        } catch (ConfigException e) {
            throw SourceError.conflict("the config has problems, so it cannot be exported: "
                    + String.join("; ", e.lines()));
        }
    }

    /** What an OPML import did. */
    @Introspected
    public record Imported(List<String> created, List<Skipped> skipped) {
    }

    /** An outline not imported, and why. */
    @Introspected
    public record Skipped(String title, String url, String reason) {
    }

    /** Adds the feeds of an OPML document as the API's sources; ids already taken get a number. */
    public Imported importOpml(String xml) {
        Opml.Import read;
        try {
            read = Opml.importOpml(xml, files.takenIds());
        } catch (IllegalArgumentException e) {
            throw SourceError.invalidField("body", abbreviate(xml), "not an OPML document: " + e.getMessage());
        }
        List<Skipped> skipped = new ArrayList<>();
        read.skipped().forEach(each -> skipped.add(new Skipped(each.title(), each.url(), each.reason())));
        List<Map<String, Object>> valid = new ArrayList<>();
        for (Map<String, Object> draft : read.sources()) {
            try {
                files.validate(draft);
                valid.add(draft);
            } catch (SourceError e) {
                skipped.add(new Skipped(String.valueOf(draft.get("name")), String.valueOf(draft.get("url")),
                        e.getMessage()));
            }
        }
        return new Imported(files.createAll(valid, SourceTools::nextId), skipped);
    }

    /** {@code id-2}, {@code id-3}, ... within the 32 bytes an id may have. */
    static String nextId(String id) {
        java.util.regex.Matcher numbered = java.util.regex.Pattern.compile("(.*)-(\\d+)").matcher(id);
        String base = numbered.matches() ? numbered.group(1) : id;
        int next = numbered.matches() ? Integer.parseInt(numbered.group(2)) + 1 : 2;
        String suffix = "-" + next;
        return (base.length() + suffix.length() > 32 ? base.substring(0, 32 - suffix.length()) : base) + suffix;
    }

    private synchronized SourcePreview previewer() {
        refresh();
        return preview;
    }

    private synchronized SourceDiscovery discoverer() {
        refresh();
        return discovery;
    }

    private void refresh() {
        FetchSettings now = files.settings();
        if (!now.equals(settings)) {
            if (preview != null) {
                preview.close();
            }
            settings = now;
            preview = new SourcePreview(now);
            discovery = preview.discovery(); // one fetcher and page cache for both
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (preview != null) {
            preview.close();
        }
    }

    private static URI httpUrl(Object url) {
        String text = url == null ? null : url.toString();
        String rule = "an absolute http or https URL";
        if (text == null || text.isBlank()) {
            throw SourceError.invalidField("url", null, "missing: " + rule);
        }
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw SourceError.invalidField("url", abbreviate(text), "'" + abbreviate(text) + "' is not " + rule);
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
