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
        return problem(response, detail(context, response.getStatus()), context.getRequest().getPath());
    }

    /**
     * Gives {@code response} the problem body for its status, for answers made outside exception
     * handling (filters, and responses that need their own headers such as {@code Retry-After}).
     *
     * @param detail   what was wrong, in one sentence
     * @param instance the request's path
     */
    public static MutableHttpResponse<Map<String, Object>> problem(MutableHttpResponse<?> response, String detail,
                                                                   String instance) {
        HttpStatus status = response.getStatus();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReason());
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        problem.put("instance", instance);
        if (status == HttpStatus.UNAUTHORIZED) {
            // Bearer, never Basic: a Basic challenge makes browsers pop up their own login dialog
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
