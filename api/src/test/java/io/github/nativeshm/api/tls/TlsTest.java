/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.tls;

import io.github.nativeshm.api.AppProcess;
import io.github.nativeshm.api.TestApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.netty.NettyHttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS from PEM files or a PKCS#12 key store: a real server on 127.0.0.1, a real TLS handshake
 * with a certificate made for the test, no plain HTTP beside it, and bad files refused at start
 * with one line naming the key.
 */
class TlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path directory;

    private static TestCertificates server;
    private static TestCertificates other;
    private static Path passwordFile;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = TestCertificates.create(directory, "server");
        other = TestCertificates.create(directory, "other");
        passwordFile = ownerOnly(directory.resolve("password"), server.password() + "\n");
    }

    @Test
    void pemFilesServeHttpsOnlyOnTheConfiguredPort() throws Exception {
        try (EmbeddedServer app = start(Map.of(TlsSetup.CERTIFICATE, server.certificatePem().toString(),
                TlsSetup.PRIVATE_KEY, server.privateKeyPem().toString()))) {
            assertEquals("https", app.getScheme());
            assertEquals(Set.of(app.getPort()), ((NettyHttpServer) app).getBoundPorts(), "one port, HTTPS");
            assertHttpsAnswers(app.getPort());
            assertPlainHttpFails(app.getPort());
        }
    }

    @Test
    void aPkcs12KeyStoreWithItsPasswordFromAnOwnerOnlyFileOrTheEnvironmentServesHttps() throws Exception {
        try (EmbeddedServer app = start(Map.of(TlsSetup.KEY_STORE, server.keyStore().toString(),
                TlsSetup.KEY_STORE_PASSWORD_FILE, passwordFile.toString()))) {
            assertHttpsAnswers(app.getPort());
            assertPlainHttpFails(app.getPort());
        }
        // APP_TLS_KEY_STORE_PASSWORD in the environment is this key to Micronaut
        try (EmbeddedServer app = start(Map.of(TlsSetup.KEY_STORE, server.keyStore().toString(),
                TlsSetup.KEY_STORE_PASSWORD, server.password()))) {
            assertHttpsAnswers(app.getPort());
        }
    }

    @Test
    void badFilesAreRefusedNamingTheKeyAndTheProblem() throws Exception {
        String cert = server.certificatePem().toString();
        String key = server.privateKeyPem().toString();
        Path missing = directory.resolve("missing.pem");
        assertRefused("app.tls.certificate: cannot read " + missing, Map.of(TlsSetup.CERTIFICATE, missing.toString(),
                TlsSetup.PRIVATE_KEY, key));
        assertRefused("app.tls.private-key: " + server.certificatePem() + " is not a PEM file with a PRIVATE KEY",
                Map.of(TlsSetup.CERTIFICATE, cert, TlsSetup.PRIVATE_KEY, cert));
        Path text = Files.writeString(directory.resolve("text.pem"), "not a certificate\n");
        assertRefused("app.tls.certificate: " + text + " is not a PEM file with a CERTIFICATE",
                Map.of(TlsSetup.CERTIFICATE, text.toString(), TlsSetup.PRIVATE_KEY, key));
        Path garbled = Files.writeString(directory.resolve("garbled-key.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertRefused("app.tls.private-key: cannot load " + server.certificatePem().getParent().resolve("garbled-key.pem"),
                Map.of(TlsSetup.CERTIFICATE, cert, TlsSetup.PRIVATE_KEY, garbled.toString()));
        assertRefused("app.tls.private-key: the key in " + other.privateKeyPem() + " does not belong to the certificate",
                Map.of(TlsSetup.CERTIFICATE, cert, TlsSetup.PRIVATE_KEY, other.privateKeyPem().toString()));
        assertRefused("app.tls.private-key: missing", Map.of(TlsSetup.CERTIFICATE, cert));
        assertRefused("app.tls.key-store: set either it or", Map.of(TlsSetup.KEY_STORE, server.keyStore().toString(),
                TlsSetup.CERTIFICATE, cert, TlsSetup.PRIVATE_KEY, key));

        String store = server.keyStore().toString();
        assertRefused("app.tls.key-store: needs its password", Map.of(TlsSetup.KEY_STORE, store));
        Path wrong = ownerOnly(directory.resolve("wrong-password"), "not-the-password\n");
        assertRefused("app.tls.key-store: cannot load " + store + ": wrong password",
                Map.of(TlsSetup.KEY_STORE, store, TlsSetup.KEY_STORE_PASSWORD_FILE, wrong.toString()));
        Path open = Files.writeString(directory.resolve("open-password"), server.password());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused("app.tls.key-store-password-file: " + open + " can be read or written by others",
                Map.of(TlsSetup.KEY_STORE, store, TlsSetup.KEY_STORE_PASSWORD_FILE, open.toString()));
        assertRefused("app.tls.key-store: " + cert + " holds no private key",
                Map.of(TlsSetup.KEY_STORE, cert, TlsSetup.KEY_STORE_PASSWORD_FILE, passwordFile.toString()));
        assertRefused("app.tls.key-store: cannot load " + text + ": ",
                Map.of(TlsSetup.KEY_STORE, text.toString(), TlsSetup.KEY_STORE_PASSWORD_FILE, passwordFile.toString()));
    }

    @Test
    void theCommandLineTakesTheFilesAndABadOneStopsTheAppWithOneLine() throws Exception {
        AppProcess.Result mismatch = AppProcess.run(TIMEOUT, Map.of(), "--no-crawler", "--port", "0",
                "--segment", TestApp.uniqueSegment("tlscli"), "--data-dir", directory.resolve("cli").toString(),
                "--tls-cert", server.certificatePem().toString(), "--tls-key", other.privateKeyPem().toString());
        assertOneLine("app: cannot start: app.tls.private-key: the key in " + other.privateKeyPem()
                + " does not belong to the certificate in app.tls.certificate", mismatch);

        AppProcess.Result wrongPassword = AppProcess.run(TIMEOUT, Map.of("APP_TLS_KEY_STORE_PASSWORD", "wrong-one"),
                "--no-crawler", "--port", "0", "--segment", TestApp.uniqueSegment("tlscli"),
                "--data-dir", directory.resolve("cli").toString(), "--tls-key-store", server.keyStore().toString());
        assertOneLine("app: cannot start: app.tls.key-store: cannot load " + server.keyStore() + ": wrong password",
                wrongPassword);
    }

    private static void assertOneLine(String start, AppProcess.Result result) {
        assertNotEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), "stderr: " + result.err());
        assertTrue(lines.get(0).startsWith(start), lines.get(0));
    }

    private static void assertHttpsAnswers(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(server.clientContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                + "/api/status")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String protocol = response.sslSession().orElseThrow().getProtocol();
        assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
        assertEquals(server.certificate(), response.sslSession().orElseThrow().getPeerCertificates()[0]);
        assertTrue(response.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                response.headers().toString());
    }

    private static void assertPlainHttpFails(int port) {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void assertRefused(String message, Map<String, String> tls) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(tls).close(), message);
        Throwable root = refused;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).startsWith(message), root.toString());
    }

    private static EmbeddedServer start(Map<String, String> tls) {
        Map<String, Object> properties = new HashMap<>(tls);
        properties.putAll(Map.of("app.crawler-enabled", "false", "app.segment", TestApp.uniqueSegment("tls"),
                "micronaut.server.port", "-1"));
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static Path ownerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
