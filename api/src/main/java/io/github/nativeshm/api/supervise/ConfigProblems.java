package io.github.nativeshm.api.supervise;

import io.github.nativeshm.api.ops.Problem;
import io.github.nativeshm.crawler.config.ConfigException;

import java.nio.file.Path;
import java.util.List;

/** The problems of an invalid crawler config, as the status lists them. */
final class ConfigProblems {
    private ConfigProblems() {
    }

    /** One {@link Problem} per problem the crawler's config reader found in {@code file}. */
    static List<Problem> of(ConfigException invalid, Path file) {
        return invalid.problems().stream()
                .map(line -> new Problem(Problem.CONFIG, line, file.toAbsolutePath().toString(), null, null, null))
                .toList();
    }
}
