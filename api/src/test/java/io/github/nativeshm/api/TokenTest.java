/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.web.ApiToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token is generated once, kept owner-only in the data directory, and shown by {@code app.jar token}. */
class TokenTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void twoStartsOnTheSameDataDirectoryShareTheTokenThatTheTokenCommandPrints() throws Exception {
        Path dataDir = temp.resolve("data");
        String first = startAndStop(dataDir);
        String second = startAndStop(dataDir);
        assertEquals(first, second);
        assertTrue(first.length() >= 32, first);
        Path file = dataDir.resolve(ApiToken.FILE);
        assertEquals(first, Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));

        AppProcess.Result shown = AppProcess.run(TIMEOUT, Map.of(), "token", "--data-dir", dataDir.toString());
        assertEquals(0, shown.exitCode(), shown.toString());
        assertEquals(first, shown.out().strip());
        AppProcess.Result fromEnvironment = AppProcess.run(TIMEOUT, Map.of("APP_DATA_DIR", dataDir.toString()), "token");
        assertEquals(first, fromEnvironment.out().strip(), fromEnvironment.toString());
    }

    @Test
    void theTokenCommandCreatesTheTokenAndAConfiguredOneOverridesIt() throws Exception {
        Path dataDir = temp.resolve("fresh");
        AppProcess.Result created = AppProcess.run(TIMEOUT, Map.of(), "token", "--data-dir", dataDir.toString());
        assertEquals(0, created.exitCode(), created.toString());
        assertEquals(Files.readString(dataDir.resolve(ApiToken.FILE)).strip(), created.out().strip());

        AppProcess.Result configured = AppProcess.run(TIMEOUT, Map.of("APP_TOKEN", TestApp.TOKEN), "token", "--data-dir",
                dataDir.toString());
        assertEquals(TestApp.TOKEN, configured.out().strip(), configured.toString());
        assertNotEquals(TestApp.TOKEN, created.out().strip());
    }

    @Test
    void aShortTokenIsRefusedWithOnePlainLine() throws Exception {
        String dataDir = temp.resolve("short").toString();
        assertRefusedInOneLine("app.token: at least 16 characters", AppProcess.run(TIMEOUT, Map.of("APP_TOKEN", "short"),
                "--no-crawler", "--port", "0", "--data-dir", dataDir));
        assertRefusedInOneLine("app.token: at least 16 characters", AppProcess.run(TIMEOUT, Map.of("APP_TOKEN", "short"),
                "token", "--data-dir", dataDir));

        Path kept = temp.resolve("kept");
        Files.createDirectories(kept);
        Files.writeString(kept.resolve(ApiToken.FILE), "tiny\n");
        assertRefusedInOneLine(kept.resolve(ApiToken.FILE) + ": at least 16 characters",
                AppProcess.run(TIMEOUT, Map.of(), "--no-crawler", "--port", "0", "--data-dir", kept.toString()));
    }

    @Test
    void aTokenFileMustBeTheOwnersOnlyAndHoldAToken() throws Exception {
        Path file = temp.resolve("token");
        Files.writeString(file, TestApp.TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        String dataDir = temp.resolve("data").toString();
        assertRefusedInOneLine(file + ": holds a secret but others may read it (rw-r-----); make it owner-only: chmod 600 "
                + file, AppProcess.run(TIMEOUT, Map.of(), "--token-file", file.toString(), "--no-crawler", "--port", "0",
                "--data-dir", dataDir));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AppProcess.Result shown = AppProcess.run(TIMEOUT, Map.of("APP_TOKEN_FILE", file.toString()), "token",
                "--data-dir", dataDir);
        assertEquals(TestApp.TOKEN, shown.out().strip(), shown.toString());

        Files.writeString(file, "short\n");
        assertRefusedInOneLine(file + ": at least 16 characters", AppProcess.run(TIMEOUT, Map.of(), "--token-file",
                file.toString(), "--no-crawler", "--port", "0", "--data-dir", dataDir));
    }

    private static void assertRefusedInOneLine(String message, AppProcess.Result result) {
        assertNotEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), "stderr: " + result.err());
        assertTrue(lines.get(0).startsWith("app: ") && lines.get(0).contains(message), lines.get(0));
    }

    private static String startAndStop(Path dataDir) {
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of("app.crawler-enabled", "false",
                "app.segment", TestApp.uniqueSegment("token"), "app.data-dir", dataDir.toString(),
                "micronaut.server.port", "-1")).getApplicationContext()) {
            return context.getBean(ApiToken.class).value();
        }
    }
}
