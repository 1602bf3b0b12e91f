/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The browser-side protections on every response the server sends: the API's JSON, error
 * problems, the UI's files, the event stream, and answers from the other filters (401, 403).
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, fonts and requests only from the app
 *       itself, no plugins, no framing, forms only to the app;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer},
 *       {@code X-Frame-Options: DENY} (frame-ancestors for older browsers);</li>
 *   <li>{@code Strict-Transport-Security} on responses sent over TLS only: over plain HTTP a
 *       browser ignores it, and behind a TLS-terminating proxy the proxy sets it.</li>
 * </ul>
 * Event streams also get {@code X-Accel-Buffering: no}, so that nginx passes each event on at
 * once even where its buffering was not turned off.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders implements Ordered {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";
    /** One year: a browser that saw HTTPS once keeps using it. */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    @Override
    public int getOrder() {
        // outermost, so that it also sees the responses of the filters inside it (authentication)
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
        if (request.isSecure()) {
            response.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        if (response.getContentType().filter(MediaType.TEXT_EVENT_STREAM_TYPE::matches).isPresent()) {
            response.header("X-Accel-Buffering", "no");
        }
    }
}
