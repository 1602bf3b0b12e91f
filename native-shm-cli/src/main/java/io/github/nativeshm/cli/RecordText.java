/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decoded structs on one line, for text output: {@code {id=7, code="ACME", sizes=[1, 2]}}.
 * Strings are quoted and escaped as in JSON, so that a line always reads unambiguously.
 */
final class RecordText {
    private RecordText() {
    }

    static String format(Object value) {
        if (value instanceof String text) {
            return Json.quote(text, false);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> entry.getKey() + "=" + format(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordText::format).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
