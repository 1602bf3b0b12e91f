/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.api.ApiTest;
import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in on a real server on 127.0.0.1 with two users (an editor and a viewer): reads need a
 * session or the token, changes the token or an editor's session with the CSRF header, failed
 * sign-ins are limited and logged, and a foreign {@code Host} is refused.
 */
class AuthTest {
    private static final String EDITOR_PASSWORD = "editor-password";
    private static final String VIEWER_PASSWORD = "viewer-password";
    /** Only the rate limit test signs in as dave, whom it leaves locked out. */
    private static final String DAVE_PASSWORD = "dave-password";
    private static final String CRAWL = "/api/sources/nope/crawl";

    @TempDir
    static Path temp;
    static EmbeddedServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        Path dataDir = temp.resolve("data");
        writeUsers(dataDir.resolve(AuthSettings.USERS_FILE), "alice", EDITOR_PASSWORD, "editor", "bob", VIEWER_PASSWORD,
                "viewer", "dave", DAVE_PASSWORD, "editor");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("auth"), "app.data-dir", dataDir.toString(),
                "app.token", TestApp.TOKEN, "app.public-url", "https://news.example.org/",
                "micronaut.server.port", "-1"));
        http = new Http(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Writes a users file the way {@code app.jar user add} does, with a cheap bcrypt cost so that the
     * tests stay fast (the cost is part of each hash).
     */
    static void writeUsers(Path file, String... nameAndPasswordAndRole) throws IOException {
        BCryptPasswordEncoder cheap = new BCryptPasswordEncoder(4);
        StringBuilder yaml = new StringBuilder("users:\n");
        for (int i = 0; i < nameAndPasswordAndRole.length; i += 3) {
            yaml.append("  - name: ").append(nameAndPasswordAndRole[i]).append("\n    password: \"")
                    .append(cheap.encode(nameAndPasswordAndRole[i + 1])).append("\"\n    role: ")
                    .append(nameAndPasswordAndRole[i + 2]).append('\n');
        }
        Files.createDirectories(file.getParent());
        OwnerOnly.write(file, yaml.toString());
    }

    @Test
    void readsNeedASessionOrTheTokenAndTheUiAndHealthStayOpen() throws Exception {
        JsonNode anonymous = http.get("/api/session").json();
        assertTrue(anonymous.get("user").isNull(), anonymous.toString());
        assertTrue(anonymous.get("authRequired").asBoolean());
        assertFalse(anonymous.get("canEdit").asBoolean());

        Http.Answer refused = http.get("/api/status");
        ApiTest.assertProblem(refused, 401, "sign in first (POST /api/login)", "Authorization: Bearer");
        assertEquals(List.of("Bearer"), refused.raw().headers().allValues("WWW-Authenticate")); // never Basic
        assertEquals(401, events(null));
        assertEquals(200, http.get("/").status());
        assertEquals(200, http.get("/items").status());
        JsonNode health = http.get("/health").json();
        assertTrue(health.size() == 1 && health.has("status"), health.toString());

        String cookie = login("alice", EDITOR_PASSWORD);
        assertEquals(200, http.send("GET", "/api/status", "Cookie", cookie).status());
        assertEquals(200, events(cookie));
        JsonNode session = http.send("GET", "/api/session", "Cookie", cookie).json();
        assertEquals("alice", session.get("user").asText());
        assertEquals("editor", session.get("role").asText());
        assertTrue(session.get("canEdit").asBoolean());
        assertTrue(http.send("GET", "/health", "Cookie", cookie).json().has("details"));

        assertEquals(200, http.send("GET", "/api/status", "Authorization", "Bearer " + TestApp.TOKEN).status());
    }

    @Test
    void changesNeedTheTokenOrAnEditorsSessionWithTheHeaderFromThisSite() {
        String editor = login("alice", EDITOR_PASSWORD);
        ApiTest.assertProblem(http.send("POST", CRAWL, "Cookie", editor), 403, "X-Requested-With: native-shm", "");
        assertAllowed(http.send("POST", CRAWL, "Cookie", editor, "X-Requested-With", "native-shm"));
        // (on loopback Micronaut's own CORS filter already refuses another site's Origin; AccessFilter would too)
        assertEquals(403, http.send("POST", CRAWL, "Cookie", editor, "X-Requested-With", "native-shm",
                "Origin", "http://evil.example").status());

        String viewer = login("bob", VIEWER_PASSWORD);
        ApiTest.assertProblem(http.send("POST", CRAWL, "Cookie", viewer, "X-Requested-With", "native-shm"), 403,
                "'bob' is a viewer", "");
        assertFalse(http.send("GET", "/api/session", "Cookie", viewer).json().get("canEdit").asBoolean());

        assertAllowed(http.send("POST", CRAWL, "Authorization", "Bearer " + TestApp.TOKEN));
        ApiTest.assertProblem(http.send("POST", CRAWL), 401, "Authorization: Bearer <token>", "");
        ApiTest.assertProblem(http.send("POST", CRAWL, "Authorization", "Bearer not-the-token-at-all"), 401,
                "not the api's token", "");
    }

    @Test
    void logoutClearsTheCookie() {
        String cookie = login("alice", EDITOR_PASSWORD);
        Http.Answer out = http.send("POST", "/api/logout", "Cookie", cookie);
        assertEquals(200, out.status(), out.toString());
        String cleared = out.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cleared.startsWith("native-shm-session=;") && cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void failedSignInsAreLoggedWithoutThePasswordAndLimited() {
        Logger log = (Logger) LoggerFactory.getLogger(SessionController.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                ApiTest.assertProblem(loginAnswer("dave", "guess-" + i), 401, "wrong user name or password", "");
            }
        } finally {
            log.detachAppender(lines);
        }
        Http.Answer limited = loginAnswer("dave", DAVE_PASSWORD); // even the right password waits now
        ApiTest.assertProblem(limited, 429, "too many failed sign-ins", "");
        long retryAfter = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, Long.toString(retryAfter));

        assertEquals(LoginThrottle.MAX_FAILURES, lines.list.size());
        ILoggingEvent line = lines.list.get(0);
        assertEquals("WARN", line.getLevel().toString());
        assertEquals("failed sign-in as 'dave' from 127.0.0.1", line.getFormattedMessage());
        assertFalse(lines.list.stream().anyMatch(event -> event.getFormattedMessage().contains("guess")));
    }

    @Test
    void anotherSpellingOfAGuardedPathIsGuardedToo() throws IOException {
        // the router takes each of these for an /api/ path (//api/status and /./api/status answered 200 once)
        for (String path : List.of("//api/status", "/./api/status", "/api/./status", "//api/items", "/.//api/events",
                "///prometheus")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 401"), path + ": " + answer);
        }
        String health = raw("GET //health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertFalse(health.contains("\"details\""), health);
    }

    @Test
    void aForeignHostIsRefused() throws IOException {
        String answer = raw("GET /api/session HTTP/1.1\r\nHost: rebound.example:" + server.getPort()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("app.allowed-hosts"), answer);
        for (String name : List.of("localhost", "127.0.0.1", "[::1]", "LOCALHOST.", "news.example.org")) {
            assertTrue(raw("GET /api/session HTTP/1.1\r\nHost: " + name + ":" + server.getPort()
                    + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"), name);
        }
    }

    /** Past the access check the endpoint itself answers (without a crawler: 503, no segment). */
    private static void assertAllowed(Http.Answer answer) {
        assertFalse(List.of(401, 403, 421).contains(answer.status()), answer.toString());
    }

    /** Signs in, checks the cookie's attributes, and returns it as a {@code Cookie} header value. */
    static String login(String user, String password) {
        Http.Answer answer = loginAnswer(user, password);
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(user, answer.json().get("user").asText());
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        String attributes = setCookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(attributes.contains("; httponly") && attributes.contains("; samesite=strict")
                && attributes.contains("; path=/") && !attributes.contains("secure"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static Http.Answer loginAnswer(String user, String password) {
        return http.sendBody("POST", "/api/login", "application/json",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    /** The status of {@code GET /api/events}, closing the stream once it is open. */
    private static int events(String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.base().resolve(URI.create("/api/events")))
                .header("Accept", "text/event-stream");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<InputStream> response = http.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** Sends {@code request} as it is (java.net.http will not send a Host of our choosing) and returns the answer. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
