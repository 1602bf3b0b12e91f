/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.sources;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * One problem of a source sent to the API, as the crawler's config reader found it.
 *
 * @param field   the dotted path of the key ({@code url}, {@code selectors.title}); null when the whole source is wrong
 * @param value   the value as sent (shortened if long); null when the key is missing or holds a list or mapping
 * @param message what is wrong and what is allowed, the crawler's own words
 */
@Introspected
public record FieldProblem(@Nullable String field, @Nullable String value, String message) {
}
