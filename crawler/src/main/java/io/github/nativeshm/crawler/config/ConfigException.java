/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.List;

/**
 * A configuration file that cannot be used. It carries every problem found, each naming the file,
 * the source (or {@code settings}), the field, the bad value and what is allowed, so a user fixes
 * the whole file in one pass. The crawler refuses to start on it.
 *
 * <p>{@link #problems()} gives each problem in parts ({@link ConfigProblem}: file, source, field,
 * value, message) for programs that show them, such as the api, which validates the crawler's file
 * with {@link CrawlerConfig#load} and lists the problems in its status; {@link #lines()} gives the
 * same problems as the lines the crawler prints. Problems come top-level keys first, then
 * settings, then each source in file order; within a block, unknown keys first, then the known keys
 * in their documented order.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    /**
     * @param problems every problem found; at least one
     */
    public ConfigException(List<ConfigProblem> problems) {
        super(String.join("\n", problems.stream().map(ConfigProblem::line).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A problem with the file as a whole (it cannot be read, is too large, is not YAML). */
    static ConfigException ofFile(String file, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, null, null, null, message)));
    }

    /** @return every problem found, in parts */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** @return every problem found, one complete human-readable line each ({@link ConfigProblem#line()}) */
    public List<String> lines() {
        return problems.stream().map(ConfigProblem::line).toList();
    }
}
