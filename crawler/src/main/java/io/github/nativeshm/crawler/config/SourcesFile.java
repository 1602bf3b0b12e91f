/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources file: the sources made through the app, kept apart from the hand-written config
 * file and read besides it by the crawler's {@code --sources FILE}. It holds only a {@code sources:}
 * list, each entry in the schema of a config file's sources:
 *
 * <pre>
 * # Sources added through the app; hand edits are fine (the crawler checks them as it checks the config).
 * sources:
 * - id: my-blog
 *   kind: rss
 *   url: https://example.com/feed.xml
 *   schedule: 30m
 *   tags: [personal]
 * </pre>
 *
 * <p>{@link #write} replaces it atomically: the new text goes to a temporary file in the same
 * directory, readable and writable by the owner only, is forced to the disk and then renamed over
 * the old file (and the directory forced too). A crash at any moment leaves the old file or the
 * new one, never a part of either; a failed write leaves the old file and no temporary file.
 */
public final class SourcesFile {
    /** The first line {@link #toYaml} writes. */
    public static final String HEADER = "# Sources added through the app. Hand edits are fine: the crawler checks them"
            + " as it checks its config file\n# and picks them up within seconds.\n";

    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private SourcesFile() {
    }

    /**
     * Reads the entries of a sources file as they are written, unvalidated (see
     * {@link CrawlerConfig#read} and {@link SourceDrafts} for that).
     *
     * @param file the sources file
     * @return its {@code sources:} entries, each a map of keys to values in file order; empty when
     *         the list is empty or missing
     * @throws IOException     when the file cannot be read
     * @throws ConfigException when it is not UTF-8 YAML of at most {@link CrawlerConfig#MAX_FILE_BYTES},
     *                         or not a mapping with a {@code sources:} list of mappings
     */
    public static List<Map<String, Object>> readRaw(Path file) throws IOException, ConfigException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        final String text = CrawlerConfig.readBounded(file);
        final Map<String, Object> root;
        try {
            root = ConfigReader.yaml().readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw ConfigException.ofFile(file.toString(), "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.get("sources") == null) {
            return List.of();
        }
        if (!(root.get("sources") instanceof List<?> list)
                || !list.stream().allMatch(entry -> entry instanceof Map<?, ?>)) {
            throw ConfigException.ofFile(file.toString(), "expected 'sources:' to be a list of mappings");
        }
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> entries = (List<Map<String, Object>>) list;
        return entries;
    }

    /**
     * Replaces a sources file atomically with {@code sources}, owner-only (0600 where the file
     * system has POSIX permissions).
     *
     * @param file    the sources file; its directory must exist
     * @param sources the entries, each a map of YAML keys to values, written in order
     * @throws IOException when the file cannot be written; the old file is then left as it was
     */
    public static void write(Path file, List<Map<String, Object>> sources) throws IOException {
        write(file, sources, () -> { });
    }

    /** {@link #write(Path, List)}, running {@code beforeRename} (tests fail it) just before the rename. */
    static void write(Path file, List<Map<String, Object>> sources, IORunnable beforeRename) throws IOException {
        final byte[] bytes = toYaml(sources).getBytes(StandardCharsets.UTF_8);
        final Path target = file.toAbsolutePath();
        final Path dir = target.getParent();
        Path temp = null;
        try {
            temp = posix(dir)
                    ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                final ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeRename.run();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
            temp = null;
            forceDirectory(dir);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Something that may fail with an IOException. */
    @FunctionalInterface
    interface IORunnable {
        void run() throws IOException;
    }

    /**
     * @param sources the entries, each a map of YAML keys to values
     * @return the text of a sources file holding them: {@link #HEADER}, then the {@code sources:} list
     */
    public static String toYaml(List<Map<String, Object>> sources) {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("sources", sources);
        try {
            final String body = sources.isEmpty() ? "sources: []\n" : WRITER.writeValueAsString(root);
            return HEADER + body;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the sources as YAML", e);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes the rename durable; not every platform can open a directory (Windows cannot), which is fine there. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file itself was forced before the rename
        }
    }
}
