/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.command.CrawlCommands;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.SourceView;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;

/** The sources and their status; asking for a crawl now. */
@Controller("/api/sources")
public class SourcesController {
    private final CrawlerData data;
    private final CrawlCommands commands;
    private final ApiToken token;

    public SourcesController(CrawlerData data, CrawlCommands commands, ApiToken token) {
        this.data = data;
        this.commands = commands;
        this.token = token;
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
        return new Sources(data.snapshot().sources());
    }

    @Operation(summary = "Crawl a source now", description = "Sends the crawler a command through shared memory; needs the bearer token")
    @SecurityRequirement(name = "bearer")
    @Post("/{id}/crawl")
    public HttpResponse<CrawlRequested> crawl(@PathVariable String id, @Header("Authorization") @Nullable String authorization) {
        token.check(authorization);
        if (data.snapshot().source(id) == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "id: no source has id '" + id + "'");
        }
        return HttpResponse.accepted().body(new CrawlRequested(id, commands.crawlNow(id)));
    }
}
