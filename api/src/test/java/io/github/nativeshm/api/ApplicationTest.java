/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: bad values stop the app before it starts, with a message naming the option. */
class ApplicationTest {

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertRefused("--port: 70000 is not a port", Application.BAD_USAGE, "--port", "70000");
        assertRefused("--config: cannot read", Application.BAD_USAGE, "--config", "/no/such/file.yaml");
        assertRefused("Invalid value for option '--port'", Application.BAD_USAGE, "--port", "eighty");
        assertRefused("Unknown option: '--colour'", Application.BAD_USAGE, "--colour");
    }

    @Test
    void badConfigurationValuesStopTheStartWithTheKey() {
        assertRefused("app.segment: segment name", Application.FAILED, "--segment", "x".repeat(27), "--no-crawler", "--port", "0");
        assertRefused("app.segment", Application.FAILED, "--segment", "bad/name", "--no-crawler", "--port", "0");
    }

    @Test
    void aTokenOnTheCommandLineIsRefusedNamingTheAlternatives() {
        assertRefused("--token: a token on the command line is visible to every local user (ps); put it in a file only"
                + " you can read and pass --token-file FILE, or set the environment variable APP_TOKEN",
                Application.BAD_USAGE, "--token", TestApp.TOKEN, "--no-crawler", "--port", "0");
    }

    private static void assertRefused(String message, int exitCode, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = new CommandLine(new Application());
            commandLine.setErr(new java.io.PrintWriter(System.err, true));
            assertEquals(exitCode, commandLine.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
    }
}
