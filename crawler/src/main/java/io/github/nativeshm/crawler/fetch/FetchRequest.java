/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.crawler.fetch;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One URL to GET, with extra request headers and the validators of the previous fetch.
 *
 * @param url        absolute {@code http} or {@code https} URL
 * @param headers    extra headers (for example {@code Accept}); they replace the fetcher's own of
 *                   the same name, {@code User-Agent} included
 * @param validators from the previous {@link FetchResult#validators()}, or {@link Validators#NONE}
 */
public record FetchRequest(URI url, Map<String, String> headers, Validators validators) {
    // The JDK client refuses these; saying so here gives a clearer message than its exception.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /**
     * Checks and copies the request.
     *
     * @throws IllegalArgumentException if the URL is not absolute http(s) with a host, or a header
     *                                  is one the HTTP client sets itself
     */
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(validators, "validators");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http(s) URL with a host, url=" + url);
        }
        for (String name : headers.keySet()) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header is set by the HTTP client and cannot be given, header="
                        + name);
            }
        }
        headers = Map.copyOf(headers);
    }

    /**
     * An unconditional GET of {@code url}.
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL
     */
    public static FetchRequest of(String url) {
        return of(URI.create(url));
    }

    /** An unconditional GET of {@code url}. */
    public static FetchRequest of(URI url) {
        return new FetchRequest(url, Map.of(), Validators.NONE);
    }

    /** This request with one more header (replacing one of the same name). */
    public FetchRequest withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        more.put(name, value);
        return new FetchRequest(url, more, validators);
    }

    /** This request made conditional on {@code previous}. */
    public FetchRequest withValidators(Validators previous) {
        return new FetchRequest(url, headers, previous);
    }
}
