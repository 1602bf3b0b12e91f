/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** No readable segment: 503 with the reason, and a hint to retry soon. */
@Singleton
public class SegmentUnavailableHandler implements ExceptionHandler<SegmentUnavailableException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> problems;

    public SegmentUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SegmentUnavailableException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage(exception.getMessage()).build(), HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"));
    }
}
