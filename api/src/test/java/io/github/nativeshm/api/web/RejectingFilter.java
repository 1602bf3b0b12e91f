/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Stands in for the authentication layer in SecurityHeadersTest (only where
 * {@code test.rejecting-filter} is set): a filter in the security phase that answers 401 itself
 * or fails with 403, before any controller.
 */
@Requires(property = "test.rejecting-filter")
@ServerFilter("/api/guarded/**")
public class RejectingFilter implements Ordered {
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    public @Nullable HttpResponse<?> reject(HttpRequest<?> request) {
        if (request.getPath().endsWith("/forbidden")) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "not for you");
        }
        return HttpResponse.unauthorized();
    }
}
