/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.segment.CrawlerData;
import io.github.nativeshm.api.segment.Snapshot;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The benchmarks' control for {@code GET /api/items}: the same query over a snapshot taken once
 * and kept on the heap, so the difference between the two is the cost of reading shared memory.
 * Only with {@code app.bench-control=true}.
 */
@Hidden
@Controller("/bench/items")
@Requires(property = "app.bench-control", value = "true")
public class HeapControlController {
    private final CrawlerData data;
    private volatile Snapshot frozen;

    public HeapControlController(CrawlerData data) {
        this.data = data;
    }

    @Get
    public ItemsController.ItemPage list(@QueryValue @Nullable String source, @QueryValue @Nullable String q,
                                         @QueryValue @Nullable String sort, @QueryValue @Nullable String limit,
                                         @QueryValue @Nullable String cursor) {
        Snapshot snapshot = frozen;
        if (snapshot == null) {
            snapshot = data.snapshot();
            frozen = snapshot;
        }
        return ItemsController.page(snapshot, source, q, sort, limit, cursor);
    }
}
