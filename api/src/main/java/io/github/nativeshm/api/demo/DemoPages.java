/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the demo site's pages. Links are relative (the crawler resolves them against the page's
 * URL), so the text does not depend on the port. Nothing is escaped: {@link StoryList}'s words need
 * no escaping in HTML, XML or JSON.
 */
final class DemoPages {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private DemoPages() {
    }

    static String robots() {
        return "User-agent: *\nAllow: /\n";
    }

    /** A tiny Hacker News: one table row per story with rank, title link, points, author, comments and time. */
    static String news(List<Story> stories) {
        StringBuilder rows = new StringBuilder();
        for (int rank = 1; rank <= stories.size(); rank++) {
            Story story = stories.get(rank - 1);
            rows.append("""
                    <tr class="story"><td class="rank">%d.</td><td><a class="title" href="%s">%s</a><br>
                      <span class="score">%d points</span> by <span class="author">%s</span>
                      <time datetime="%s">%s</time> | <a class="comments" href="%s">%d comments</a></td></tr>
                    """.formatted(rank, story.path(), story.title(), story.score(), story.author(),
                    story.published(), story.published(), story.path(), story.comments()));
        }
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Demo News</title>
                <link rel="alternate" type="application/rss+xml" title="Demo Feed" href="/feed.rss"></head>
                <body><h1>Demo News</h1>
                <p>The native-shm demo site: a new story every few seconds. Also: <a href="/feed.rss">Demo Feed</a>,
                <a href="/api/items.json">Demo API</a>, <a href="/broken.rss">a source that always fails</a>.</p>
                <table>
                %s</table></body></html>
                """.formatted(rows);
    }

    /** An RSS 2.0 feed; comment counts use the slash module, as many blogs do. */
    static String feed(List<Story> stories) {
        String items = stories.stream().map(story -> """
                <item><title>%s</title><link>%s</link><guid>%s</guid><author>%s@demo.invalid (%s)</author>
                  <pubDate>%s</pubDate><slash:comments>%d</slash:comments></item>
                """.formatted(story.title(), story.path(), story.path(), story.author(), story.author(),
                RFC_1123.format(story.published()), story.comments())).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel>
                <title>Demo Feed</title><link>/</link><description>The native-shm demo feed</description>
                %s</channel></rss>
                """.formatted(items);
    }

    /** A JSON API: {@code {"items": [{"title", "url", "score", "comments", "author", "time"}]}}. */
    static String api(List<Story> stories) {
        return stories.stream().map(story -> """
                {"title": "%s", "url": "%s", "score": %d, "comments": %d, "author": "%s", "time": "%s"}"""
                .formatted(story.title(), story.path(), story.score(), story.comments(), story.author(), story.published()))
                .collect(Collectors.joining(",\n  ", "{\"items\": [\n  ", "\n]}\n"));
    }

    /** The page a story's link leads to, so that links in the UI open something. */
    static String story(Story story) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>%1$s</title></head>
                <body><h1>%1$s</h1><p>by %2$s, %3$s. A story of the native-shm demo site.</p>
                <p><a href="/">Demo News</a></p></body></html>
                """.formatted(story.title(), story.author(), story.published());
    }
}
