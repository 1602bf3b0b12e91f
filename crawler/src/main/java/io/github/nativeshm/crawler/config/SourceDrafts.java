/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import java.util.Map;
import java.util.Objects;

/**
 * Validates one source given as a map of its YAML keys (as the api receives it in JSON), with the
 * very checks and messages a config file's source gets. Problems name the file {@value #FILE}:
 * {@code draft: source 'hn': field 'url': invalid URL 'ftp://x': ...}.
 */
public final class SourceDrafts {
    /** The file name a draft's problems give. */
    public static final String FILE = "draft";

    private SourceDrafts() {
    }

    /**
     * Reads a draft source.
     *
     * @param draft    the source's keys and values, as an entry of a {@code sources:} list holds them
     *                 (strings, numbers, booleans, lists and maps)
     * @param settings the settings the source would be crawled with; kept for checks that depend on
     *                 them (none do today)
     * @return the validated source
     * @throws ConfigException listing every problem of the draft, as the file reader words them
     */
    public static SourceConfig read(Map<String, Object> draft, FetchSettings settings) throws ConfigException {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(settings, "settings");
        final JsonNode node = ConfigReader.yaml().valueToTree(draft);
        return ConfigReader.readDraft(node, FILE);
    }
}
