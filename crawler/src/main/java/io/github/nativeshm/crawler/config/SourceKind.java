/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import java.util.Locale;
import java.util.Optional;

/** How a source's response is read into items. */
public enum SourceKind {
    /** An HTML page read with CSS selectors ({@link HtmlSelectors}). */
    HTML,
    /** An RSS 2.0, RSS 1.0 (RDF) or Atom feed; needs no extra fields. */
    RSS,
    /** A JSON document read with JSON pointers ({@link JsonPointers}). */
    JSON;

    /** @return the name used in config files: {@code html}, {@code rss} or {@code json} */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a kind as written in a config file
     * @return the kind, or empty when {@code text} is not one of {@code html}, {@code rss}, {@code json}
     */
    public static Optional<SourceKind> fromConfigName(String text) {
        for (SourceKind kind : values()) {
            if (kind.configName().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
