/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.sources.SourceError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refused source request: problem+json with its status, and for 400 the {@code problems} field by field. */
@Singleton
public class SourceErrorHandler implements ExceptionHandler<SourceError, HttpResponse<?>> {
    private final ProblemResponses problems;

    public SourceErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SourceError error) {
        MutableHttpResponse<Map<String, Object>> response = problems.processResponse(ErrorContext.builder(request)
                .cause(error).errorMessage(error.getMessage()).build(), HttpResponse.status(error.status()));
        if (!error.problems().isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>(response.body());
            body.put("problems", error.problems());
            response.body(body);
        }
        return response;
    }
}
