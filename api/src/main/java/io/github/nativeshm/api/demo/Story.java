/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.demo;

import java.time.Instant;

/**
 * One story of a demo source.
 *
 * @param path the story's own page on the demo site, e.g. {@code /news/17}; unique and stable, so
 *             the crawler keeps recognising the story as it moves down the page
 */
record Story(String path, String title, String author, int score, int comments, Instant published) {

    Story bumped(int points, int moreComments) {
        return new Story(path, title, author, score + points, comments + moreComments, published);
    }
}
