/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of bad config, with the exact lines a user sees. */
class ConfigErrorsTest {
    private static final String SOURCE_KEYS =
            "known keys: id, name, kind, url, schedule, maxItems, scoreUnit, tags, headers, timeFormat, timeZone, "
                    + "selectors, "
                    + "pointers";
    private static final String URL_RULE =
            "only absolute http and https URLs with a host are allowed, like 'https://example.com/feed'";

    @Test
    void reportsEveryProblemTogetherOnePerLine() {
        final Path path = Path.of(URI.create(getClass().getResource("/config/broken.yaml").toString()));
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.load(path));
        final String file = path.toString();
        assertEquals(List.of(
                file + ": settings: field 'colour': unknown key; known keys: userAgent, perHostDelay, "
                        + "perHostConcurrency, connectTimeout, readTimeout, maxFetchTime, retries, backoffBase, "
                        + "backoffMax, maxRetryAfter, maxBodySize, maxRedirects, proxy, obeyRobots, robotsTtl, "
                        + "robotsErrorTtl, maxCrawlDelay, defaultCharset",
                file + ": settings: field 'perHostDelay': invalid duration '2 secs': expected a whole number and "
                        + "a unit ms, s, m, h or d, like '500ms', '2s', '15m' or '1h'",
                file + ": settings: field 'retries': invalid value 'lots': must be a whole number from 0 to 10",
                file + ": source 'hn': field 'url': invalid URL 'ftp://news.ycombinator.com/': " + URL_RULE,
                file + ": source 'hn': field 'schedule': invalid schedule 'every 5 minutes': Cron expression "
                        + "contains 3 parts but we expect one of [5]; " + Schedule.RULE,
                file + ": source 'hn': field 'selectors.scor': unknown key; known keys: item, title, link, detail, "
                        + "score, comments, author, time",
                file + ": source 'hn': field 'selectors.title': invalid CSS selector 'a[': "
                        + "Did not find balanced marker at ''",
                file + ": source 'hn': field 'id': duplicate id 'hn': source #1 already uses it",
                file + ": source 'hn': field 'schedule': invalid schedule '500ms': intervals must be at least 1s",
                file + ": source #3: field 'id': invalid id 'Bad_Id': use 1 to 31 characters from a-z, 0-9 and "
                        + "'-', like 'hacker-news'",
                file + ": source #3: field 'kind': invalid kind 'xml': must be one of html, rss, json "
                        + "(rss also reads Atom)",
                file + ": source #3: field 'url': invalid URL '/relative': " + URL_RULE,
                file + ": source #3: field 'schedule': invalid schedule '61 * * * *': Value 61 not in range "
                        + "[0, 59]; " + Schedule.RULE,
                file + ": source #3: field 'maxItems': invalid value '0': must be a whole number from 1 to 1000"),
                e.lines());
        assertEquals(String.join("\n", e.lines()), e.getMessage());
    }

    @Test
    void unknownKeysListTheKnownOnes() {
        assertProblems("""
                source: []
                """,
                "config.yaml: field 'source': unknown key; known keys: settings, sources",
                "config.yaml: field 'sources': missing; list at least one source");
        assertProblems("""
                sources:
                  - id: hn
                    kind: html
                    url: https://news.ycombinator.com/
                    schedule: 15m
                    selecters: {item: tr.athing, title: a, link: a}
                """,
                "config.yaml: source 'hn': field 'selecters': unknown key; " + SOURCE_KEYS,
                "config.yaml: source 'hn': field 'selectors': missing; kind 'html' needs selectors for at least "
                        + "item, title and link");
        assertProblems(html("{item: tr, title: {select: a, atr: title}, link: a}"),
                "config.yaml: source 'x': field 'selectors.title.atr': unknown key; known keys: select, attr, pattern");
    }

    @Test
    void badSelectorsNameTheFieldAndJsoupsReason() {
        assertProblems(html("{item: 'tr..athing', title: 'a[', link: 'a@href', detail: 'prev-sibling'}"),
                "config.yaml: source 'x': field 'selectors.item': invalid CSS selector 'tr..athing': "
                        + "String must not be empty",
                "config.yaml: source 'x': field 'selectors.title': invalid CSS selector 'a[': "
                        + "Did not find balanced marker at ''",
                "config.yaml: source 'x': field 'selectors.detail': invalid detail 'prev-sibling': expected "
                        + "'next-sibling', optionally followed by a CSS selector");
        assertProblems(html("{item: tr, title: a, link: a, author: {select: 'h2 a', attr: 'a b', pattern: '('}}"),
                "config.yaml: source 'x': field 'selectors.author.attr': invalid attribute name 'a b': "
                        + "like 'href' or 'data-id'",
                "config.yaml: source 'x': field 'selectors.author.pattern': invalid regular expression '(': "
                        + "Unclosed group near index 1");
        assertProblems(html("{title: a}"),
                "config.yaml: source 'x': field 'selectors.item': missing; one element per item, like 'tr.athing'",
                "config.yaml: source 'x': field 'selectors.link': missing; kind 'html' needs it, like 'a.title' "
                        + "or 'a.title@href'");
    }

    @Test
    void badUrlsAreRefused() {
        assertProblems(source("url: ftp://example.com/feed"),
                "config.yaml: source 'x': field 'url': invalid URL 'ftp://example.com/feed': " + URL_RULE);
        assertProblems(source("url: 'https://'"),
                "config.yaml: source 'x': field 'url': invalid URL 'https://': Expected authority at index 8; "
                        + URL_RULE);
        assertProblems(source("url: https://exa mple.com/"),
                "config.yaml: source 'x': field 'url': invalid URL 'https://exa mple.com/': Illegal character in "
                        + "authority at index 8; " + URL_RULE);
        assertProblems(source("url: example.com/feed"),
                "config.yaml: source 'x': field 'url': invalid URL 'example.com/feed': " + URL_RULE);
    }

    @Test
    void aSourceUrlLongerThanItsStatusFieldIsRefusedQuotingItsStart() {
        final String start = "https://x.example/" + "a".repeat(82); // the 100 characters a message quotes
        final String url = start + "b".repeat(2049 - start.length());
        assertProblems(source("url: " + url),
                "config.yaml: source 'x': field 'url': invalid URL '" + start + "…': it is 2049 bytes long, "
                        + "more than the 2048 bytes a source's URL may have");
        final String longest = start + "b".repeat(2048 - start.length());
        assertDoesNotThrow(() -> CrawlerConfig.parse(source("url: " + longest), "config.yaml"));
    }

    @Test
    void scoreUnitIsAFewLetters() {
        final String rule = "use 1 to 15 bytes of letters (UTF-8), like 'points' or 'stars'";
        assertProblems(source("scoreUnit: stars today"),
                "config.yaml: source 'x': field 'scoreUnit': invalid scoreUnit 'stars today': " + rule);
        assertProblems(source("scoreUnit: pointsandmorepoints"),
                "config.yaml: source 'x': field 'scoreUnit': invalid scoreUnit 'pointsandmorepoints': " + rule);
        assertProblems(source("scoreUnit: \"\""),
                "config.yaml: source 'x': field 'scoreUnit': invalid scoreUnit '': " + rule);
        assertProblems(source("scoreUnit: 点赞点赞点赞"), // 6 characters, 18 bytes
                "config.yaml: source 'x': field 'scoreUnit': invalid scoreUnit '点赞点赞点赞': " + rule);
        assertDoesNotThrow(() -> CrawlerConfig.parse(source("scoreUnit: 点赞"), "config.yaml"));
    }

    @Test
    void badSchedulesSayWhatIsAllowed() {
        assertProblems(source("schedule: 500ms"),
                "config.yaml: source 'x': field 'schedule': invalid schedule '500ms': intervals must be at least 1s");
        assertProblems(source("schedule: often"),
                "config.yaml: source 'x': field 'schedule': invalid schedule 'often': " + Schedule.RULE);
        assertProblems(source("schedule: '0 25 * * *'"),
                "config.yaml: source 'x': field 'schedule': invalid schedule '0 25 * * *': Value 25 not in range "
                        + "[0, 23]; " + Schedule.RULE);
    }

    @Test
    void idsAreUniqueAndShort() {
        assertProblems("""
                sources:
                  - {id: a, kind: rss, url: 'https://a.example/', schedule: 1h}
                  - {id: b, kind: rss, url: 'https://b.example/', schedule: 1h}
                  - {id: a, kind: rss, url: 'https://c.example/', schedule: 1h}
                  - {id: this-id-is-much-too-long-to-be-used, kind: rss, url: 'https://d.example/', schedule: 1h}
                  - {kind: rss, url: 'https://e.example/', schedule: 1h}
                """,
                "config.yaml: source 'a': field 'id': duplicate id 'a': source #1 already uses it",
                "config.yaml: source #4: field 'id': invalid id 'this-id-is-much-too-long-to-be-used': use 1 to 31 "
                        + "characters from a-z, 0-9 and '-', like 'hacker-news'",
                "config.yaml: source #5: field 'id': missing; every source needs a unique id, like 'hn'");
    }

    @Test
    void maxItemsIsOneToAThousand() {
        assertProblems(source("maxItems: 1001"),
                "config.yaml: source 'x': field 'maxItems': invalid value '1001': must be a whole number "
                        + "from 1 to 1000");
        assertProblems(source("maxItems: many"),
                "config.yaml: source 'x': field 'maxItems': invalid value 'many': must be a whole number "
                        + "from 1 to 1000");
    }

    @Test
    void eachKindGetsExactlyItsOwnFields() {
        assertProblems(source("selectors: {item: tr, title: a, link: a}"),
                "config.yaml: source 'x': field 'selectors': not used by kind 'rss'; remove it, or set kind to 'html'");
        assertProblems("""
                sources:
                  - id: api
                    kind: json
                    url: https://api.example.com/items
                    schedule: 1h
                    pointers: {items: /data, title: title}
                """,
                "config.yaml: source 'api': field 'pointers.title': invalid JSON pointer 'title': must be empty "
                        + "(the whole document) or start with '/', like '/title'",
                "config.yaml: source 'api': field 'pointers.link': missing; kind 'json' needs it, like '/url'");
        assertProblems("""
                sources:
                  - {id: api, kind: json, url: 'https://api.example.com/', schedule: 1h}
                """,
                "config.yaml: source 'api': field 'pointers': missing; kind 'json' needs pointers for at least "
                        + "items, title and link");
    }

    @Test
    void badSettingsNameTheSetting() {
        assertProblems("""
                settings:
                  userAgent: "1337 bot"
                  maxFetchTime: 0s
                  maxCrawlDelay: soon
                  backoffBase: 10m
                  maxBodySize: 2 megs
                  proxy: localhost
                  obeyRobots: maybe
                  defaultCharset: klingon-8
                  perHostConcurrency: 0
                sources:
                  - {id: x, kind: rss, url: 'https://x.example/', schedule: 1h}
                """,
                "config.yaml: settings: field 'userAgent': invalid value '1337 bot': must be one line starting "
                        + "with a product name of letters, '_' or '-', like '" + FetchSettings.DEFAULT_USER_AGENT + "'",
                "config.yaml: settings: field 'perHostConcurrency': invalid value '0': must be a whole number "
                        + "from 1 to 16",
                "config.yaml: settings: field 'maxFetchTime': invalid duration '0s': must be at least 1ms",
                "config.yaml: settings: field 'backoffMax': invalid duration '30s': must be at least backoffBase, "
                        + "which is '10m'",
                "config.yaml: settings: field 'maxBodySize': invalid size '2 megs': expected a whole number of "
                        + "bytes, or with a unit KB, MB or GB (1KB = 1024 bytes), like '512KB' or '2MB'",
                "config.yaml: settings: field 'proxy': invalid proxy 'localhost': expected host:port with a "
                        + "port from 1 to 65535, like 'proxy.example.com:3128'",
                "config.yaml: settings: field 'obeyRobots': invalid value 'maybe': must be true or false",
                "config.yaml: settings: field 'maxCrawlDelay': invalid duration 'soon': expected a whole number and "
                        + "a unit ms, s, m, h or d, like '500ms', '2s', '15m' or '1h'",
                "config.yaml: settings: field 'defaultCharset': invalid charset 'klingon-8': not supported by "
                        + "this JVM; use a name like UTF-8, ISO-8859-1 or windows-1252");
    }

    @Test
    void badHeadersAreRefused() {
        assertProblems(source("headers: {'Bad Name': x, Host: example.com, X-Ok: fine}"),
                "config.yaml: source 'x': field 'headers.Bad Name': invalid header name 'Bad Name': use letters, "
                        + "digits and '-'",
                "config.yaml: source 'x': field 'headers.Host': header 'Host' is set by the HTTP client and cannot "
                        + "be configured");
    }

    @Test
    void badTimeFormatsAndZonesSayWhy() {
        final String wholeDate = "it reads no whole date; it needs a year (yyyy; YYYY is the week-based year), "
                + "a month (MM or MMM) and a day (d), like 'yyyy-MM-dd HH:mm'";
        final String zoneRule = "use a region like 'America/New_York' or an offset like '+08:00'";
        assertProblems(source("timeFormat: \"yyyy-MM-dd bb\""),
                "config.yaml: source 'x': field 'timeFormat': invalid pattern 'yyyy-MM-dd bb': "
                        + "Unknown pattern letter: b");
        assertProblems(source("timeFormat: \"hh:mma\""),
                "config.yaml: source 'x': field 'timeFormat': invalid pattern 'hh:mma': " + wholeDate);
        assertProblems(source("timeFormat: \"YYYY-MM-dd\""),
                "config.yaml: source 'x': field 'timeFormat': invalid pattern 'YYYY-MM-dd': " + wholeDate);
        assertProblems(source("timeZone: America/Gotham"),
                "config.yaml: source 'x': field 'timeZone': invalid zone 'America/Gotham': "
                        + "Unknown time-zone ID: America/Gotham; " + zoneRule);
        assertProblems(source("timeZone: \"+25:00\""),
                "config.yaml: source 'x': field 'timeZone': invalid zone '+25:00': Zone offset hours not in valid "
                        + "range: value 25 is not in the range -18 to 18; " + zoneRule);
    }

    @Test
    void structureProblems() {
        assertProblems("", "config.yaml: the file is empty; expected the keys settings, sources");
        assertProblems("- a\n- b\n", "config.yaml: expected a mapping with the keys settings, sources, got a list");
        assertProblems("settings: []\nsources: {}\n",
                "config.yaml: field 'settings': expected a mapping of keys to values, got a list",
                "config.yaml: field 'sources': expected a list of sources, got a mapping");
        assertProblems("sources:\n  - hn\n",
                "config.yaml: source #1: expected a mapping with the keys id, name, kind, url, schedule, maxItems, "
                        + "scoreUnit, tags, headers, timeFormat, timeZone, selectors, pointers, got 'hn'");
    }

    @Test
    void yamlSyntaxAndDuplicateKeysAreOneProblemWithTheLine() {
        final ConfigException syntax = assertThrows(ConfigException.class,
                () -> CrawlerConfig.parse("sources:\n  - id: [unclosed\n", "config.yaml"));
        assertEquals(List.of("config.yaml: not valid YAML at line 2, column 18: while parsing a flow sequence; "
                + "expected ',' or ']', but got <stream end>"), syntax.lines());
        final ConfigException duplicate = assertThrows(ConfigException.class,
                () -> CrawlerConfig.parse("sources:\n  - id: a\n    id: b\n", "config.yaml"));
        assertEquals("config.yaml: not valid YAML at line 3, column 7: Duplicate field 'id'", duplicate.getMessage());
    }

    /** A valid rss source with one line added or replaced. */
    private static String source(String line) {
        final String key = line.substring(0, line.indexOf(':'));
        final StringBuilder yaml = new StringBuilder("sources:\n  - id: x\n");
        for (String base : List.of("kind: rss", "url: https://x.example/feed", "schedule: 1h")) {
            if (!base.startsWith(key + ":")) {
                yaml.append("    ").append(base).append('\n');
            }
        }
        return yaml.append("    ").append(line).append('\n').toString();
    }

    private static String html(String selectors) {
        return """
                sources:
                  - id: x
                    kind: html
                    url: https://x.example/
                    schedule: 1h
                    selectors: %s
                """.formatted(selectors);
    }

    private static void assertProblems(String yaml, String... expected) {
        final ConfigException e = assertThrows(ConfigException.class, () -> CrawlerConfig.parse(yaml, "config.yaml"));
        assertEquals(List.of(expected), e.lines());
    }
}
