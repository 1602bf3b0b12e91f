/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.tls;

import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented nginx setup ({@code proxy/nginx-site.conf}) in front of a real app, both on
 * 127.0.0.1: nginx accepts the config, ends TLS, and passes the event stream on unbuffered.
 * Skipped where nginx is not installed ({@code apt-get install nginx-light}).
 */
class NginxProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path prefix;

    @Test
    void nginxProxiesTheApiOverTlsAndPassesEventsOnAtOnce() throws Exception {
        Optional<Path> nginx = Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(nginx.isPresent(), "nginx is not installed (apt-get install nginx-light): the"
                + " documented proxy config is not checked");
        TestCertificates certificates = TestCertificates.create(prefix, "proxy");
        try (EmbeddedServer app = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("nginx"), "micronaut.server.port", "-1"))) {
            int port = freePort();
            Path config = writeConfig(certificates, app.getPort(), port);
            Process test = new ProcessBuilder(nginx.get().toString(), "-t", "-p", prefix.toString(), "-c", config.toString())
                    .redirectErrorStream(true).start();
            String checked = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(test.waitFor(30, TimeUnit.SECONDS) && test.exitValue() == 0, checked);

            Process proxy = new ProcessBuilder(nginx.get().toString(), "-p", prefix.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
            try {
                TestApp.await("nginx listening", TIMEOUT, () -> listening(port));
                HttpClient client = HttpClient.newBuilder().sslContext(certificates.clientContext())
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI base = URI.create("https://127.0.0.1:" + port);
                HttpResponse<String> status = client.send(HttpRequest.newBuilder(base.resolve("/api/status")).timeout(TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, status.statusCode(), status.body());
                assertEquals("max-age=31536000", status.headers().firstValue("Strict-Transport-Security").orElse(""));
                assertEquals("nosniff", status.headers().firstValue("X-Content-Type-Options").orElse(""));

                // the app writes a comment as soon as a stream opens: a buffering proxy would hold it back
                HttpResponse<Stream<String>> events = client.send(HttpRequest.newBuilder(base.resolve("/api/events"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                try {
                    assertEquals(200, events.statusCode());
                    Iterator<String> lines = events.body().iterator();
                    String first = CompletableFuture.supplyAsync(lines::next).get(5, TimeUnit.SECONDS);
                    assertTrue(first.startsWith(":"), first);
                } finally {
                    events.body().close();
                }
            } finally {
                proxy.destroy();
                if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The documented site config on test ports and certificates, inside a minimal main config. */
    private Path writeConfig(TestCertificates certificates, int appPort, int port) throws IOException {
        String site;
        try (InputStream in = NginxProxyTest.class.getResourceAsStream("/proxy/nginx-site.conf")) {
            site = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        site = replace(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;");
        site = replace(site, "listen 80;", "listen 127.0.0.1:" + freePort() + ";");
        site = replace(site, "/etc/letsencrypt/live/news.example.org/fullchain.pem", certificates.certificatePem().toString());
        site = replace(site, "/etc/letsencrypt/live/news.example.org/privkey.pem", certificates.privateKeyPem().toString());
        site = replace(site, "http://127.0.0.1:8080", "http://127.0.0.1:" + appPort);
        Path sitePath = Files.writeString(prefix.resolve("site.conf"), site);
        Files.createDirectories(prefix.resolve("logs"));
        String main = String.join("\n", List.of("daemon off;", "master_process off;", "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + ";", "events {}", "http {",
                "    access_log off;",
                "    client_body_temp_path " + prefix.resolve("body") + ";",
                "    proxy_temp_path " + prefix.resolve("proxy") + ";",
                "    fastcgi_temp_path " + prefix.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + prefix.resolve("uwsgi") + ";",
                "    scgi_temp_path " + prefix.resolve("scgi") + ";",
                "    include " + sitePath + ";", "}", ""));
        return Files.writeString(prefix.resolve("nginx.conf"), main);
    }

    private static String replace(String text, String documented, String test) {
        assertTrue(text.contains(documented), "the documented config no longer has: " + documented);
        return text.replace(documented, test);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
