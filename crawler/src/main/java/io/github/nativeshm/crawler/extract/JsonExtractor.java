/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.extract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nativeshm.crawler.config.JsonPointers;
import io.github.nativeshm.crawler.config.SourceConfig;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads items from JSON with the JSON pointers of {@link JsonPointers}. Numbers may be JSON numbers
 * or text ({@code "1.2k"}); times may be UNIX seconds (whole or not, such as Reddit's
 * {@code 1671811200.0}) or milliseconds, as JSON numbers or text, or text in any form {@link Times} reads.
 */
public final class JsonExtractor implements Extractor {
    static final JsonExtractor INSTANCE = new JsonExtractor();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Extraction extract(String body, URI baseUrl, SourceConfig source, ExtractionTrace trace)
            throws ExtractionException {
        final JsonPointers pointers = source.pointers().orElseThrow(() -> new IllegalArgumentException(
                "source '" + source.id() + "' is of kind " + source.kind().configName() + ", not json"));
        final JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            throw new ExtractionException(source.id(), "the response is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ExtractionException(source.id(), "the response is empty, not JSON");
        }
        final JsonNode items = root.at(pointers.items());
        if (!items.isArray()) {
            throw new ExtractionException(source.id(), "the items pointer '" + pointers.items() + "' "
                    + (items.isMissingNode() ? "reaches nothing" : "reaches " + kindOf(items))
                    + " in the response; it must reach an array");
        }
        final ItemCollector out = new ItemCollector(source, baseUrl, trace);
        int position = 0;
        for (JsonNode item : items) {
            if (out.full()) {
                break;
            }
            if (trace != null) {
                trace.begin(++position);
                out.add("item " + position,
                        traced(trace, "title", item, Optional.of(pointers.title())),
                        traced(trace, "link", item, Optional.of(pointers.link())),
                        traced(trace, "score", item, pointers.score()),
                        traced(trace, "comments", item, pointers.comments()),
                        traced(trace, "author", item, pointers.author()),
                        traced(trace, "time", item, pointers.time()));
                continue;
            }
            out.add("item " + ++position,
                    text(item, pointers.title()),
                    text(item, pointers.link()),
                    text(item, pointers.score()),
                    text(item, pointers.comments()),
                    text(item, pointers.author()),
                    text(item, pointers.time()));
        }
        return out.result();
    }

    /**
     * The value at {@code pointer} as text when it is a string or number, numbers written out in full
     * ({@code 1671811200.0} as {@code 1671811200}, not {@code 1.6718112E9}); null otherwise.
     */
    private static String text(JsonNode item, JsonPointer pointer) {
        final JsonNode v = item.at(pointer);
        return v.isNumber() ? v.decimalValue().toPlainString() : v.isTextual() ? v.asText() : null;
    }

    private static String text(JsonNode item, Optional<JsonPointer> pointer) {
        return pointer.map(p -> text(item, p)).orElse(null);
    }

    private static String traced(ExtractionTrace trace, String name, JsonNode item, Optional<JsonPointer> pointer) {
        if (pointer.isEmpty()) {
            return null;
        }
        final String v = text(item, pointer.get());
        trace.found(name, pointer.get().toString(), v);
        return v;
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
