/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.security.AuthSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code app.jar user add|list|remove} with the password on standard input (no terminal here), then
 * signing in as that user on a real server, and the session ending when the user is removed.
 */
class UserCommandTest {
    private static final String PASSWORD = "carol's long password";

    @TempDir
    Path dataDir;

    @Test
    void anAddedUserCanSignInUntilRemoved() throws Exception {
        Run tooShort = run("short\n", "user", "add", "carol", "--data-dir", dataDir.toString());
        assertEquals(Application.BAD_USAGE, tooShort.exitCode());
        assertTrue(tooShort.err().contains("the password needs at least 8 characters"), tooShort.err());
        assertEquals(Application.BAD_USAGE, run("", "user", "add", "carol", "--role", "admin", "--data-dir",
                dataDir.toString()).exitCode());

        Run added = run(PASSWORD + "\n", "user", "add", "carol", "--role", "viewer", "--data-dir", dataDir.toString());
        assertEquals(0, added.exitCode(), added.err());
        Path users = dataDir.resolve(AuthSettings.USERS_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertTrue(Files.readString(users).contains("$2a$12$"), "bcrypt with cost 12");
        assertEquals("carol viewer\n", run("", "user", "list", "--data-dir", dataDir.toString()).out());

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("users"), "app.data-dir", dataDir.toString(),
                "micronaut.server.port", "-1"))) {
            Http http = new Http(server.getURI());
            Http.Answer login = http.sendBody("POST", "/api/login", "application/json",
                    "{\"username\":\"carol\",\"password\":\"" + PASSWORD.replace("'", "\\u0027") + "\"}");
            assertEquals(200, login.status(), login.toString());
            assertEquals("viewer", login.json().get("role").asText());
            String setCookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            assertEquals(200, http.send("GET", "/api/status", "Cookie", cookie).status());

            assertEquals(0, run("", "user", "remove", "carol", "--data-dir", dataDir.toString()).exitCode());
            assertTrue(http.send("GET", "/api/session", "Cookie", cookie).json().get("user").isNull(),
                    "the session ends with the user");
        }
        Run again = run("", "user", "remove", "carol", "--data-dir", dataDir.toString());
        assertEquals(Application.FAILED, again.exitCode());
        assertTrue(again.err().contains("no user 'carol'"), again.err());
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the app's command line in this JVM with {@code stdin} as standard input. */
    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exitCode = new CommandLine(new Application()).execute(args);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
    }
}
