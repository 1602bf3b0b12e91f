/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Tags, the sources file besides the config ({@code --sources}), drafts, and writing the sources file. */
class SourcesAndTagsTest {
    private static final String TAG_RULE = "a tag has 1 to 32 characters: letters and digits, with '-', '_' or "
            + "spaces inside (no commas), like 'news' or '中文'";

    private static String source(String id, String extra) {
        return """
                  - id: %s
                    kind: rss
                    url: https://example.com/%s.xml
                    schedule: 15m
                """.formatted(id, id) + extra;
    }

    private static final String SETTINGS = "settings: {perHostDelay: 1s}\n";

    @Test
    void tagsAreReadInOrderAndPublishedJoined() throws ConfigException {
        final CrawlerConfig config = CrawlerConfig.parse("sources:\n" + source("a", "    tags: [news, 中文, big data, "
                + "c_2, x-y]\n") + source("b", ""), "c.yaml");
        assertEquals(List.of("news", "中文", "big data", "c_2", "x-y"), config.sources().get(0).tags());
        assertEquals("news,中文,big data,c_2,x-y", config.sources().get(0).joinedTags());
        assertEquals(List.of(), config.sources().get(1).tags());
        assertEquals("news,tech", CrawlerConfig.defaults().source("hn").orElseThrow().joinedTags());
    }

    @Test
    void badTagsAreRefusedOneProblemEach() {
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.parse("sources:\n"
                + source("a", "    tags: [ok, 'a,b', ' pad', news, news, '', '" + "x".repeat(33) + "', [1]]\n")
                + source("b", "    tags: news\n")
                + source("c", "    tags: [a, b, c, d, e, f, g, h, i]\n"), "c.yaml"));
        assertEquals(List.of(
                "c.yaml: source 'a': field 'tags': invalid tag 'a,b': " + TAG_RULE,
                "c.yaml: source 'a': field 'tags': invalid tag ' pad': " + TAG_RULE,
                "c.yaml: source 'a': field 'tags': duplicate tag 'news': give each tag once",
                "c.yaml: source 'a': field 'tags': invalid tag '': " + TAG_RULE,
                "c.yaml: source 'a': field 'tags': invalid tag '" + "x".repeat(33) + "': " + TAG_RULE,
                "c.yaml: source 'a': field 'tags': expected a list of tags, got a list in it; " + TAG_RULE,
                "c.yaml: source 'b': field 'tags': expected a list of tags, like [news, tech], got 'news'",
                "c.yaml: source 'c': field 'tags': 9 tags: a source has at most 8"), e.lines());
        assertEquals("a,b", e.problems().get(0).value(), "the bad tag is the problem's value");
    }

    @Test
    void aSourcesFileAddsSourcesAndMayBeEmpty(@TempDir Path dir) throws Exception {
        final Path config = write(dir, "config.yaml", SETTINGS + "sources:\n" + source("a", ""));
        final Path sources = write(dir, "sources.yaml", "sources:\n" + source("b", "    tags: [mine]\n"));
        final CrawlerConfig both = CrawlerConfig.read(Optional.of(config), Optional.of(sources));
        assertEquals(List.of("a", "b"), both.sources().stream().map(SourceConfig::id).toList());
        assertEquals(1000, both.settings().perHostDelay().toMillis());

        final Path empty = write(dir, "empty.yaml", "sources: []\n");
        assertEquals(1, CrawlerConfig.read(Optional.of(config), Optional.of(empty)).sources().size());
        final Path settingsOnly = write(dir, "settings-only.yaml", SETTINGS);
        assertEquals(List.of("b"), CrawlerConfig.read(Optional.of(settingsOnly), Optional.of(sources)).sources()
                .stream().map(SourceConfig::id).toList(), "with a sources file, the config may list none");
        assertEquals(0, CrawlerConfig.read(Optional.of(settingsOnly), Optional.of(empty)).sources().size());
        assertEquals(5, CrawlerConfig.read(Optional.empty(), Optional.of(sources)).sources().size(),
                "the shipped default's four, and b");
    }

    @Test
    void aDuplicateIdAcrossTheFilesNamesBoth(@TempDir Path dir) throws Exception {
        final Path config = write(dir, "config.yaml", "sources:\n" + source("a", "") + source("b", ""));
        final Path sources = write(dir, "sources.yaml", "sources:\n" + source("c", "") + source("b", "")
                + "settings: {}\n");
        final ConfigException e = assertThrows(ConfigException.class,
                () -> CrawlerConfig.read(Optional.of(config), Optional.of(sources)));
        assertEquals(List.of(
                sources + ": field 'settings': unknown key; known keys: sources",
                sources + ": source 'b': field 'id': duplicate id 'b': source #2 of " + config + " already uses it"),
                e.lines());
    }

    @Test
    void problemsOfBothFilesComeTogether(@TempDir Path dir) throws Exception {
        final Path config = write(dir, "config.yaml", "sources:\n" + source("a", "    maxItems: 0\n"));
        final Path missing = dir.resolve("missing.yaml");
        final ConfigException e = assertThrows(ConfigException.class,
                () -> CrawlerConfig.read(Optional.of(config), Optional.of(missing)));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.lines().get(0).startsWith(missing + ": cannot read the file: "), e.getMessage());
        assertEquals(config + ": source 'a': field 'maxItems': invalid value '0': must be a whole number from 1 to 1000",
                e.lines().get(1));
    }

    @Test
    void aDraftGetsTheFileReadersMessages(@TempDir Path dir) throws Exception {
        final Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("id", "Bad_Id");
        draft.put("kind", "html");
        draft.put("url", "ftp://x");
        draft.put("schedule", "500ms");
        draft.put("maxItems", 0);
        draft.put("tags", List.of("ok", "a,b"));
        draft.put("selectors", Map.of("item", "li", "title", "a[", "link", "a"));
        draft.put("colour", "red");
        final ConfigException fromDraft = assertThrows(ConfigException.class,
                () -> SourceDrafts.read(draft, FetchSettings.defaults()));
        SourcesFile.write(dir.resolve("sources.yaml"), List.of(draft));
        final ConfigException fromFile = assertThrows(ConfigException.class,
                () -> CrawlerConfig.read(Optional.of(write(dir, "c.yaml", "{}")), Optional.of(dir.resolve("sources.yaml"))));
        assertEquals(fromFile.problems().stream().map(p -> new ConfigProblem("draft", p.source(), p.field(), p.value(),
                p.message())).toList(), fromDraft.problems(), "the same problems, in the same order");
        assertEquals(7, fromDraft.problems().size(), fromDraft.getMessage());
        assertEquals("draft: source #1: field 'colour': unknown key; known keys: id, name, kind, url, schedule, "
                + "maxItems, scoreUnit, tags, headers, timeFormat, timeZone, selectors, pointers", fromDraft.lines().get(0));

        final Map<String, Object> good = new LinkedHashMap<>(Map.of("id", "ok", "kind", "rss",
                "url", "https://example.com/feed", "schedule", "15m", "tags", List.of("x")));
        final SourceConfig read = SourceDrafts.read(good, FetchSettings.defaults());
        assertEquals("ok", read.id());
        assertEquals(List.of("x"), read.tags());
    }

    @Test
    void writeThenReadBackGivesTheSameEntriesAndSources(@TempDir Path dir) throws Exception {
        final List<Map<String, Object>> entries = new ArrayList<>();
        final Map<String, Object> html = new LinkedHashMap<>();
        html.put("id", "tricky");
        html.put("name", "yes");           // a YAML 1.1 boolean if unquoted
        html.put("kind", "html");
        html.put("url", "https://example.com/a?b=c#d");
        html.put("schedule", "*/5 * * * *"); // an alias if unquoted
        html.put("maxItems", 12);
        html.put("scoreUnit", "点");
        html.put("tags", List.of("news", "中文", "big data"));
        html.put("headers", Map.of("X-Note", "a: b # not a comment"));
        html.put("timeFormat", "yyyy-MM-dd");
        html.put("selectors", new LinkedHashMap<>(Map.of("item", "li.x", "title", "a", "link", "a@href",
                "score", "span:contains(1.5)")));
        entries.add(html);
        entries.add(new LinkedHashMap<>(Map.of("id", "n", "kind", "rss", "url", "https://e.org/f", "schedule", "30m", "name", "30")));
        final Path file = dir.resolve("sources.yaml");
        SourcesFile.write(file, entries);
        assertEquals(entries, SourcesFile.readRaw(file));
        final String text = Files.readString(file);
        assertTrue(text.startsWith(SourcesFile.HEADER), text);
        final CrawlerConfig read = CrawlerConfig.read(Optional.of(write(dir, "c.yaml", "{}")), Optional.of(file));
        assertEquals("yes", read.sources().get(0).name());
        assertEquals(List.of("news", "中文", "big data"), read.sources().get(0).tags());
        assertEquals("30", SourcesFile.readRaw(file).get(1).get("name"), "a string stays a string");

        SourcesFile.write(file, List.of());
        assertEquals(List.of(), SourcesFile.readRaw(file));
        assertEquals(SourcesFile.HEADER + "sources: []\n", Files.readString(file));
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "POSIX permissions")
    void writtenFilesAreOwnerOnlyAndNoTemporaryFileStays(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("sources.yaml");
        Files.writeString(file, "sources: []\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SourcesFile.write(file, List.of(Map.of("id", "a", "kind", "rss", "url", "https://e.org/", "schedule", "1h")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aWriteThatFailsBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("sources.yaml");
        SourcesFile.write(file, List.of(Map.of("id", "old", "kind", "rss", "url", "https://e.org/", "schedule", "1h")));
        final String before = Files.readString(file);
        final IOException e = assertThrows(IOException.class, () -> SourcesFile.write(file,
                List.of(Map.of("id", "new", "kind", "rss", "url", "https://e.org/", "schedule", "1h")),
                () -> {
                    throw new IOException("disk full, say");
                }));
        assertEquals("disk full, say", e.getMessage());
        assertEquals(before, Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "POSIX permissions")
    void aWriteIntoAReadOnlyDirectoryFailsAndLeavesTheOldFile(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("sources.yaml");
        SourcesFile.write(file, List.of(Map.of("id", "old", "kind", "rss", "url", "https://e.org/", "schedule", "1h")));
        final String before = Files.readString(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(dir)) {
                return; // root ignores permissions
            }
            assertThrows(IOException.class, () -> SourcesFile.write(file, List.of()));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(before, Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
