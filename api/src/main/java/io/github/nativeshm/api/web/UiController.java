/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the built UI from the classpath ({@code public/}): files as they are, content-hashed
 * {@code assets/} cached for a year, and {@code index.html} for every other path outside
 * {@code /api}, so the single-page app's routes survive a reload. Also serves the generated
 * OpenAPI document under {@code /swagger/} (this catch-all route would shadow Micronaut's static
 * resources).
 */
@Hidden
@Controller
public class UiController {
    private static final String UI_ROOT = "public/";
    private static final String SWAGGER = "swagger/";
    private static final String SWAGGER_ROOT = "META-INF/swagger/";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("html", "text/html;charset=utf-8"),
            Map.entry("js", "text/javascript;charset=utf-8"), Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"), Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain;charset=utf-8"), Map.entry("map", "application/json"),
            Map.entry("yml", "application/yaml"));

    /** Files never change inside a jar: read each once (only files that exist, so the map stays small). */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Get
    public HttpResponse<byte[]> index() {
        return page();
    }

    @Get("/{+path}")
    public HttpResponse<byte[]> file(@PathVariable String path) {
        if (path.startsWith("api/") || path.equals("api")) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no API endpoint at /" + path + "; see /swagger/ for the API");
        }
        if (path.contains("..") || path.contains("\\") || path.contains("//")) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such file: /" + path);
        }
        Optional<byte[]> file = read(path);
        if (file.isPresent()) {
            return HttpResponse.ok(file.get()).contentType(type(path))
                    .header(HttpHeaders.CACHE_CONTROL, path.startsWith("assets/") ? IMMUTABLE : "no-cache");
        }
        if (path.startsWith("assets/") || path.startsWith(SWAGGER) || lastSegment(path).contains(".")) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such file: /" + path);
        }
        return page(); // a route of the single-page app
    }

    private HttpResponse<byte[]> page() {
        byte[] index = read("index.html").orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "this build has no UI (the ui module was not packaged); the API is at /api"));
        return HttpResponse.ok(index).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private Optional<byte[]> read(String path) {
        byte[] cached = files.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        String resource = path.startsWith(SWAGGER) ? SWAGGER_ROOT + path.substring(SWAGGER.length()) : UI_ROOT + path;
        try (InputStream in = UiController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            files.put(path, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String path) {
        String name = lastSegment(path);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream" : TYPES.getOrDefault(name.substring(dot + 1), "application/octet-stream");
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
