/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The stories of one demo source, newest first. Titles, authors and counts come from a seeded
 * {@link Random}, so every run of the demo shows the same stories; only their times follow the
 * clock. Not thread-safe: {@link DemoSite} advances it under its lock.
 */
final class StoryList {
    // No word may need escaping in HTML, XML or JSON (no & < > " \): DemoPages writes them as they are.
    private static final List<String> TEMPLATES = List.of(
            "Why %s is faster than you think", "A deep dive into %s internals", "Show HN: I rebuilt %s in a weekend",
            "What we learned running %s in production", "%s in 100 lines", "The hidden cost of %s",
            "Ask HN: Is %s still worth learning?", "How we cut our %s bill by 80 percent",
            "Notes on %s and memory ordering", "An illustrated guide to %s", "%s 2.0 released",
            "Debugging %s with nothing but printf", "Lessons from ten years of %s", "%s considered harmful");
    private static final List<String> TOPICS = List.of(
            "Rust", "Postgres", "SQLite", "WebAssembly", "Linux", "Kubernetes", "the JVM", "Python", "Zig", "Go",
            "Emacs", "Git", "HTTP/3", "RISC-V", "shared memory", "CRDTs", "eBPF", "Raft", "QUIC", "Vue");
    private static final List<String> AUTHORS = List.of(
            "ada", "linus", "grace", "ken", "barbara", "dennis", "margaret", "alan", "donald", "radia", "edsger");
    /** Stories whose counts rise on each step: enough for a visible stream of changes, not a flood. */
    private static final int BUMPS_PER_STEP = 3;

    private final String prefix;
    private final int pageSize;
    private final Random random;
    private final List<Story> stories = new ArrayList<>();
    private int created;

    /**
     * Starts with a full page, its stories published one {@code tick} apart up to {@code now}.
     *
     * @param prefix the path under which the stories' own pages live, e.g. {@code /news}
     */
    StoryList(String prefix, int pageSize, long seed, Instant now, Duration tick) {
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.random = new Random(seed);
        for (int age = pageSize - 1; age >= 0; age--) {
            stories.add(0, create(now.minus(tick.multipliedBy(age)), 1 + random.nextInt(300), random.nextInt(80)));
        }
    }

    /** A new story on top, the oldest off the end, and a few others gain points and comments. */
    void advance(Instant now) {
        stories.add(0, create(now, 1, 0));
        if (stories.size() > pageSize) {
            stories.remove(stories.size() - 1);
        }
        for (int bump = 0; bump < BUMPS_PER_STEP; bump++) {
            int index = 1 + random.nextInt(stories.size() - 1); // not the new one: it has nothing to change from
            stories.set(index, stories.get(index).bumped(1 + random.nextInt(25), 1 + random.nextInt(5)));
        }
    }

    /** The stories now, newest first. */
    List<Story> stories() {
        return List.copyOf(stories);
    }

    private Story create(Instant published, int score, int comments) {
        created++;
        String title = TEMPLATES.get(random.nextInt(TEMPLATES.size())).formatted(TOPICS.get(random.nextInt(TOPICS.size())));
        title = Character.toUpperCase(title.charAt(0)) + title.substring(1); // "the JVM in 100 lines"
        return new Story(prefix + "/" + created, title, AUTHORS.get(random.nextInt(AUTHORS.size())), score, comments,
                published);
    }
}
