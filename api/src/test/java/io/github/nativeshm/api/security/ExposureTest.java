/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.github.nativeshm.api.ApiTest;
import io.github.nativeshm.api.AppProcess;
import io.github.nativeshm.api.Http;
import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Listening on more than loopback, or served at a public URL through a proxy: refused without users, served with sign-in when there are some
 * (and there, where Micronaut's CORS filter does not step in first, another site's Origin is refused).
 */
class ExposureTest {
    @TempDir
    Path temp;

    @Test
    void listeningBeyondLoopbackWithoutUsersRefusesToStartInOneLineNamingTheFix() throws Exception {
        String address = lanAddress().map(InetAddress::getHostAddress).orElse("0.0.0.0");
        AppProcess.Result refused = AppProcess.run(Duration.ofSeconds(60), Map.of(), "--host", address, "--port", "0",
                "--no-crawler", "--segment", TestApp.uniqueSegment("exposed"), "--data-dir", temp.toString());
        assertNotEquals(0, refused.exitCode(), refused.toString());
        List<String> lines = refused.errLines();
        assertEquals(1, lines.size(), refused.err());
        assertEquals("app: cannot start: listening on " + address + " lets anyone who can reach it read everything:"
                + " add a user (`java -jar app.jar user add NAME`) or allow reads without sign-in explicitly"
                + " (app.auth.anonymous-reads=true)", lines.get(0));
    }

    @Test
    void servedAtAPublicUrlWithoutUsersRefusesToStartLikeListeningBeyondLoopback() {
        Map<String, Object> proxied = Map.of("app.crawler-enabled", "false", "app.segment", TestApp.uniqueSegment("proxied"),
                "app.data-dir", temp.toString(), "app.public-url", "https://news.example.org/",
                "micronaut.server.port", "-1");
        Throwable refused = assertThrows(RuntimeException.class, () -> ApplicationContext.run(EmbeddedServer.class, proxied));
        while (refused.getCause() != null) {
            refused = refused.getCause();
        }
        assertTrue(refused.getMessage().startsWith("being served at https://news.example.org/ (app.public-url) lets anyone"
                + " who can reach it read everything: add a user"), refused.getMessage());

        Map<String, Object> opened = new HashMap<>(proxied);
        opened.put("app.auth.anonymous-reads", "true");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, opened)) {
            assertEquals(false, new Http(server.getURI()).get("/api/session").json().get("authRequired").asBoolean());
        }
    }

    @Test
    void withUsersItServesItsAddressAndReadsNeedSignIn() throws Exception {
        Optional<InetAddress> address = lanAddress();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
        AuthTest.writeUsers(temp.resolve(AuthSettings.USERS_FILE), "erin", "erin-password", "editor");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("lan"), "app.data-dir", temp.toString(),
                "micronaut.server.host", address.get().getHostAddress(), "micronaut.server.port", "-1"))) {
            Http http = new Http(URI.create("http://" + address.get().getHostAddress() + ":" + server.getPort() + "/"));
            assertEquals(401, http.get("/api/status").status());
            assertTrue(http.get("/api/session").json().get("authRequired").asBoolean());

            // a change from another site's page: the session cookie would go along, the Origin gives it away
            Http.Answer login = http.sendBody("POST", "/api/login", "application/json",
                    "{\"username\":\"erin\",\"password\":\"erin-password\"}");
            String setCookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String crawl = "/api/sources/nope/crawl";
            ApiTest.assertProblem(http.send("POST", crawl, "Cookie", cookie, "X-Requested-With", "native-shm",
                    "Origin", "http://evil.example"), 403, "this site's own pages", "");
            assertNotEquals(403, http.send("POST", crawl, "Cookie", cookie, "X-Requested-With", "native-shm",
                    "Origin", http.base().toString().replaceAll("/$", "")).status());
        }
    }

    /** The machine's first IPv4 address that is not loopback, on an interface that is up. */
    private static Optional<InetAddress> lanAddress() throws SocketException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (face.isUp() && !face.isLoopback()) {
                Optional<InetAddress> address = face.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }
}
