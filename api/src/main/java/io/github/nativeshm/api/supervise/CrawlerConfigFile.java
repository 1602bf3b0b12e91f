/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.supervise;

import io.github.nativeshm.api.AppSettings;
import io.github.nativeshm.api.demo.DemoSite;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The config file the crawler is started with: the configured one, the shipped default (null),
 * or in demo mode a file written for the {@link DemoSite} this bean starts.
 */
@Singleton
public class CrawlerConfigFile implements AutoCloseable {
    private final Path path;
    private final DemoSite demoSite;

    public CrawlerConfigFile(AppSettings settings) {
        if (!settings.isDemo()) {
            this.demoSite = null;
            this.path = settings.getCrawlerConfig();
            return;
        }
        try {
            this.demoSite = DemoSite.start(settings.getDemoTick());
            this.path = writePrivate(demoSite.crawlerConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site: " + e.getMessage(), e);
        }
    }

    /** The file to pass as {@code --config}, or null for the crawler's shipped sources. */
    public @Nullable Path path() {
        return path;
    }

    /** The demo site, in demo mode (tests move its content on). */
    public Optional<DemoSite> demo() {
        return Optional.ofNullable(demoSite);
    }

    private static Path writePrivate(String text) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("native-shm-demo-", ".yaml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile("native-shm-demo-", ".yaml"); // Windows: the user's temp folder is private
        }
        return Files.writeString(file, text);
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        if (demoSite != null) {
            demoSite.close();
            Files.deleteIfExists(path);
        }
    }
}
