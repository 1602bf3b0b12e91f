/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.web;

import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of response carries the security headers, including the errors Micronaut answers
 * before any controller runs; HSTS only over TLS (TlsTest checks the TLS side); CORS stays off.
 */
class SecurityHeadersTest {
    private static EmbeddedServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("headers"), "app.token", TestApp.TOKEN,
                "micronaut.server.port", "-1", "micronaut.server.max-request-size", "4096", "test.rejecting-filter", "true"));
        http = new Http(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonAndTheUiAndProblemsCarryTheHeaders() {
        assertProtected(200, http.get("/api/status"));
        assertProtected(200, http.get("/")); // the UI's index.html, or the problem saying this build has none
        assertProtected(200, http.get("/sources")); // a route of the single-page app
        assertProtected(404, http.get("/api/no-such-endpoint"));
        assertProtected(404, http.get("/assets/no-such-file.js"));
        assertProtected(503, http.get("/api/items")); // no crawler in this test: an exception handler's problem
        assertProtected(400, http.send("GET", "/api/events", "Last-Event-ID", "nonsense"));
        assertProtected(401, http.sendBody("POST", "/api/sources/preview", "application/json", "{}"));
    }

    @Test
    void errorsAnsweredBeforeAnyControllerCarryTheHeaders() {
        assertProtected(405, http.send("DELETE", "/api/status"));
        assertProtected(400, http.sendBody("POST", "/api/sources/preview", "application/json", "{\"url\": ",
                "Authorization", "Bearer " + TestApp.TOKEN));
        assertProtected(413, http.sendBody("POST", "/api/sources/preview", "application/json",
                "{\"url\": \"" + "x".repeat(10_000) + "\"}", "Authorization", "Bearer " + TestApp.TOKEN));
    }

    @Test
    void answersOfAFilterInTheSecurityPhaseCarryTheHeaders() {
        assertProtected(401, http.get("/api/guarded/items"));
        assertProtected(403, http.get("/api/guarded/forbidden"));
    }

    @Test
    void theEventStreamCarriesTheHeadersAndAsksProxiesNotToBufferIt() throws Exception {
        HttpResponse<Stream<String>> events = http.client().sendAsync(HttpRequest.newBuilder(http.base().resolve("/api/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        try {
            assertEquals(200, events.statusCode());
            assertTrue(events.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertHeaders(events.headers());
            assertEquals("no", events.headers().firstValue("X-Accel-Buffering").orElse(""), events.headers().toString());
        } finally {
            events.body().close();
        }
    }

    @Test
    void aCrossOriginPreflightGetsNoPermission() {
        Http.Answer preflight = http.send("OPTIONS", "/api/items", "Origin", "https://elsewhere.example",
                "Access-Control-Request-Method", "GET");
        assertFalse(preflight.raw().headers().firstValue("Access-Control-Allow-Origin").isPresent(), preflight.raw().headers().toString());
        assertHeaders(preflight.raw().headers());
        Http.Answer read = http.send("GET", "/api/status", "Origin", "https://elsewhere.example");
        assertFalse(read.raw().headers().firstValue("Access-Control-Allow-Origin").isPresent(), read.raw().headers().toString());
    }

    private static void assertProtected(int status, Http.Answer answer) {
        boolean noUi = answer.status() == 404 && answer.body().contains("this build has no UI");
        assertEquals(noUi ? 404 : status, answer.status(), answer.toString());
        assertHeaders(answer.raw().headers());
        assertFalse(answer.raw().headers().firstValue("X-Accel-Buffering").isPresent(), answer.toString());
    }

    private static void assertHeaders(HttpHeaders headers) {
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, headers.firstValue("Content-Security-Policy").orElse(""),
                headers.toString());
        assertEquals(1, headers.allValues("Content-Security-Policy").size(), headers.toString());
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), headers.toString());
        assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(""), headers.toString());
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""), headers.toString());
        assertFalse(headers.firstValue("Strict-Transport-Security").isPresent(), "HSTS over plain HTTP: " + headers);
    }
}
