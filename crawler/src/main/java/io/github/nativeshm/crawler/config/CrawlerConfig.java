/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * {@code config.yaml: source 'hn': field 'selectors.title': invalid CSS selector 'a[': <reason>},
 * and in parts ({@link ConfigProblem}) for programs that show them.
 *
 * @param settings global settings
 * @param sources  the sources, in file order, with unique ids
 */
public record CrawlerConfig(FetchSettings settings, List<SourceConfig> sources) {
    /** Classpath location of the shipped default config. */
    public static final String DEFAULT_RESOURCE = "/default-config.yaml";
    /** How problems name the shipped default config. */
    public static final String DEFAULT_FILE_NAME = "default-config.yaml";
    /**
     * The largest config file read: 2 MiB, room for 5,000 sources written one key per line (about
     * 1.4 MB) and below the 3 MB its YAML parser accepts at most.
     */
    public static final int MAX_FILE_BYTES = 2 << 20;

    /** Copies the list. */
    public CrawlerConfig {
        Objects.requireNonNull(settings, "settings");
        sources = List.copyOf(sources);
    }

    /**
     * Reads and validates a config file. A path that is not a regular file (a directory, a FIFO, a
     * device such as {@code /dev/zero}) or a file larger than {@link #MAX_FILE_BYTES} is refused
     * before it is read; a file that grows past the limit while it is read is refused at the limit.
     *
     * @param file the YAML file; messages name it as given
     * @return the configuration
     * @throws ConfigException when the file cannot be read, is not a regular file, is too large or
     *                         has any problem; lists them all
     */
    public static CrawlerConfig load(Path file) throws ConfigException {
        return parse(readBounded(file), file.toString());
    }

    /**
     * Reads and validates the crawler's whole configuration: a config file (or the shipped default
     * when none is given) and, optionally, a sources file besides it. The sources file holds only
     * a {@code sources:} list in the schema of the config file's (the app writes the sources made
     * through it there, with {@link SourcesFile}); its ids must differ from the config file's, and
     * with it either list may be empty. Both files are checked as {@link #load} checks one, and
     * every problem of both is reported at once, each naming its file.
     *
     * @param config  the config file; empty for the shipped default (named {@code default-config.yaml})
     * @param sources the sources file, if any
     * @return the configuration: the config file's sources, then the sources file's
     * @throws ConfigException listing every problem of both files
     */
    public static CrawlerConfig read(Optional<Path> config, Optional<Path> sources) throws ConfigException {
        final List<ConfigProblem> unreadable = new java.util.ArrayList<>();
        String configText = null;
        String sourcesText = null;
        try {
            configText = config.isPresent() ? readBounded(config.get()) : defaultText();
        } catch (ConfigException e) {
            unreadable.addAll(e.problems());
        }
        if (sources.isPresent()) {
            try {
                sourcesText = readBounded(sources.get());
            } catch (ConfigException e) {
                unreadable.addAll(e.problems());
            }
        }
        final String configName = config.map(Path::toString).orElse(DEFAULT_FILE_NAME);
        final String sourcesName = sources.map(Path::toString).orElse(null);
        if (!unreadable.isEmpty()) {
            // Still check the file that could be read, so that every problem is said at once.
            try {
                if (configText != null) {
                    ConfigReader.read(configText, configName, sources.isPresent() ? "sources: []" : null, sourcesName);
                } else if (sourcesText != null) {
                    ConfigReader.read("{}", configName, sourcesText, sourcesName);
                }
            } catch (ConfigException e) {
                unreadable.addAll(e.problems());
            }
            throw new ConfigException(unreadable);
        }
        return ConfigReader.read(configText, configName, sourcesText, sourcesName);
    }

    static String readBounded(Path file) throws ConfigException {
        final String name = file.toString();
        final String rule = "a config must be a regular file of at most " + MAX_FILE_BYTES + " bytes (2 MiB)";
        try {
            // Attributes first: opening a FIFO would wait for a writer, and /dev/zero never ends.
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw ConfigException.ofFile(name, "not a regular file but " + (attributes.isDirectory()
                        ? "a directory" : "a device, FIFO or socket") + "; " + rule);
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                throw ConfigException.ofFile(name, "the file is " + attributes.size() + " bytes; " + rule);
            }
            final byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw ConfigException.ofFile(name, "the file grew past " + MAX_FILE_BYTES + " bytes while it was read; "
                        + rule);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ConfigException.ofFile(name, "cannot read the file: it is not UTF-8 text (" + e + ")");
        } catch (IOException e) {
            throw ConfigException.ofFile(name, "cannot read the file: " + e);
        }
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
            return parse(defaultText(), DEFAULT_FILE_NAME);
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
