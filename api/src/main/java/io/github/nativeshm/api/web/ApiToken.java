package io.github.nativeshm.api.web;

import io.github.nativeshm.api.AppSettings;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The bearer token that mutating requests need: configured, or generated at start. */
@Singleton
public class ApiToken {
    private final String value;
    private final boolean generated;

    public ApiToken(AppSettings settings) {
        this.generated = settings.getToken() == null;
        this.value = generated ? random() : settings.getToken();
    }

    /** The token, to print once at start when it was generated. */
    public String value() {
        return value;
    }

    /** Whether it was generated (and so must be shown to the user). */
    public boolean isGenerated() {
        return generated;
    }

    /**
     * Accepts an {@code Authorization} header carrying the token.
     *
     * @throws HttpStatusException 401 otherwise
     */
    void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("this request needs the header 'Authorization: Bearer <token>' (the token is printed when"
                    + " the api starts, or set with --token)");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, value.getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("the bearer token is not the api's token");
        }
    }

    private static HttpStatusException unauthorized(String detail) {
        return new HttpStatusException(HttpStatus.UNAUTHORIZED, detail);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
