/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Answers 400 with a detail naming the parameter, its value and what is allowed. */
final class BadRequest {
    private BadRequest() {
    }

    static HttpStatusException parameter(String name, String value, String allowed) {
        return new HttpStatusException(HttpStatus.BAD_REQUEST,
                name + ": '" + abbreviate(value) + "' is not allowed; allowed: " + allowed);
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
