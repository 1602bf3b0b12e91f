/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.sources;

import io.github.nativeshm.crawler.config.ConfigProblem;
import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A request about sources the API refuses: 400 with the problems of the source, 404, 409. Answered
 * as {@code application/problem+json}, with a {@code problems} list for 400.
 */
public final class SourceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient List<FieldProblem> problems;

    private SourceError(HttpStatus status, String detail, List<FieldProblem> problems) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** 400: the source has these problems. */
    public static SourceError invalid(List<ConfigProblem> problems) {
        List<FieldProblem> listed = SourceFiles.fieldProblems(problems);
        return invalidFields(listed);
    }

    /** 400: the request has these problems. */
    public static SourceError invalidFields(List<FieldProblem> problems) {
        String detail = problems.size() == 1 ? "the source has a problem: " + describe(problems.get(0))
                : "the source has " + problems.size() + " problems: " + String.join("; ",
                problems.stream().map(SourceError::describe).toList());
        return new SourceError(HttpStatus.BAD_REQUEST, detail, problems);
    }

    /** 400 about one field. */
    public static SourceError invalidField(String field, String value, String message) {
        return invalidFields(List.of(new FieldProblem(field, value, message)));
    }

    /** 404. */
    public static SourceError notFound(String detail) {
        return new SourceError(HttpStatus.NOT_FOUND, detail, List.of());
    }

    /** 409. */
    public static SourceError conflict(String detail) {
        return new SourceError(HttpStatus.CONFLICT, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    /** The problems of a 400, empty otherwise. */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static String describe(FieldProblem problem) {
        return (problem.field() == null ? "" : "field '" + problem.field() + "': ") + problem.message();
    }
}
