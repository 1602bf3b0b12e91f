/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.web.router.RouteAttributes;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who may do what, once Micronaut Security has authenticated the request (session cookie
 * or bearer token; its own rules let everything through so that each refusal here can say what to
 * do instead):
 * <ul>
 * <li>a {@code Host} that is not one of the app's names: 421 (DNS rebinding);</li>
 * <li>reads of {@code /api/**}, {@code /prometheus}: open while sign-in is off (or
 *     {@code app.auth.anonymous-reads}), else a session or the token, else 401;</li>
 * <li>changes: the token, or an editor's session with {@value #CSRF_HEADER}{@code : }{@value #CSRF_VALUE}
 *     and an {@code Origin}, if sent, of this host; else 401 or 403;</li>
 * <li>the UI's files, {@code /swagger/}, {@code /api/session}, {@code /api/login}, {@code /api/logout}
 *     and {@code /health} (its status only, without sign-in) are open.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter implements Ordered {
    /**
     * The header a session's changes need. Browsers send a custom header only to the page's own
     * origin (CORS is off), so a page of another site cannot make a signed-in browser change things.
     */
    public static final String CSRF_HEADER = "X-Requested-With";
    /** Its value. */
    public static final String CSRF_VALUE = "native-shm";

    private static final Set<String> OPEN = Set.of(SessionController.SESSION, SessionController.LOGIN,
            SessionController.LOGOUT);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Access access;
    private final Exposure exposure;

    public AccessFilter(Access access, Exposure exposure) {
        this.access = access;
        this.exposure = exposure;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after(); // after Micronaut Security has authenticated the request
    }

    /** The refusal of {@code request}, or null to let it through. */
    @RequestFilter
    public @Nullable MutableHttpResponse<?> check(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (!exposure.allowsHost(host)) {
            return refuse(request, HttpStatus.MISDIRECTED_REQUEST, "this server does not answer to the name '" + host
                    + "'; an operator may add it to app.allowed-hosts");
        }
        String path = routedPath(request);
        if (OPEN.contains(path) || !guarded(path)) {
            return null;
        }
        Optional<Access.Party> party = access.who(request);
        if (READS.contains(request.getMethod())) {
            return party.isPresent() || !access.readsNeedSignIn() ? null : refuse(request, HttpStatus.UNAUTHORIZED,
                    "sign in first (POST " + SessionController.LOGIN + ") or send 'Authorization: Bearer <token>'");
        }
        if (RouteAttributes.getRouteMatch(request).isEmpty()) {
            return null; // no such endpoint: the 404 or 405 says so
        }
        if (party.isEmpty()) {
            return refuse(request, HttpStatus.UNAUTHORIZED, request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                    ? "the bearer token is not the api's token, and there is no session"
                    : "this request needs the header 'Authorization: Bearer <token>' (`java -jar app.jar token` shows"
                    + " it) or an editor's session");
        }
        if (party.get().viaToken()) {
            return null;
        }
        if (party.get().role() != Role.EDITOR) {
            return refuse(request, HttpStatus.FORBIDDEN, "'" + party.get().name() + "' is a "
                    + party.get().role().id() + " and may not change anything");
        }
        if (!CSRF_VALUE.equals(request.getHeaders().get(CSRF_HEADER))) {
            return refuse(request, HttpStatus.FORBIDDEN, "a change made with a session needs the header '"
                    + CSRF_HEADER + ": " + CSRF_VALUE + "'");
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !sameAuthority(origin, host)) {
            return refuse(request, HttpStatus.FORBIDDEN, "a change made with a session must come from this site's own"
                    + " pages (Origin " + origin + ")");
        }
        return null;
    }

    /** Without sign-in, {@code /health} says its status only; the details name files and sources. */
    @ResponseFilter
    public void hideHealthDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (routedPath(request).equals("/health") && access.readsNeedSignIn() && access.who(request).isEmpty()
                && response.getBody().orElse(null) instanceof HealthResult health) {
            response.body(Map.of("status", health.getStatus().getName()));
        }
    }

    /**
     * The path as the router reads it: it takes {@code //api/status} and {@code /./api/status} for
     * {@code /api/status}, so the rules must too. Dot segments are resolved further than the router
     * does ({@code /x/../api}), which only guards more; a path that cannot be read is guarded.
     */
    private static String routedPath(HttpRequest<?> request) {
        try {
            return URI.create(request.getPath().replaceAll("/{2,}", "/")).normalize().getRawPath()
                    .replaceFirst("^(/\\.\\.)+(?=/|$)", "");
        } catch (IllegalArgumentException e) {
            return "/api/"; // unreadable: as guarded as the api
        }
    }

    private static boolean guarded(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/prometheus")
                || path.startsWith("/bench/");
    }

    private static boolean sameAuthority(String origin, @Nullable String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static MutableHttpResponse<?> refuse(HttpRequest<?> request, HttpStatus status, String detail) {
        return ProblemResponses.problem(HttpResponse.status(status), detail, request.getPath());
    }
}
