/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import static io.github.nativeshm.crawler.extract.Fixtures.assertItem;
import static io.github.nativeshm.crawler.extract.Fixtures.defaultSource;
import static io.github.nativeshm.crawler.extract.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped default config's four sources, run against pages shaped like the real ones, as they
 * look today and as they looked in recent years.
 */
class DefaultSourcesTest {
    private static final URI HN = URI.create("https://news.ycombinator.com/");
    private static final URI TRENDING = URI.create("https://github.com/trending");
    private static final URI LOBSTERS = URI.create("https://lobste.rs/rss");
    private static final URI V2EX = URI.create("https://www.v2ex.com/api/topics/hot.json");

    /** Extracts a fixture with the default config's source, as the crawler would after fetching. */
    private static Extraction run(String sourceId, String fixture, URI fetchedFrom) throws ExtractionException {
        return Extractor.extractFor(defaultSource(sourceId), read(fixture), fetchedFrom);
    }

    @Test
    void hackerNewsFrontPageToday() throws ExtractionException {
        final Extraction x = run("hn", "hn-front-2024.html", HN);
        final List<ExtractedItem> items = x.items();
        assertEquals(5, items.size());
        assertItem(items.get(0), "How SQLite's WAL mode works", "https://example.com/posts/sqlite-wal",
                512L, 231L, "alice", "2024-05-01T09:12:45Z");
        assertItem(items.get(1), "Ask HN: What are you working on? (May 2024)",
                "https://news.ycombinator.com/item?id=40219999", 87L, 1L, "bob_the_builder", "2024-05-01T07:30:00Z");
        // A job post: no points, no user, no comments link.
        assertItem(items.get(2), "Acme (YC W21) Is Hiring a Senior Back End Engineer",
                "https://www.ycombinator.com/companies/acme/jobs/abc123-senior-backend-engineer",
                null, null, null, "2024-05-01T11:00:00Z");
        // A new story: "discuss" instead of a count.
        assertItem(items.get(3), "Show HN: A <tiny> C compiler & linker in 2k lines",
                "https://github.com/someone/tiny-cc", 1L, null, "someone", "2024-05-01T12:10:00Z");
        assertItem(items.get(4), "Paxos Made Moderately Complex [pdf]",
                "https://example.org/papers/consensus.pdf", 1203L, 1002L, "dkl", "2024-04-30T22:05:10Z");
        assertEquals(0, x.skipped());
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void hackerNewsFrontPage2021WithStorylinks() throws ExtractionException {
        final Extraction x = run("hn", "hn-front-2021.html", HN);
        assertEquals(3, x.items().size());
        assertItem(x.items().get(0), "Announcing Rust 2021", "https://blog.example.net/announcing-rust-2021",
                1024L, 456L, "carol", "2021-05-01T08:00:00Z");
        assertItem(x.items().get(1), "Example (YC S19) is hiring SREs in Berlin",
                "https://jobs.example.com/careers/sre",
                null, null, null, "2021-05-01T09:30:00Z");
        assertItem(x.items().get(2), "Tell HN: The HN API is 20 years old",
                "https://news.ycombinator.com/item?id=27012345", 42L, 12L, "dang", "2021-05-01T10:15:00Z");
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void hackerNewsFrontPage2022WithTitlelinks() throws ExtractionException {
        final Extraction x = run("hn", "hn-front-2022.html", HN);
        assertEquals(1, x.items().size());
        assertItem(x.items().get(0), "What's new in PostgreSQL 15", "https://example.io/postgres-15",
                301L, 88L, "erin", "2022-07-04T16:20:00Z");
    }

    @Test
    void githubTrendingToday() throws ExtractionException {
        final Extraction x = run("github-trending", "github-trending-2025.html", TRENDING);
        assertEquals(3, x.items().size());
        assertItem(x.items().get(0), "microsoft / markitdown", "https://github.com/microsoft/markitdown",
                1234L, null, "microsoft", null);
        assertItem(x.items().get(1), "astral-sh / uv", "https://github.com/astral-sh/uv",
                312L, null, "astral-sh", null);
        // Its "stars today" span lacks the float class: found by its text instead.
        assertItem(x.items().get(2), "public-apis-dev / awesome-list",
                "https://github.com/public-apis-dev/awesome-list",
                87L, null, "public-apis-dev", null);
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void githubTrending2021WithH1Headings() throws ExtractionException {
        final Extraction x = run("github-trending", "github-trending-2021.html", TRENDING);
        assertEquals(2, x.items().size());
        assertItem(x.items().get(0), "trekhleb / javascript-algorithms",
                "https://github.com/trekhleb/javascript-algorithms", 345L, null, "trekhleb", null);
        assertItem(x.items().get(1), "github / docs", "https://github.com/github/docs", 1021L, null, "github", null);
    }

    @Test
    void lobstersRss() throws ExtractionException {
        final Extraction x = run("lobsters", "lobsters.rss", LOBSTERS);
        assertEquals(4, x.items().size());
        assertItem(x.items().get(0), "Zig 0.12.0 Release Notes",
                "https://ziglang.org/download/0.12.0/release-notes.html", null, null, "ferris", "2024-05-01T15:41:22Z");
        assertItem(x.items().get(1), "What are you doing this week?",
                "https://lobste.rs/s/q1w2e3/what_are_you_doing_this_week", null, null, "weekly-bot",
                "2024-04-29T09:00:05Z");
        assertItem(x.items().get(2), "Type-checking & linting in <200 lines",
                "https://blog.example.dev/posts/tiny-linter?utm_source=lobsters", null, null, "ada",
                "2024-04-30T22:02:44Z");
        assertItem(x.items().get(3), "The C23 edition of Modern C", "https://gustedt.example.org/modern-c/c23.pdf",
                null, null, "jens", "2024-04-28T14:15:00Z");
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void v2exHotTopicsJson() throws ExtractionException {
        final Extraction x = run("v2ex-hot", "v2ex-hot.json", V2EX);
        assertEquals(3, x.items().size());
        assertItem(x.items().get(0), "大家都用什么工具管理 dotfiles？", "https://www.v2ex.com/t/1036123",
                null, 85L, "lindong", "2024-05-01T07:53:20Z");
        assertItem(x.items().get(1), "有没有 推荐的 Mac 键盘？", "https://www.v2ex.com/t/1036200",
                null, 0L, "wangwu", "2024-05-01T09:25:55Z");
        assertItem(x.items().get(2), "做了一个开源的 RSS 阅读器", "https://www.v2ex.com/t/1036202",
                null, 1234L, "maker", "2024-05-01T09:35:00Z");
        assertEquals(1, x.skipped());
        assertEquals(List.of("item 3: field 'title' is empty or missing"), x.warnings());
    }
}
