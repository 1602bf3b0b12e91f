/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.api.segment.SegmentUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A segment failure no endpoint turned into a {@link SegmentUnavailableException} is still about
 * the segment, not a bug of the server: 503 with its reason, as {@link SegmentUnavailableHandler}
 * answers, never 500.
 */
@Singleton
public class SegmentFailureHandler implements ExceptionHandler<SegmentException, HttpResponse<?>> {
    private final SegmentUnavailableHandler unavailable;

    public SegmentFailureHandler(SegmentUnavailableHandler unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SegmentException exception) {
        return unavailable.handle(request, new SegmentUnavailableException(SegmentUnavailableException.Why.DAMAGED,
                exception.getMessage(), exception));
    }
}
