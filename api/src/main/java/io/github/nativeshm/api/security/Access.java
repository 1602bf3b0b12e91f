/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Whether sign-in is on, and who a request comes from. */
@Singleton
public class Access {
    /**
     * Who a request comes from.
     *
     * @param name     the user's name, or {@value ApiTokenValidator#TOKEN_USER} for the bearer token
     * @param role     the user's role as the users file has it now (the token's is editor)
     * @param viaToken whether the request carries the bearer token (then changes need no CSRF header)
     */
    public record Party(String name, Role role, boolean viaToken) {
    }

    private final AuthSettings settings;
    private final Users users;

    public Access(AuthSettings settings, Users users) {
        this.settings = settings;
        this.users = users;
    }

    /** Whether reading needs a session or the token: sign-in is on and reads are not opened explicitly. */
    public boolean readsNeedSignIn() {
        return required() && !settings.isAnonymousReads();
    }

    /** Whether sign-in is on: the users file lists a user, or {@code app.auth.required}. */
    public boolean required() {
        return settings.isRequired() || !users.list().isEmpty();
    }

    /**
     * Who {@code request} comes from, as Micronaut Security authenticated it (session cookie or
     * bearer token). A session of a user since removed from the users file counts for nobody, and
     * a changed role counts at once.
     */
    public Optional<Party> who(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).flatMap(authentication -> {
            if (Boolean.TRUE.equals(authentication.getAttributes().get(ApiTokenValidator.VIA_TOKEN))) {
                return Optional.of(new Party(authentication.getName(), Role.EDITOR, true));
            }
            return users.find(authentication.getName()).map(user -> new Party(user.name(), user.role(), false));
        });
    }
}
