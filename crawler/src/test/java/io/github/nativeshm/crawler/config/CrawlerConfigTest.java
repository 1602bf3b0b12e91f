/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrawlerConfigTest {
    @Test
    void defaultConfigHasTheFourPublicSources() {
        final CrawlerConfig config = CrawlerConfig.defaults();
        assertEquals(List.of("hn", "github-trending", "lobsters", "v2ex-hot"),
                config.sources().stream().map(SourceConfig::id).toList());
        final SourceConfig hn = config.source("hn").orElseThrow();
        assertEquals(SourceKind.HTML, hn.kind());
        assertEquals(URI.create("https://news.ycombinator.com/"), hn.url());
        assertEquals("Hacker News", hn.name());
        assertEquals(Duration.ofMinutes(15), ((Schedule.Every) hn.schedule()).interval());
        assertEquals(Optional.of(new Detail(Optional.empty())), hn.selectors().orElseThrow().detail());
        assertEquals(SourceKind.RSS, config.source("lobsters").orElseThrow().kind());
        assertEquals(SourceKind.JSON, config.source("v2ex-hot").orElseThrow().kind());
        assertEquals(Map.of("Accept-Language", "en-US,en;q=0.8"),
                config.source("github-trending").orElseThrow().headers());
        assertTrue(config.source("nope").isEmpty());
        assertEquals(List.of("points", "stars", "points", SourceConfig.DEFAULT_SCORE_UNIT),
                config.sources().stream().map(SourceConfig::scoreUnit).toList(), "what each site's scores count");
    }

    @Test
    void defaultSchedulesArePolite() {
        for (SourceConfig s : CrawlerConfig.defaults().sources()) {
            final Duration gap = Duration.between(s.schedule().next(java.time.Instant.EPOCH),
                    s.schedule().next(s.schedule().next(java.time.Instant.EPOCH)));
            assertTrue(gap.compareTo(Duration.ofMinutes(15)) >= 0 && gap.compareTo(Duration.ofMinutes(30)) <= 0,
                    s.id() + " runs every " + gap);
        }
    }

    @Test
    void defaultSettingsAreTheDocumentedDefaults() {
        assertEquals(FetchSettings.defaults(), CrawlerConfig.defaults().settings(),
                "the shipped file states every default, and states it right");
        final FetchSettings d = FetchSettings.defaults();
        assertEquals(Duration.ofSeconds(5), d.perHostDelay());
        assertEquals(Duration.ofSeconds(60), d.maxFetchTime());
        assertEquals(2, d.retries());
        assertEquals(5 << 20, d.maxBodySize());
        assertTrue(d.obeyRobots());
        assertTrue(d.userAgent().startsWith("native-shm-crawler/"));
    }

    @Test
    void defaultTextIsTheShippedFileVerbatim() throws IOException {
        try (InputStream in = CrawlerConfig.class.getResourceAsStream("/default-config.yaml")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), CrawlerConfig.defaultText());
        }
        assertTrue(CrawlerConfig.defaultText().startsWith("# native-shm crawler"));
    }

    @Test
    void readsEverySetting() throws ConfigException {
        final CrawlerConfig config = CrawlerConfig.load(resource("full-settings.yaml"));
        final FetchSettings s = config.settings();
        assertEquals("ExampleBot/2.0 (+https://example.com/bot)", s.userAgent());
        assertEquals(Duration.ofMillis(500), s.perHostDelay());
        assertEquals(2, s.perHostConcurrency());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofMinutes(1), s.readTimeout());
        assertEquals(0, s.retries());
        assertEquals(Duration.ofSeconds(2), s.backoffBase());
        assertEquals(Duration.ofHours(1), s.backoffMax());
        assertEquals(512 * 1024, s.maxBodySize());
        assertEquals(Duration.ofSeconds(20), s.maxFetchTime());
        assertEquals(Duration.ofSeconds(30), s.maxRetryAfter());
        assertEquals(Duration.ofHours(6), s.robotsTtl());
        assertEquals(Duration.ofMinutes(1), s.robotsErrorTtl());
        assertEquals(Duration.ofSeconds(10), s.maxCrawlDelay());
        assertEquals(0, s.maxRedirects());
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("proxy.example.com", 3128)), s.proxy());
        assertFalse(s.obeyRobots());
        assertEquals(StandardCharsets.ISO_8859_1, s.defaultCharset());
    }

    @Test
    void leavesOutWhatDefaults() throws ConfigException {
        final CrawlerConfig config = CrawlerConfig.parse("""
                sources:
                  - id: feed
                    kind: rss
                    url: https://example.com/feed.xml
                    schedule: 1h
                """, "minimal.yaml");
        assertEquals(FetchSettings.defaults(), config.settings());
        final SourceConfig feed = config.sources().get(0);
        assertEquals("feed", feed.name());
        assertEquals(SourceConfig.DEFAULT_MAX_ITEMS, feed.maxItems());
        assertEquals(Map.of(), feed.headers());
        assertTrue(feed.selectors().isEmpty() && feed.pointers().isEmpty());
        assertEquals(Optional.empty(), feed.timeFormat());
        assertEquals(ZoneOffset.UTC, feed.timeZone());
    }

    @Test
    void readsTimeFormatAndZone() throws ConfigException {
        final SourceConfig slashdot = CrawlerConfig.parse("""
                sources:
                  - id: slashdot
                    kind: html
                    url: https://slashdot.org/
                    schedule: 1h
                    timeFormat: "EEEE MMMM d, yyyy '@'hh:mma"
                    timeZone: America/New_York
                    selectors: {item: article, title: h2 a, link: h2 a, time: time}
                """, "slashdot.yaml").sources().get(0);
        assertEquals(Optional.of("EEEE MMMM d, yyyy '@'hh:mma"), slashdot.timeFormat());
        assertEquals(ZoneId.of("America/New_York"), slashdot.timeZone());
    }

    @Test
    void readsFieldMappingsAndAttributeSuffixes() throws ConfigException {
        final HtmlSelectors sel = CrawlerConfig.defaults().source("github-trending").orElseThrow()
                .selectors().orElseThrow();
        assertEquals("h2 a, h1 a", sel.link().query().text());
        assertEquals(Optional.of("href"), sel.link().attribute());
        final FieldSelector author = sel.author().orElseThrow();
        assertEquals(Optional.of("href"), author.attribute());
        assertEquals("^/([^/]+)/", author.pattern().orElseThrow().pattern());
        final FieldSelector time = CrawlerConfig.defaults().source("hn").orElseThrow().selectors().orElseThrow()
                .time().orElseThrow();
        assertEquals("span.age", time.query().text());
        assertEquals(Optional.of("title"), time.attribute());
        // The @ suffix applies to the whole selector list.
        assertEquals(new FieldSelector(CssQuery.parse("h2 a, h1 a"), Optional.of("href"), Optional.empty()),
                FieldSelector.parse("h2 a, h1 a@href"));
    }

    @Test
    void missingFileIsOneClearProblem(@TempDir Path dir) {
        final Path missing = dir.resolve("nope.yaml");
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.load(missing));
        assertEquals(1, e.lines().size());
        assertTrue(e.getMessage().startsWith(missing + ": cannot read the file: java.nio.file.NoSuchFileException"),
                e.getMessage());
    }

    @Test
    void loadNamesTheFileAsGiven(@TempDir Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("crawler.yaml"), "sources: []\n");
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.load(file));
        assertEquals(List.of(file + ": field 'sources': the list is empty; list at least one source"), e.lines());
    }

    @Test
    void aDeviceAFifoADirectoryAndAFileAboveOneMebibyteAreRefusedAtOnce(@TempDir Path dir) throws Exception {
        final String rule = "a config must be a regular file of at most 2097152 bytes (2 MiB)";
        final Path fifo = dir.resolve("config.fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        final Path big = dir.resolve("big.yaml");
        try (var out = Files.newOutputStream(big)) {
            out.write("sources: []\n#".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[3 << 20]); // 3 MiB more: a comment of NULs, never read
        }
        final Map<Path, String> expected = Map.of(
                Path.of("/dev/zero"), "not a regular file but a device, FIFO or socket; " + rule,
                fifo, "not a regular file but a device, FIFO or socket; " + rule,
                dir, "not a regular file but a directory; " + rule,
                big, "the file is " + Files.size(big) + " bytes; " + rule);
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            // A FIFO nobody writes would block an open for ever: the check must come first.
            final ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThrows(ConfigException.class, () -> CrawlerConfig.load(file.getKey())));
            assertEquals(List.of(new ConfigProblem(file.getKey().toString(), null, null, null, file.getValue())),
                    e.problems());
            assertEquals(List.of(file.getKey() + ": " + file.getValue()), e.lines());
        }
    }

    @Test
    void aFileOfExactlyOneMebibyteIsRead(@TempDir Path dir) throws IOException {
        final String yaml = "sources: []\n#";
        final Path file = Files.writeString(dir.resolve("full.yaml"),
                yaml + "x".repeat(CrawlerConfig.MAX_FILE_BYTES - yaml.length()));
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.load(file));
        assertEquals(List.of(file + ": field 'sources': the list is empty; list at least one source"), e.lines(),
                "read and parsed, not refused for its size");
    }

    @Test
    void problemsComeInPartsForProgramsToShow() {
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.parse("""
                settings: {retries: lots}
                sources:
                  - {id: hn, kind: rss, url: 'ftp://x/', schedule: 1h, maxItems: [1]}
                  - {id: Bad_Id, kind: rss, url: 'https://x/', schedule: 1h, headers: {Host: x}}
                  - hn
                """, "sources.yaml"));
        assertEquals(List.of(
                new ConfigProblem("sources.yaml", null, "settings.retries", "lots",
                        "invalid value 'lots': must be a whole number from 0 to 10"),
                new ConfigProblem("sources.yaml", "hn", "url", "ftp://x/", "invalid URL 'ftp://x/': only absolute "
                        + "http and https URLs with a host are allowed, like 'https://example.com/feed'"),
                new ConfigProblem("sources.yaml", "hn", "maxItems", null, "expected a single value, got a list"),
                new ConfigProblem("sources.yaml", "#2", "id", "Bad_Id",
                        "invalid id 'Bad_Id': use 1 to 31 characters from a-z, 0-9 and '-', like 'hacker-news'"),
                new ConfigProblem("sources.yaml", "#2", "headers.Host", "x",
                        "header 'Host' is set by the HTTP client and cannot be configured"),
                new ConfigProblem("sources.yaml", "#3", null, "hn", "expected a mapping with the keys id, name, kind, "
                        + "url, schedule, maxItems, scoreUnit, tags, headers, timeFormat, timeZone, selectors, pointers, "
                        + "got 'hn'")), e.problems());
        assertEquals("sources.yaml: settings: field 'retries': invalid value 'lots': must be a whole number from 0 "
                + "to 10", e.problems().get(0).line());
        assertEquals("sources.yaml: source #2: field 'headers.Host': header 'Host' is set by the HTTP client and "
                + "cannot be configured", e.problems().get(4).line());
    }

    private static Path resource(String name) {
        return Path.of(URI.create(CrawlerConfigTest.class.getResource("/config/" + name).toString()));
    }
}
