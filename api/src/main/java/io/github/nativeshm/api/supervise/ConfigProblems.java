/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.supervise;

import io.github.nativeshm.api.ops.Problem;
import io.github.nativeshm.crawler.config.ConfigException;

import java.util.List;

/** The problems of an invalid crawler config, as the status lists them. */
final class ConfigProblems {
    private ConfigProblems() {
    }

    /** One {@link Problem} per problem the crawler's config reader found, in its parts. */
    static List<Problem> of(ConfigException invalid) {
        return invalid.problems().stream().map(problem -> new Problem(Problem.CONFIG, problem.message(), problem.file(),
                problem.source(), problem.field(), problem.value())).toList();
    }
}
