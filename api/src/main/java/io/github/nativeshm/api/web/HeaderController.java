/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.layout.Bindings;
import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.RegionKind;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The structs of the segment's regions as source code for programs in C, Python, Rust or Go that
 * read the segment themselves: what {@code shm header --lang LANG NAME [REGION]} prints.
 */
@Controller("/api/segment/header")
public class HeaderController {
    private static final MediaType TEXT = MediaType.of("text/plain; charset=utf-8");

    private final CrawlerData data;

    public HeaderController(CrawlerData data) {
        this.data = data;
    }

    @Operation(summary = "Bindings of the segment's structs in another language",
            description = "The declarations of the structs of every struct region (or of one region) with their"
                    + " layout fingerprints and checks of every size and offset: a C header, a Python module"
                    + " (ctypes classes and numpy dtypes), Rust #[repr(C)] structs or a Go file",
            responses = {
                @ApiResponse(responseCode = "200", description = "the source text",
                        content = @Content(mediaType = "text/plain")),
                @ApiResponse(responseCode = "400", description = "an unknown lang or region, named with the allowed"
                        + " values", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "503", description = "no usable segment",
                        content = @Content(mediaType = "application/problem+json"))})
    @Get(produces = "text/plain")
    public HttpResponse<String> header(
            @Parameter(description = "c (the default), python, rust or go") @QueryValue @Nullable String lang,
            @Parameter(description = "a struct region; all of them when absent") @QueryValue @Nullable String region) {
        Bindings.Language language = language(lang);
        CrawlerData.Attached attached = data.attached();
        StructuredSegment segment = attached.segment();
        try {
            List<String> structRegions = segment.regions().stream().filter(info -> info.kind() != RegionKind.RAW)
                    .map(RegionInfo::name).collect(Collectors.toList());
            if (region != null && !structRegions.contains(region)) {
                throw BadRequest.parameter("region", region, String.join(", ", structRegions));
            }
            List<LayoutDescription> layouts = (region == null ? structRegions : List.of(region)).stream()
                    .map(name -> UntypedRegion.of(segment, name).layout()).collect(Collectors.toList());
            String file = (segment.name() + (region == null ? "" : "-" + region)).replaceAll("[^A-Za-z0-9._-]", "_")
                    + "." + language.extension();
            return HttpResponse.ok(Bindings.of(language, layouts)).contentType(TEXT)
                    .header("Content-Disposition", "inline; filename=\"" + file + "\"");
        } catch (SegmentException e) {
            throw data.failed(attached, e);
        }
    }

    private static Bindings.Language language(String lang) {
        try {
            return lang == null ? Bindings.Language.C : Bindings.Language.of(lang);
        } catch (IllegalArgumentException e) {
            throw BadRequest.parameter("lang", lang, Bindings.Language.ids());
        }
    }
}
