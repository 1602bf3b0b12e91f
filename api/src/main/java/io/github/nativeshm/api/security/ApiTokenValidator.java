/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Makes {@code Authorization: Bearer <the api's token>} an authentication, an editor's, so that
 * scripts read and change with the token as before. Micronaut Security's bearer reader hands the
 * token here (and to the session cookies' JWT validator, which does not recognise it).
 */
@Singleton
public class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {
    /** The name of the authentication a token request has. */
    public static final String TOKEN_USER = "token";
    /** The authentication attribute that marks a token request (whose changes need no CSRF header). */
    public static final String VIA_TOKEN = "viaToken";

    private final ApiToken token;

    public ApiTokenValidator(ApiToken token) {
        this.token = token;
    }

    @Override
    public Publisher<Authentication> validateToken(String given, HttpRequest<?> request) {
        return token.matches(given)
                ? Mono.just(Authentication.build(TOKEN_USER, List.of(Role.EDITOR.id()), Map.of(VIA_TOKEN, true)))
                : Mono.empty();
    }
}
