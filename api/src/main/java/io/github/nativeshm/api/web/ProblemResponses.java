/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error the server answers, Micronaut's own (404, 405, 400 on unreadable input) and the
 * api's, as an RFC 9457 {@code application/problem+json} body whose {@code detail} says what was
 * wrong.
 */
@Singleton
public class ProblemResponses implements ErrorResponseProcessor<Map<String, Object>> {
    /** The media type of the bodies. */
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReason());
        problem.put("status", status.getCode());
        problem.put("detail", detail(context, status));
        problem.put("instance", context.getRequest().getPath());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.body(problem).contentType(PROBLEM_JSON);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        if (status.getCode() >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE) {
            return "the server failed to answer " + context.getRequest().getMethodName() + " "
                    + context.getRequest().getPath() + "; see its log"; // internals stay in the log
        }
        String messages = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return messages.isEmpty() ? status.getReason() : messages;
    }
}
