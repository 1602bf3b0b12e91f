/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.DataDirectory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The users file, and the key that signs the session cookies. */
@Factory
public class AccessBeans {
    /** The file in the data directory that keeps the session signing key. */
    public static final String SESSION_KEY = "session-key";

    @Singleton
    Users users(AuthSettings settings, DataDirectory dataDirectory) {
        return new Users(settings.usersFile(dataDirectory.path()));
    }

    /**
     * Signs and checks the session cookies (HS256) with a key generated once into
     * {@code <data-dir>/session-key} (owner-only), so that sessions survive a restart and no
     * secret has to be configured. Deleting the file signs everyone out at the next start.
     */
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration sessionSignature(DataDirectory dataDirectory) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(sessionKey(dataDirectory));
        return new SecretSignature(configuration);
    }

    private static String sessionKey(DataDirectory dataDirectory) {
        Path file = dataDirectory.path().resolve(SESSION_KEY);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32]; // HS256 needs 256 bits
                new SecureRandom().nextBytes(bytes);
                try {
                    dataDirectory.createPrivateFile(SESSION_KEY, Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(bytes) + "\n");
                } catch (FileAlreadyExistsException e) {
                    // another start made it meanwhile: use that one
                }
            }
            OwnerOnly.check(file);
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.length() < 32) {
                throw new ConfigurationException(file + ": the session key is too short; delete the file to have a"
                        + " new one made (everyone signs in again)");
            }
            return key;
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read or write the session key (" + e + ")");
        }
    }
}
