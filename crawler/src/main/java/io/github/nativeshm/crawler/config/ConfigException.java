package io.github.nativeshm.crawler.config;

import java.util.List;

/**
 * A configuration file that cannot be used. It carries every problem found, one per line, each
 * naming the file, the source (or {@code settings}), the field, the bad value and what is allowed,
 * so a user fixes the whole file in one pass. The crawler refuses to start on it.
 *
 * <p>Lines come top-level keys first, then settings, then each source in file order; within a
 * block, unknown keys first, then the known keys in their documented order.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param problems one complete, human-readable line per problem; at least one
     */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, one line each */
    public List<String> problems() {
        return problems;
    }
}
