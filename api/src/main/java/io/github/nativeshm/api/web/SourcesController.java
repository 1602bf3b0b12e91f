/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.command.CrawlCommands;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SourceView;
import io.github.nativeshm.api.sources.SourceError;
import io.github.nativeshm.api.sources.SourceFiles;
import io.github.nativeshm.api.sources.SourceTools;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.github.nativeshm.crawler.preview.Discovery;
import io.github.nativeshm.crawler.preview.PreviewResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources and their status; asking for a crawl now; making, changing and removing the API's
 * own sources ({@code <data-dir>/sources.yaml}), previewing a draft, discovering a URL, OPML.
 */
@Controller("/api/sources")
public class SourcesController {
    private final CrawlerData data;
    private final CrawlCommands commands;
    private final SourceFiles files;
    private final SourceTools tools;

    public SourcesController(CrawlerData data, CrawlCommands commands, SourceFiles files,
                             SourceTools tools) {
        this.data = data;
        this.commands = commands;
        this.files = files;
        this.tools = tools;
    }

    /** Every source. */
    @Introspected
    public record Sources(List<SourceView> sources) {
    }

    /** A crawl command sent to the crawler. */
    @Introspected
    public record CrawlRequested(String source, long command) {
    }

    @Operation(summary = "List sources", description = "Every source with the status of its latest crawl and a short history")
    @Get
    public Sources list() {
        return new Sources(files.withOrigins(data.snapshot().sources()));
    }

    @Operation(summary = "A source as configured", description = "Its entry as written in its file (YAML keys), the"
            + " file, its origin (file: hand-written, read-only here; app: made through the API) and whether the API"
            + " may change it")
    @Get("/{id}/config")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SourceFiles.Configured config(@PathVariable String id) {
        return files.configured(id).orElseThrow(() -> SourceError.notFound("id: no source has id '" + id + "'"));
    }

    @Operation(summary = "Add a source", description = "Body: the source as in the config file's sources list (YAML keys"
            + " as JSON). Checked as the crawler checks its file (400 with problems naming field and value), 409 if the"
            + " id is taken; written to sources.yaml, which the crawler picks up within seconds; needs the bearer token or an editor's session (see /api/login)",
            responses = {
                @ApiResponse(responseCode = "201", description = "made: the source as configured (Location: its config)"),
                @ApiResponse(responseCode = "400", description = "the source's problems, field by field (problems: [{field, value, message}])", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "401", description = "no or a wrong bearer token, and no session", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "409", description = "the id is taken (the detail names the file), or the config has problems to fix by hand first", content = @Content(mediaType = "application/problem+json"))})
    @SecurityRequirement(name = "bearer")
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<SourceFiles.Configured> create(@Body @Nullable Map<String, Object> source) {
        SourceFiles.Configured created = files.create(body(source));
        return HttpResponse.created(created, URI.create("/api/sources/" + created.id() + "/config"));
    }

    @Operation(summary = "Replace a source", description = "Only the API's own sources (409 for a hand-written one);"
            + " the body's id, if any, must be the path's; needs the bearer token or an editor's session (see /api/login)",
            responses = {
                @ApiResponse(responseCode = "200", description = "the source as configured now"),
                @ApiResponse(responseCode = "400", description = "the source's problems, field by field, or an id that is not the path's", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "401", description = "no or a wrong bearer token, and no session", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "404", description = "no source has this id", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "409", description = "a source of the hand-written file (named), or the config has problems to fix by hand first", content = @Content(mediaType = "application/problem+json"))})
    @SecurityRequirement(name = "bearer")
    @Put("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SourceFiles.Configured replace(@PathVariable String id, @Body @Nullable Map<String, Object> source) {
        Map<String, Object> draft = body(source);
        Object given = draft.putIfAbsent("id", id);
        if (given != null && !id.equals(given)) {
            throw SourceError.invalidField("id", String.valueOf(given), "the body's id '" + given
                    + "' is not the path's '" + id + "'; a source's id cannot change (add a new one instead)");
        }
        return files.replace(id, draft);
    }

    @Operation(summary = "Remove a source", description = "Only the API's own sources (409 for a hand-written one); its"
            + " items leave the live list, its history stays; needs the bearer token or an editor's session (see /api/login)",
            responses = {
                @ApiResponse(responseCode = "204", description = "removed"),
                @ApiResponse(responseCode = "401", description = "no or a wrong bearer token, and no session", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "404", description = "no source has this id", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "409", description = "a source of the hand-written file (named), or the config has problems to fix by hand first", content = @Content(mediaType = "application/problem+json"))})
    @SecurityRequirement(name = "bearer")
    @Delete("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> delete(@PathVariable String id) {
        files.delete(id);
        return HttpResponse.noContent();
    }

    @Operation(summary = "Preview a draft source", description = "Fetches the draft's URL once (robots.txt and the"
            + " per-host delay apply; pages are cached for a few minutes) and returns the items it would give, each"
            + " field's matched text and selector, skipped items and warnings; the id may be missing; needs the"
            + " bearer token (the server fetches a URL)",
            responses = {
                @ApiResponse(responseCode = "200", description = "what the draft gives; a failed fetch is a result whose fetch says why"),
                @ApiResponse(responseCode = "400", description = "the draft's problems, field by field", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "401", description = "no or a wrong bearer token, and no session", content = @Content(mediaType = "application/problem+json"))})
    @SecurityRequirement(name = "bearer")
    @Post("/preview")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public PreviewResult preview(@Body @Nullable Map<String, Object> source) {
        return tools.preview(body(source));
    }

    @Operation(summary = "Discover a URL", description = "Body {url}: fetches the page and says what it is (html, rss,"
            + " json), its title and the feeds it links to; needs the bearer token or an editor's session (see /api/login)",
            responses = {
                @ApiResponse(responseCode = "200", description = "what the URL is"),
                @ApiResponse(responseCode = "400", description = "not an absolute http(s) URL (field url)", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "401", description = "no or a wrong bearer token, and no session", content = @Content(mediaType = "application/problem+json"))})
    @SecurityRequirement(name = "bearer")
    @Post("/discover")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Discovery discover(@Body @Nullable Map<String, Object> request) {
        return tools.discover(body(request).get("url"));
    }

    @Operation(summary = "Export the feed sources as OPML", description = "The RSS/Atom sources of both files; tags as"
            + " categories")
    @Get("/opml")
    @Produces("text/x-opml")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> exportOpml() {
        return HttpResponse.ok(tools.exportOpml()).header("Content-Disposition", "attachment; filename=\"sources.opml\"");
    }

    @Operation(summary = "Import OPML", description = "Body: an OPML document; each feed outline becomes an RSS source of"
            + " the API (categories as tags, taken ids numbered); answers the ids made and the outlines skipped and why;"
            + " needs the bearer token or an editor's session (see /api/login)")
    @SecurityRequirement(name = "bearer")
    @Post("/opml")
    @Consumes({"text/x-opml", MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SourceTools.Imported importOpml(@Body @Nullable String opml) {
        if (opml == null || opml.isBlank()) {
            throw SourceError.invalidField("body", null, "missing: an OPML document");
        }
        return tools.importOpml(opml);
    }

    private static Map<String, Object> body(Map<String, Object> body) {
        if (body == null) {
            throw SourceError.invalidField(null, null, "the body is missing: a JSON object is needed");
        }
        return new LinkedHashMap<>(body);
    }

    @Operation(summary = "Crawl a source now", description = "Sends the crawler a command through shared memory; needs the bearer token or an editor's session (see /api/login)")
    @SecurityRequirement(name = "bearer")
    @Post("/{id}/crawl")
    public HttpResponse<CrawlRequested> crawl(@PathVariable String id) {
        if (data.snapshot().source(id) == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "id: no source has id '" + id + "'");
        }
        return HttpResponse.accepted().body(new CrawlRequested(id, commands.crawlNow(id)));
    }
}
