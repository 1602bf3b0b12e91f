/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates a whole config file. YAML is parsed into a tree with Jackson and then walked
 * key by key, rather than bound to classes, so that every problem in the file is found in one
 * pass instead of stopping at the first.
 */
final class ConfigReader {
    private static final List<String> TOP_KEYS = List.of("settings", "sources");
    private static final List<String> SOURCES_FILE_KEYS = List.of("sources");
    private static final List<String> SETTINGS_KEYS = List.of("userAgent", "perHostDelay", "perHostConcurrency",
            "connectTimeout", "readTimeout", "maxFetchTime", "retries", "backoffBase", "backoffMax",
            "maxRetryAfter", "maxBodySize", "maxRedirects", "proxy", "obeyRobots", "robotsTtl", "robotsErrorTtl",
            "maxCrawlDelay", "defaultCharset");
    private static final Pattern USER_AGENT = Pattern.compile("[A-Za-z_-]+[^\r\n]*");

    // A YAML key given twice would otherwise silently keep the last value.
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ConfigReader() {
    }

    static CrawlerConfig read(String text, String file) throws ConfigException {
        return read(text, file, null, null);
    }

    /**
     * Reads a config file and, when {@code sourcesText} is not null, a sources file besides it: a
     * file holding only a {@code sources:} list, whose ids must differ from the config file's.
     * With a sources file, either list may be empty. Every problem of both is reported at once.
     */
    static CrawlerConfig read(String text, String file, String sourcesText, String sourcesFile)
            throws ConfigException {
        final List<ConfigProblem> all = new ArrayList<>();
        final Map<String, SourceReader.Seen> seen = new HashMap<>();
        final Problems problems = new Problems(file);
        FetchSettings settings = FetchSettings.defaults();
        final List<SourceConfig> sources = new ArrayList<>();
        final Optional<Fields> top = topLevel(text, file, problems, TOP_KEYS);
        if (top.isPresent()) {
            settings = readSettings(top.get().mapping("settings").map(Fields::node).orElseGet(YAML::createObjectNode),
                    problems);
            sources.addAll(SourceReader.readAll(top.get(), problems, seen, sourcesText == null));
        }
        all.addAll(problems.list());
        if (sourcesText != null) {
            final Problems more = new Problems(sourcesFile);
            topLevel(sourcesText, sourcesFile, more, SOURCES_FILE_KEYS)
                    .ifPresent(t -> sources.addAll(SourceReader.readAll(t, more, seen, false)));
            all.addAll(more.list());
        }
        if (!all.isEmpty()) {
            throw new ConfigException(all);
        }
        return new CrawlerConfig(settings, sources);
    }

    /** The top-level mapping of a file, its keys checked; empty (with the problem recorded) when there is none. */
    private static Optional<Fields> topLevel(String text, String file, Problems problems, List<String> keys) {
        final JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(null, null, null, "not valid YAML" + where + ": " + oneLine(e.getOriginalMessage()));
            return Optional.empty();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(null, null, null, "the file is empty; expected the keys " + String.join(", ", keys));
            return Optional.empty();
        }
        if (!root.isObject()) {
            problems.add(null, null, null, "expected a mapping with the keys " + String.join(", ", keys)
                    + ", got " + Fields.describe(root));
            return Optional.empty();
        }
        final Fields top = new Fields(root, problems, null, "");
        top.onlyKeys(keys);
        return Optional.of(top);
    }

    /** Reads one draft source, as if it were the only entry of a file named {@code file}. */
    static SourceConfig readDraft(JsonNode draft, String file) throws ConfigException {
        final Problems problems = new Problems(file);
        final Optional<SourceConfig> source = SourceReader.read(draft, 1, new HashMap<>(), problems);
        problems.throwIfAny();
        return source.orElseThrow();
    }

    /** @return the YAML mapper every config file is read with */
    static YAMLMapper yaml() {
        return YAML;
    }

    /** SnakeYAML's messages quote the source over several indented lines; keep the unindented sentences. */
    private static String oneLine(String message) {
        return String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .toList());
    }

    private static FetchSettings readSettings(JsonNode block, Problems problems) {
        final Fields s = new Fields(block, problems, null, "settings.");
        s.onlyKeys(SETTINGS_KEYS);
        final FetchSettings d = FetchSettings.defaults();
        final Duration millisecond = Duration.ofMillis(1);
        // Read in the documented order of the keys, so that problems are reported in that order.
        final FetchSettings.Builder settings = FetchSettings.builder()
                .userAgent(s.text("userAgent").filter(ua -> checkUserAgent(s, ua)).orElse(d.userAgent()))
                .perHostDelay(s.duration("perHostDelay", Duration.ZERO, d.perHostDelay()))
                .perHostConcurrency(s.integer("perHostConcurrency", 1, FetchSettings.MAX_PER_HOST_CONCURRENCY,
                        d.perHostConcurrency()))
                .connectTimeout(s.duration("connectTimeout", millisecond, d.connectTimeout()))
                .readTimeout(s.duration("readTimeout", millisecond, d.readTimeout()))
                .maxFetchTime(s.duration("maxFetchTime", millisecond, d.maxFetchTime()))
                .retries(s.integer("retries", 0, FetchSettings.MAX_RETRIES, d.retries()));
        final Duration backoffBase = s.duration("backoffBase", millisecond, d.backoffBase());
        final Duration backoffMax = s.duration("backoffMax", millisecond, d.backoffMax());
        if (backoffMax.compareTo(backoffBase) < 0) {
            s.problem("backoffMax", "invalid duration '" + Units.format(backoffMax)
                    + "': must be at least backoffBase, which is '" + Units.format(backoffBase) + "'");
        } else {
            settings.backoff(backoffBase, backoffMax);
        }
        settings.maxRetryAfter(s.duration("maxRetryAfter", Duration.ZERO, d.maxRetryAfter()))
                .maxBodySize(s.parse("maxBodySize", ConfigReader::parseBodySize).orElse(d.maxBodySize()))
                .maxRedirects(s.integer("maxRedirects", 0, FetchSettings.MAX_REDIRECTS, d.maxRedirects()));
        s.parse("proxy", text -> proxy(settings, text));
        settings.obeyRobots(s.bool("obeyRobots", d.obeyRobots()))
                .robotsTtl(s.duration("robotsTtl", millisecond, d.robotsTtl()),
                        s.duration("robotsErrorTtl", millisecond, d.robotsErrorTtl()))
                .maxCrawlDelay(s.duration("maxCrawlDelay", Duration.ZERO, d.maxCrawlDelay()))
                .defaultCharset(s.parse("defaultCharset", ConfigReader::parseCharset).orElse(d.defaultCharset()));
        return settings.build();
    }

    // robots.txt groups are matched against the leading product token, so there must be one.
    private static boolean checkUserAgent(Fields s, String ua) {
        if (!USER_AGENT.matcher(ua).matches()) {
            s.problem("userAgent", "invalid value '" + ua + "': must be one line starting with a product name "
                    + "of letters, '_' or '-', like '" + FetchSettings.DEFAULT_USER_AGENT + "'");
            return false;
        }
        return true;
    }

    private static int parseBodySize(String text) {
        final long size;
        try {
            size = Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + e.getMessage());
        }
        if (size < FetchSettings.MIN_BODY_SIZE || size > FetchSettings.MAX_BODY_SIZE) {
            throw new IllegalArgumentException("invalid size '" + text + "': must be from 1KB to 1GB");
        }
        return (int) size;
    }

    /** Sets the proxy with the settings' own parser, reporting a bad one in the config's words. */
    private static FetchSettings.Builder proxy(FetchSettings.Builder settings, String text) {
        try {
            return settings.proxy(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid proxy '" + text
                    + "': expected host:port with a port from 1 to 65535, like 'proxy.example.com:3128'");
        }
    }

    private static Charset parseCharset(String text) {
        try {
            return Charset.forName(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid charset '" + text
                    + "': not supported by this JVM; use a name like UTF-8, ISO-8859-1 or windows-1252");
        }
    }
}
