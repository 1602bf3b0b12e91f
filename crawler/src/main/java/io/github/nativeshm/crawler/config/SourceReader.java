/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.crawler.model.SourceStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates the {@code sources:} list of a config file; see {@link ConfigReader}. */
final class SourceReader {
    private static final List<String> SOURCE_KEYS = List.of("id", "name", "kind", "url", "schedule", "maxItems",
            "scoreUnit", "tags", "headers", "timeFormat", "timeZone", "selectors", "pointers");
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,31}");
    private static final Pattern SCORE_UNIT = Pattern.compile("\\p{L}+");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}_ -]*[\\p{L}\\p{M}\\p{N}])?");
    private static final String TAG_RULE = "a tag has 1 to " + SourceConfig.MAX_TAG_CHARS + " characters: letters "
            + "and digits, with '-', '_' or spaces inside (no commas), like 'news' or '中文'";
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // java.net.http refuses to let callers set these; refuse them here, at start-up.
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");
    private static final String URL_RULE = "only absolute http and https URLs with a host are allowed, "
            + "like 'https://example.com/feed'";

    private SourceReader() {
    }

    /** Where an id was first seen: the file, and the source's 1-based position in it. */
    record Seen(String file, int number) {
    }

    /**
     * Reads the {@code sources:} list of a file.
     *
     * @param seen     the ids read so far, in this file and the ones before it; this file's are added
     * @param required whether the list must be there and hold a source (a config file without a
     *                 sources file besides it)
     */
    static List<SourceConfig> readAll(Fields top, Problems problems, Map<String, Seen> seen, boolean required) {
        final JsonNode list = top.raw("sources");
        if (list == null) {
            if (required) {
                top.problem("sources", "missing; list at least one source");
            }
            return List.of();
        }
        if (!list.isArray()) {
            top.problem("sources", "expected a list of sources, got " + Fields.describe(list));
            return List.of();
        }
        if (list.isEmpty() && required) {
            top.problem("sources", "the list is empty; list at least one source");
        }
        final List<SourceConfig> sources = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            read(list.get(i), i + 1, seen, problems).ifPresent(sources::add);
        }
        return sources;
    }

    /** Reads source #{@code number} of a file; empty (with its problems recorded) when it is not valid. */
    static Optional<SourceConfig> read(JsonNode node, int number, Map<String, Seen> seen, Problems problems) {
        if (!node.isObject()) {
            problems.add("#" + number, null, node.isValueNode() ? node.asText() : null, "expected a mapping with the keys "
                    + String.join(", ", SOURCE_KEYS) + ", got " + Fields.describe(node));
            return Optional.empty();
        }
        final int before = problems.count();
        final JsonNode idNode = node.get("id");
        final boolean named = idNode != null && idNode.isValueNode() && ID.matcher(idNode.asText()).matches();
        final Fields f = new Fields(node, problems, named ? idNode.asText() : "#" + number, "");
        f.onlyKeys(SOURCE_KEYS);
        final Optional<String> id = f.required("id", "every source needs a unique id, like 'hn'")
                .flatMap(v -> f.apply("id", v, SourceReader::parseId));
        id.ifPresent(v -> {
            final Seen first = seen.putIfAbsent(v, new Seen(problems.file(), number));
            if (first != null) {
                f.problem("id", "duplicate id '" + v + "': source #" + first.number()
                        + (first.file().equals(problems.file()) ? "" : " of " + first.file()) + " already uses it");
            }
        });
        final Optional<String> name = f.text("name").filter(v -> {
            if (v.isBlank()) {
                f.problem("name", "invalid value '" + v + "': must not be blank; leave it out to use the id");
            }
            return !v.isBlank();
        });
        final Optional<SourceKind> kind = f.required("kind", "one of html, rss, json")
                .flatMap(v -> f.apply("kind", v, SourceReader::parseKind));
        final Optional<URI> url = f.required("url", "the absolute http or https URL to fetch")
                .flatMap(v -> f.apply("url", v, SourceReader::parseUrl));
        final Optional<Schedule> schedule = f.required("schedule", Schedule.RULE)
                .flatMap(v -> f.apply("schedule", v, Schedule::parse));
        final int maxItems = f.integer("maxItems", 1, SourceConfig.MAX_ITEMS_LIMIT, SourceConfig.DEFAULT_MAX_ITEMS);
        final String scoreUnit = f.parse("scoreUnit", SourceReader::parseScoreUnit)
                .orElse(SourceConfig.DEFAULT_SCORE_UNIT);
        final List<String> tags = readTags(f);
        final Map<String, String> headers = readHeaders(f);
        final Optional<String> timeFormat = f.parse("timeFormat", TimeFormats::checkedPattern);
        final ZoneId timeZone = f.parse("timeZone", TimeFormats::zone).orElse(ZoneOffset.UTC);
        final Optional<HtmlSelectors> selectors = f.mapping("selectors").flatMap(SelectorReader::selectors);
        final Optional<JsonPointers> pointers = f.mapping("pointers").flatMap(SelectorReader::pointers);
        kind.ifPresent(k -> {
            kindBlock(f, k, SourceKind.HTML, "selectors", "item, title and link");
            kindBlock(f, k, SourceKind.JSON, "pointers", "items, title and link");
        });
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SourceConfig(id.orElseThrow(), name.orElse(id.orElseThrow()), kind.orElseThrow(),
                url.orElseThrow(), schedule.orElseThrow(), maxItems, headers, timeFormat, timeZone, selectors,
                pointers, scoreUnit, tags));
    }

    /** Reports a kind-specific block that is missing for its kind, or present for another kind. */
    private static void kindBlock(Fields f, SourceKind kind, SourceKind owner, String key, String needed) {
        if (kind == owner && !f.has(key)) {
            f.problem(key, "missing; kind '" + owner.configName() + "' needs " + key + " for at least " + needed);
        } else if (kind != owner && f.has(key)) {
            f.problem(key, "not used by kind '" + kind.configName() + "'; remove it, or set kind to '"
                    + owner.configName() + "'");
        }
    }

    private static String parseId(String text) {
        if (!ID.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid id '" + text
                    + "': use 1 to 31 characters from a-z, 0-9 and '-', like 'hacker-news'");
        }
        return text;
    }

    private static SourceKind parseKind(String text) {
        return SourceKind.fromConfigName(text.trim()).orElseThrow(() -> new IllegalArgumentException(
                "invalid kind '" + text + "': must be one of html, rss, json (rss also reads Atom)"));
    }

    private static URI parseUrl(String text) {
        final URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + text + "': " + e.getReason()
                    + " at index " + e.getIndex() + "; " + URL_RULE);
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("invalid URL '" + text + "': " + URL_RULE);
        }
        final int bytes = uri.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SourceStatus.URL_BYTES) {
            throw new IllegalArgumentException("invalid URL '" + Problems.shorten(text) + "': it is " + bytes
                    + " bytes long, more than the " + SourceStatus.URL_BYTES + " bytes a source's URL may have");
        }
        return uri;
    }

    private static String parseScoreUnit(String text) {
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (!SCORE_UNIT.matcher(text).matches() || bytes > SourceConfig.MAX_SCORE_UNIT_BYTES) {
            throw new IllegalArgumentException("invalid scoreUnit '" + Problems.shorten(text) + "': use 1 to "
                    + SourceConfig.MAX_SCORE_UNIT_BYTES + " bytes of letters (UTF-8), like 'points' or 'stars'");
        }
        return text;
    }

    private static List<String> readTags(Fields f) {
        final JsonNode list = f.raw("tags");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            f.problem("tags", "expected a list of tags, like [news, tech], got " + Fields.describe(list));
            return List.of();
        }
        if (list.size() > SourceConfig.MAX_TAGS) {
            f.problem("tags", list.size() + " tags: a source has at most " + SourceConfig.MAX_TAGS);
        }
        final List<String> tags = new ArrayList<>();
        for (JsonNode element : list) {
            if (!element.isValueNode() || element.isNull()) {
                f.problem("tags", "expected a list of tags, got " + (element.isNull() ? "an empty entry"
                        : Fields.describe(element)) + " in it; " + TAG_RULE);
                continue;
            }
            final String tag = element.asText();
            final int chars = tag.codePointCount(0, tag.length());
            if (!TAG.matcher(tag).matches() || chars > SourceConfig.MAX_TAG_CHARS) {
                f.problem("tags", tag, "invalid tag '" + Problems.shorten(tag) + "': " + TAG_RULE);
            } else if (tags.contains(tag)) {
                f.problem("tags", tag, "duplicate tag '" + tag + "': give each tag once");
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static Map<String, String> readHeaders(Fields f) {
        final Map<String, String> headers = new LinkedHashMap<>();
        f.mapping("headers").ifPresent(h -> {
            for (Iterator<String> names = h.node().fieldNames(); names.hasNext(); ) {
                final String name = names.next();
                h.text(name).ifPresent(value -> {
                    if (!HEADER_NAME.matcher(name).matches()) {
                        h.problem(name, "invalid header name '" + name + "': use letters, digits and '-'");
                    } else if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        h.problem(name, "header '" + name + "' is set by the HTTP client and cannot be configured");
                    } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                        h.problem(name, "invalid header value: must be a single line");
                    } else {
                        headers.put(name, value);
                    }
                });
            }
        });
        return headers;
    }
}
