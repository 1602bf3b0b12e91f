/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.ops.AppStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

import java.util.Map;

/** Whether the app shows fresh data, and what keeps it from doing so. */
@Controller("/api/status")
public class StatusController {
    private final AppStatus status;

    public StatusController(AppStatus status) {
        this.status = status;
    }

    @Operation(summary = "The app's state", description = "ok, starting, config-invalid, crawler-down, segment-damaged or"
            + " not-publishing, one sentence about it, and each problem (config problems with file, source, field, value)")
    @Get
    public Map<String, Object> status() {
        return status.status().json();
    }
}
