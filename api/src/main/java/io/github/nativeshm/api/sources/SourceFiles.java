/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.nativeshm.api.DataDirectory;
import io.github.nativeshm.api.segment.SourceView;
import io.github.nativeshm.api.supervise.CrawlerConfigFile;
import io.github.nativeshm.crawler.config.ConfigException;
import io.github.nativeshm.crawler.config.ConfigProblem;
import io.github.nativeshm.crawler.config.CrawlerConfig;
import io.github.nativeshm.crawler.config.SourceConfig;
import io.github.nativeshm.crawler.config.SourceDrafts;
import io.github.nativeshm.crawler.config.SourcesFile;
import io.github.nativeshm.crawler.fetch.FetchSettings;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The two files the crawler's sources come from: the hand-written config file ({@code --config},
 * or the shipped default) whose sources the API only reads, and {@code <data-dir>/sources.yaml},
 * the sources made through the API, which it writes (atomically, through the crawler's
 * {@link SourcesFile}). Every change re-reads {@code sources.yaml} first, so that hand edits made
 * meanwhile are kept, and changes are made one at a time.
 */
@Singleton
public class SourceFiles {
    /** The name of the API's sources file in the data directory. */
    public static final String FILE = "sources.yaml";
    /** The label the crawler's draft reader gives problems; the API names the body instead. */
    static final String SHIPPED = "the shipped default config";

    private final Path sources;
    private final @Nullable Path config;
    private final Object writing = new Object();
    private volatile AppIds appIds;

    public SourceFiles(DataDirectory dataDirectory, CrawlerConfigFile config) {
        this.config = config.path() == null ? null : config.path().toAbsolutePath();
        this.sources = dataDirectory.path().resolve(FILE);
        if (this.config != null && this.config.normalize().equals(sources.normalize())) {
            throw new ConfigurationException("app.crawler-config: " + this.config + " is the api's own sources file (the"
                    + " sources made through the api); keep the hand-written config elsewhere, or start with another"
                    + " --data-dir");
        }
        try {
            dataDirectory.createPrivateFile(FILE, SourcesFile.toYaml(List.of()));
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier start
        } catch (IOException e) {
            throw new ConfigurationException(sources + ": cannot create the api's sources file (" + e + ")");
        }
    }

    /** {@code <data-dir>/sources.yaml}, which the crawler reads with {@code --sources}. */
    public Path sourcesPath() {
        return sources;
    }

    /** The hand-written config file; empty for the shipped default. */
    public Optional<Path> configPath() {
        return Optional.ofNullable(config);
    }

    /** The hand-written file as the API names it. */
    public String configName() {
        return config == null ? SHIPPED : config.toString();
    }

    /** The whole config as the crawler reads it. */
    public CrawlerConfig read() throws ConfigException {
        return CrawlerConfig.read(Optional.ofNullable(config), Optional.of(sources));
    }

    /** The fetch settings now (of the hand-written file; the defaults if it cannot be read). */
    public FetchSettings settings() {
        try {
            return CrawlerConfig.read(Optional.ofNullable(config), Optional.empty()).settings();
        } catch (ConfigException e) {
            return CrawlerConfig.defaults().settings();
        }
    }

    /**
     * The sources of {@code sources.yaml} as written, to change them: a {@link SourceError#conflict}
     * while the config as a whole is invalid (a hand edit the crawler refuses: a change made now would
     * not be applied either).
     */
    private List<Map<String, Object>> entriesToChange() {
        List<Map<String, Object>> entries = appEntries();
        try {
            read();
        } catch (ConfigException e) {
            throw SourceError.conflict("the crawler's config has " + (e.problems().size() == 1 ? "a problem"
                    : e.problems().size() + " problems") + " (" + String.join("; ", e.lines()) + "); fix "
                    + (e.problems().stream().map(ConfigProblem::file).distinct().count() == 1 ? "the file" : "the files")
                    + " by hand first: the crawler applies no change until then");
        }
        return entries;
    }

    /** The sources of {@code sources.yaml} as written; a broken file is a {@link SourceError#conflict}. */
    public List<Map<String, Object>> appEntries() {
        try {
            return new ArrayList<>(SourcesFile.readRaw(sources));
        } catch (Exception e) {
            throw SourceError.conflict(sources + " cannot be read (" + e.getMessage()
                    + "); fix it by hand first, the api does not overwrite it");
        }
    }

    /** The sources of the hand-written file as written; empty if it cannot be read. */
    public List<Map<String, Object>> fileEntries() {
        try {
            if (config != null) {
                return SourcesFile.readRaw(config);
            }
            Object list = new ObjectMapper(new YAMLFactory()).readValue(CrawlerConfig.defaultText(), Map.class)
                    .get("sources");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = list instanceof List<?> ? (List<Map<String, Object>>) list : List.of();
            return entries;
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * The ids of the API's sources (empty if its file cannot be read); read again only when the
     * file was replaced or its time or size changed (the list of sources asks on every request).
     */
    public Set<String> appIds() {
        String stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(sources, BasicFileAttributes.class);
            stamp = attributes.fileKey() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.size();
        } catch (IOException e) {
            return Set.of();
        }
        AppIds cached = appIds;
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.ids();
        }
        Set<String> ids;
        try {
            ids = Set.copyOf(ids(SourcesFile.readRaw(sources)));
        } catch (Exception e) {
            ids = Set.of();
        }
        appIds = new AppIds(stamp, ids);
        return ids;
    }

    private record AppIds(String stamp, Set<String> ids) {
    }

    /** The ids of both files' sources. */
    public Set<String> takenIds() {
        Set<String> taken = new LinkedHashSet<>(appIds());
        taken.addAll(ids(fileEntries()));
        return taken;
    }

    /** {@code view} with its origin. */
    public List<SourceView> withOrigins(List<SourceView> views) {
        Set<String> app = appIds();
        return views.stream().map(view -> view.withOrigin(app.contains(view.id()) ? SourceView.APP : SourceView.FILE))
                .toList();
    }

    /** A source as configured: its file and its entry as written; empty if no file has it. */
    public Optional<Configured> configured(String id) {
        for (Map<String, Object> entry : appEntries()) {
            if (id.equals(entry.get("id"))) {
                return Optional.of(new Configured(id, SourceView.APP, true, sources.toString(), entry));
            }
        }
        for (Map<String, Object> entry : fileEntries()) {
            if (id.equals(entry.get("id"))) {
                return Optional.of(new Configured(id, SourceView.FILE, false, configName(), entry));
            }
        }
        return Optional.empty();
    }

    /** A source as configured, as {@code GET /api/sources/{id}/config} answers. */
    public record Configured(String id, String origin, boolean editable, String file, Map<String, Object> source) {
    }

    /**
     * Checks a draft as the crawler's reader does.
     *
     * @throws SourceError 400 naming each field, value and problem
     */
    public SourceConfig validate(Map<String, Object> draft) {
        try {
            return SourceDrafts.read(draft, settings());
        } catch (ConfigException e) {
            throw SourceError.invalid(e.problems());
        }
    }

    /** Adds {@code draft} to {@code sources.yaml}: 400 invalid, 409 if its id is taken. */
    public Configured create(Map<String, Object> draft) {
        synchronized (writing) {
            validate(draft);
            String id = (String) draft.get("id");
            List<Map<String, Object>> entries = entriesToChange();
            refuseTaken(id, entries);
            entries.add(draft);
            write(entries);
            return new Configured(id, SourceView.APP, true, sources.toString(), draft);
        }
    }

    /** Adds several drafts at once (already checked), as an OPML import does; ids are made unique. */
    public List<String> createAll(List<Map<String, Object>> drafts, UnaryOperator<String> nextId) {
        synchronized (writing) {
            List<Map<String, Object>> entries = entriesToChange();
            Set<String> taken = ids(entries);
            taken.addAll(ids(fileEntries()));
            List<String> created = new ArrayList<>();
            for (Map<String, Object> draft : drafts) {
                String id = (String) draft.get("id");
                while (taken.contains(id)) {
                    id = nextId.apply(id);
                }
                Map<String, Object> entry = new LinkedHashMap<>(draft);
                entry.put("id", id);
                taken.add(id);
                entries.add(entry);
                created.add(id);
            }
            if (!created.isEmpty()) {
                write(entries);
            }
            return created;
        }
    }

    /** Replaces the API's source {@code id}: 404 unknown, 409 hand-written, 400 invalid. */
    public Configured replace(String id, Map<String, Object> draft) {
        synchronized (writing) {
            List<Map<String, Object>> entries = entriesToChange();
            int at = indexOf(id, entries);
            if (at < 0) {
                throw notOurs(id);
            }
            validate(draft);
            entries.set(at, draft);
            write(entries);
            return new Configured(id, SourceView.APP, true, sources.toString(), draft);
        }
    }

    /** Removes the API's source {@code id}: 404 unknown, 409 hand-written. */
    public void delete(String id) {
        synchronized (writing) {
            List<Map<String, Object>> entries = entriesToChange();
            int at = indexOf(id, entries);
            if (at < 0) {
                throw notOurs(id);
            }
            entries.remove(at);
            write(entries);
        }
    }

    private void refuseTaken(String id, List<Map<String, Object>> entries) {
        if (indexOf(id, entries) >= 0) {
            throw SourceError.conflict("id: a source with id '" + id + "' exists already (in " + sources + ")");
        }
        if (indexOf(id, fileEntries()) >= 0) {
            throw SourceError.conflict("id: a source with id '" + id + "' exists already in the hand-written "
                    + configName());
        }
    }

    private SourceError notOurs(String id) {
        if (indexOf(id, fileEntries()) >= 0) {
            return SourceError.conflict("source '" + id + "' is in the hand-written " + configName()
                    + ": the api does not change it; edit that file");
        }
        return SourceError.notFound("id: no source has id '" + id + "'");
    }

    private void write(List<Map<String, Object>> entries) {
        try {
            SourcesFile.write(sources, entries);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + sources + ": " + e, e);
        }
    }

    private static int indexOf(String id, List<Map<String, Object>> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (id.equals(entries.get(i).get("id"))) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> ids(List<Map<String, Object>> entries) {
        Set<String> ids = new LinkedHashSet<>();
        entries.forEach(entry -> {
            if (entry.get("id") instanceof String id) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The problems of a draft as the API lists them. */
    static List<FieldProblem> fieldProblems(List<ConfigProblem> problems) {
        return problems.stream().map(problem -> new FieldProblem(problem.field(), problem.value(), problem.message()))
                .toList();
    }
}
