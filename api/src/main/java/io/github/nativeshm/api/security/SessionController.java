/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.web.ProblemResponses;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.handlers.LoginHandler;
import io.micronaut.security.handlers.LogoutHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out of the UI: a session is a JWT, signed with the app's session key, in an
 * HttpOnly {@code SameSite=Strict} cookie that Micronaut Security writes, reads and clears.
 */
@Controller
public class SessionController {
    /** Who is signed in. */
    public static final String SESSION = "/api/session";
    /** Signing in. */
    public static final String LOGIN = "/api/login";
    /** Signing out. */
    public static final String LOGOUT = "/api/logout";

    private static final Logger LOG = LoggerFactory.getLogger(SessionController.class);

    /** The body of {@code POST /api/login}. */
    @Introspected
    public record Credentials(@Nullable String username, @Nullable String password) {
    }

    private final Access access;
    private final Users users;
    private final LoginThrottle throttle;
    private final LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler;
    private final LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler;

    public SessionController(Access access, Users users, LoginThrottle throttle,
                             LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> loginHandler,
                             LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> logoutHandler) {
        this.access = access;
        this.users = users;
        this.throttle = throttle;
        this.loginHandler = loginHandler;
        this.logoutHandler = logoutHandler;
    }

    @Operation(summary = "Who is signed in", description = "Always open. user and role are null without a session;"
            + " authRequired says whether reads need one; canEdit whether this session may change things without the"
            + " token")
    @Get(SESSION)
    public Map<String, Object> session(HttpRequest<?> request) {
        Optional<Access.Party> party = access.who(request);
        Map<String, Object> session = new HashMap<>();
        session.put("user", party.map(Access.Party::name).orElse(null));
        session.put("role", party.map(who -> who.role().id()).orElse(null));
        session.put("authRequired", access.readsNeedSignIn());
        session.put("canEdit", party.filter(who -> who.role() == Role.EDITOR).isPresent());
        return session;
    }

    @Operation(summary = "Sign in", description = "Body {username, password}. Sets the session cookie (HttpOnly,"
            + " SameSite=Strict); changes made with it need the header 'X-Requested-With: native-shm'. After 5 failures"
            + " within a minute for a user name from one address, 429 until the oldest is a minute old",
            responses = {
                @ApiResponse(responseCode = "200", description = "signed in: {user, role}"),
                @ApiResponse(responseCode = "400", description = "no username or password", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "401", description = "wrong user name or password", content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(responseCode = "429", description = "too many failures; Retry-After says how many seconds to wait", content = @Content(mediaType = "application/problem+json"))})
    @Post(LOGIN)
    @ExecuteOn(TaskExecutors.BLOCKING) // bcrypt takes a while on purpose
    public MutableHttpResponse<?> login(@Body @Nullable Credentials credentials, HttpRequest<?> request) {
        if (credentials == null || credentials.username() == null || credentials.username().isBlank()
                || credentials.password() == null) {
            return problem(request, HttpStatus.BAD_REQUEST, "send {\"username\": ..., \"password\": ...} as JSON");
        }
        String name = credentials.username();
        String address = address(request);
        Optional<Duration> wait = throttle.wait(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return problem(request, HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins for this user from this"
                    + " address; try again in " + seconds + " s").header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        Optional<Users.User> user = users.authenticate(name, credentials.password());
        if (user.isEmpty()) {
            throttle.failed(name, address);
            LOG.warn("failed sign-in as '{}' from {}", printable(name), address);
            return problem(request, HttpStatus.UNAUTHORIZED, users.list().isEmpty()
                    ? "nobody can sign in yet: add a user with `java -jar app.jar user add NAME`"
                    : "wrong user name or password");
        }
        throttle.succeeded(name, address);
        LOG.info("'{}' signed in from {}", name, address);
        Role role = user.get().role();
        return loginHandler.loginSuccess(Authentication.build(name, List.of(role.id())), request)
                .body(Map.of("user", name, "role", role.id()));
    }

    @Operation(summary = "Sign out", description = "Clears the session cookie")
    @Post(LOGOUT)
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        return logoutHandler.logout(request);
    }

    private static MutableHttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String detail) {
        return ProblemResponses.problem(HttpResponse.status(status), detail, request.getPath());
    }

    private static String address(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    /** The name as it may go into a log line: no line breaks or other control characters, not too long. */
    private static String printable(String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
    }
}
