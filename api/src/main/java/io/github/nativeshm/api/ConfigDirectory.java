/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folder of the operator's configuration ({@code app.config-dir}; see {@link AppDirectories}):
 * its {@value #FILE}, when present, is Micronaut configuration like the shipped
 * {@code application.yml}, which it overrides; environment variables, {@code -D} system properties
 * and the command line override it in turn.
 */
public final class ConfigDirectory {
    /** The configuration file in the folder. */
    public static final String FILE = "app.yml";
    /**
     * Between the shipped {@code application.yml} (-300) and environment variables (-200): the
     * operator's file beats the defaults, and one variable beats the file (as for secrets).
     */
    static final int POSITION = -250;

    private ConfigDirectory() {
    }

    /**
     * {@code dir/app.yml} as a property source, or empty if there is no such file.
     *
     * @throws ConfigurationException naming the file if it cannot be read or is not valid YAML
     */
    public static Optional<PropertySource> read(Path dir) {
        Path file = dir.resolve(FILE).toAbsolutePath();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream input = Files.newInputStream(file)) {
            Map<String, Object> values = new YamlPropertySourceLoader().read(file.toString(), input);
            return Optional.of(PropertySource.of(file.toString(), values, POSITION));
        } catch (IOException | RuntimeException e) { // snakeyaml's parse errors are runtime exceptions
            throw new ConfigurationException(file + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage().strip().replaceAll("\\s*\\n\\s*", " ")));
        }
    }
}
