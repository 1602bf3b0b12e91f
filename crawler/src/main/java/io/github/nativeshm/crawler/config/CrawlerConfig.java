package io.github.nativeshm.crawler.config;

import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, validated crawler configuration: global {@link FetchSettings} and the {@link SourceConfig
 * sources} to crawl. Instances only come from a file that passed every check, so a crawler holding
 * one never runs half-configured.
 *
 * <p>The file format is YAML with two top-level keys, {@code settings} and {@code sources}; the
 * shipped {@link #defaultText() default config} documents every key in its comments. Problems are
 * reported all at once by {@link ConfigException}, one line each, in the form
 * {@code config.yaml: source 'hn': field 'selectors.title': invalid CSS selector 'a[': <reason>}.
 *
 * @param settings global settings
 * @param sources  the sources, in file order, with unique ids
 */
public record CrawlerConfig(FetchSettings settings, List<SourceConfig> sources) {
    /** Classpath location of the shipped default config. */
    public static final String DEFAULT_RESOURCE = "/default-config.yaml";

    /** Copies the list. */
    public CrawlerConfig {
        Objects.requireNonNull(settings, "settings");
        sources = List.copyOf(sources);
    }

    /**
     * Reads and validates a config file.
     *
     * @param file the YAML file; messages name it as given
     * @return the configuration
     * @throws ConfigException when the file cannot be read or has any problem; lists them all
     */
    public static CrawlerConfig load(Path file) throws ConfigException {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the file: " + e));
        }
        return parse(text, file.toString());
    }

    /**
     * Reads and validates config text.
     *
     * @param yaml the YAML text
     * @param file the name messages give the text, usually its file name
     * @return the configuration
     * @throws ConfigException listing every problem found
     */
    public static CrawlerConfig parse(String yaml, String file) throws ConfigException {
        return ConfigReader.read(yaml, file);
    }

    /**
     * @return the shipped default config: Hacker News, GitHub Trending, Lobsters and V2EX
     * @throws IllegalStateException if the shipped file is missing or invalid (a build defect)
     */
    public static CrawlerConfig defaults() {
        try {
            return parse(defaultText(), "default-config.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException("the shipped default config is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * @return the shipped default config file, verbatim, comments included (for
     *         {@code --print-default-config})
     * @throws IllegalStateException if the resource is missing from the classpath (a build defect)
     */
    public static String defaultText() {
        try (InputStream in = CrawlerConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * @param id a source id
     * @return the source with that id, if any
     */
    public Optional<SourceConfig> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
