/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.tls.TestCertificates;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start banner names a URL that can actually be opened. */
class ReadyBannerTest {
    @TempDir
    Path directory;

    @Test
    void aLoopbackBindPrintsItsAddress() {
        Banner banner = start(Map.of());
        assertEquals("native-shm is ready: open http://127.0.0.1:" + banner.port + "/", banner.ready(), banner.text);
    }

    @Test
    void aBindToEveryAddressPrintsTheMachinesNameAndAddressesAndThatLoopbackWorksLocally() throws Exception {
        // reads without login are allowed explicitly, as a non-loopback bind requires
        Banner banner = start(Map.of("micronaut.server.host", "0.0.0.0", "app.auth.anonymous-reads", "true"));
        String name = InetAddress.getLocalHost().getHostName();
        String ready = banner.ready();
        assertTrue(ready.startsWith("native-shm is ready: open http://") && !ready.contains("0.0.0.0")
                && !ready.contains("127.0.0.1"), banner.text);
        if (!name.equals("localhost")) {
            assertEquals("native-shm is ready: open http://" + name + ":" + banner.port + "/", ready, banner.text);
        }
        String more = banner.lines.get(banner.lines.indexOf(ready) + 1);
        assertTrue(more.startsWith("  ") && more.endsWith("on this machine also http://127.0.0.1:" + banner.port + "/"),
                banner.text);
    }

    @Test
    void withTlsTheUrlIsHttps() throws Exception {
        TestCertificates certificates = TestCertificates.create(directory, "banner");
        Banner banner = start(Map.of("app.tls.certificate", certificates.certificatePem().toString(),
                "app.tls.private-key", certificates.privateKeyPem().toString()));
        assertEquals("native-shm is ready: open https://127.0.0.1:" + banner.port + "/", banner.ready(), banner.text);
    }

    @Test
    void aConfiguredPublicUrlIsWhatPeopleOpen() {
        // served to the world through the proxy: without users, only with reads opened deliberately
        Banner banner = start(Map.of("app.public-url", "https://news.example.org/", "app.auth.anonymous-reads", "true"));
        assertEquals("native-shm is ready: open https://news.example.org/", banner.ready(), banner.text);
        assertTrue(banner.text.contains("  (through the reverse proxy; this server listens on http://127.0.0.1:"
                + banner.port + "/)"), banner.text);

        for (String bad : List.of("news.example.org", "ftp://news.example.org/", "/native-shm/")) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> start(Map.of("app.public-url", bad)));
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(String.valueOf(root.getMessage()).startsWith("app.public-url: must be an absolute http:// or"
                    + " https:// URL"), root.toString());
        }
    }

    /** What the app printed on standard output while starting, and its port. */
    private record Banner(String text, List<String> lines, int port) {
        String ready() {
            return lines.stream().filter(line -> line.startsWith("native-shm is ready")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ready line in: " + text));
        }
    }

    private static Banner start(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.putAll(Map.of("app.crawler-enabled", "false", "app.segment", TestApp.uniqueSegment("banner"),
                "micronaut.server.port", "-1"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int port;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            port = server.getPort();
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        return new Banner(text, text.lines().toList(), port);
    }
}
