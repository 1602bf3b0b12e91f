/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.model;

import io.github.nativeshm.SegmentName;
import io.github.nativeshm.structured.SegmentSpec;

/**
 * The segment through which the api asks the crawler for things: the api writes it, the crawler
 * reads it (each segment has a single writer, so commands cannot go into the crawler's own).
 */
public final class CommandSegment {
    /** Ring region: {@link CrawlCommand}s. */
    public static final String COMMANDS = "commands";
    /** How many commands the ring keeps; the crawler reads them as they come. */
    public static final int CAPACITY = 64;
    /** Appended to the crawler's segment name to name the command segment. */
    public static final String SUFFIX = ".cmd";
    /** The longest crawler segment name that leaves room for {@link #SUFFIX}. */
    public static final int MAX_CRAWLER_SEGMENT_NAME = 26;

    private CommandSegment() {
    }

    /**
     * The command segment that goes with the crawler segment {@code crawlerSegment}.
     *
     * @throws io.github.nativeshm.SegmentException if the name is not a valid segment name
     * @throws IllegalArgumentException if it is longer than {@link #MAX_CRAWLER_SEGMENT_NAME} characters
     */
    public static String nameFor(String crawlerSegment) {
        String bare = SegmentName.of(crawlerSegment).portable();
        if (bare.length() > MAX_CRAWLER_SEGMENT_NAME) {
            throw new IllegalArgumentException("segment name '" + crawlerSegment + "' is " + bare.length()
                    + " characters; at most " + MAX_CRAWLER_SEGMENT_NAME + " are allowed, so that its command segment '"
                    + bare + SUFFIX + "' fits the 30-character limit");
        }
        return crawlerSegment + SUFFIX;
    }

    /** The regions of a command segment. */
    public static SegmentSpec spec() {
        return SegmentSpec.builder().ring(COMMANDS, CrawlCommand.class, CAPACITY).build();
    }
}
