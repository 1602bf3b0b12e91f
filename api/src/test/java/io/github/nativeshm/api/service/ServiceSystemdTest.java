/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;
import io.github.nativeshm.api.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The systemd unit (checked by systemd-analyze) and {@code app.jar service install|uninstall|status} on Linux. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "a systemd unit has Linux paths")
class ServiceSystemdTest {
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private Path jar() throws IOException {
        Path jar = temp.resolve("opt/app.jar");
        Files.createDirectories(jar.getParent());
        return Files.exists(jar) ? jar : Files.writeString(jar, "stands for app.jar");
    }

    private static SystemdUnit unit(Path jar, AppDirectories dirs) {
        return new SystemdUnit(JAVA, jar, AppDirectories.NAME, dirs);
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");
        for (AppDirectories dirs : List.of(AppDirectories.service(Map.of(), "Linux"),
                new AppDirectories(temp.resolve("my config"), temp.resolve("data")))) {
            Path dir = Files.createDirectories(temp.resolve("units"));
            Path file = Files.writeString(dir.resolve(SystemdUnit.FILE), unit(jar(), dirs).text());
            // verify does not resolve User=: a missing native-shm user is no finding
            Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, verify.exitValue(), output);
            assertEquals("", output.strip(), "systemd-analyze verify found something in\n" + unit(jar(), dirs).text());
        }
    }

    @Test
    void theUnitRunsTheAppHardenedAsASystemUserWithSecretsFromAnEnvironmentFileAndDevShmShared() throws Exception {
        String text = unit(jar(), AppDirectories.service(Map.of(), "Linux")).text();
        List<String> lines = text.lines().toList();
        for (String expected : List.of("User=native-shm", "Group=native-shm",
                "ExecStart=" + JAVA + " -jar " + jar() + " --config-dir /etc/native-shm --data-dir /var/lib/native-shm",
                "EnvironmentFile=-/etc/native-shm/secrets.env", "Restart=on-failure", "RestartSec=5s",
                "StateDirectory=native-shm", "ConfigurationDirectory=native-shm", "ProtectSystem=strict",
                "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes", "ProtectKernelTunables=yes",
                "ProtectControlGroups=yes", "RestrictSUIDSGID=yes", "LockPersonality=yes",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK", "WantedBy=multi-user.target",
                // a private /dev into which systemd binds the host's /dev/shm: the api, its crawler child and
                // shm.jar share the segments
                "PrivateDevices=yes")) {
            assertTrue(lines.contains(expected), expected + " missing from\n" + text);
        }
        for (String absent : List.of("DynamicUser=", "PrivateIPC=", "TemporaryFileSystem=", "InaccessiblePaths=",
                "MemoryDenyWriteExecute=", "ReadWritePaths=")) {
            assertTrue(lines.stream().noneMatch(line -> line.startsWith(absent)), absent + " in\n" + text);
        }
        assertTrue(unit(jar(), new AppDirectories(Path.of("/etc/native-shm"), Path.of("/srv/native-shm"))).text().lines()
                .anyMatch("ReadWritePaths=/srv/native-shm"::equals), "another data folder is opened under ProtectSystem=strict");
        assertTrue(unit(jar(), new AppDirectories(Path.of("/etc/my config"), Path.of("/var/lib/native-shm"))).text()
                .contains(" --config-dir \"/etc/my config\" "), "a path with a space is one word");
    }

    @Test
    void installWritesTheUnitAndAnOwnerOnlySecretsFileUninstallRemovesTheUnitOnly() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs here: this would enable the unit");
        Path units = temp.resolve("system");
        Path config = temp.resolve("etc");
        Path data = temp.resolve("var");
        String user = System.getProperty("user.name"); // exists: no useradd
        String[] where = {"--unit-dir", units.toString(), "--config-dir", config.toString(), "--data-dir", data.toString()};

        Run install = service(concat(new String[]{"install", "--no-start", "--user", user, "--jar", jar().toString()}, where));
        assertEquals(0, install.exit(), install.err());
        Path unitFile = units.resolve(SystemdUnit.FILE);
        assertEquals(unit(jar(), new AppDirectories(config, data)).text().replace("User=native-shm", "User=" + user)
                .replace("Group=native-shm", "Group=" + user), Files.readString(unitFile));
        Path secrets = config.resolve("secrets.env");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
        assertTrue(install.out().contains("systemd is not running on this machine"), install.out());

        Files.writeString(secrets, "APP_TOKEN=kept-across-installs-0123\n");
        Run again = service(concat(new String[]{"install", "--no-start", "--user", user, "--jar", jar().toString()}, where));
        assertEquals(0, again.exit(), again.err());
        assertEquals("APP_TOKEN=kept-across-installs-0123\n", Files.readString(secrets), "an existing secrets file is kept");

        Run started = service(concat(new String[]{"install", "--user", user, "--jar", jar().toString()}, where));
        assertEquals(1, started.exit(), "asked to start without systemd: " + started.out());

        Run status = service("status", "--unit-dir", units.toString());
        assertEquals(1, status.exit());
        assertTrue(status.err().contains("systemd is not running on this machine") && status.err().contains("installed in"),
                status.err());

        Run uninstall = service(concat(new String[]{"uninstall"}, where));
        assertEquals(0, uninstall.exit(), uninstall.err());
        assertFalse(Files.exists(unitFile));
        assertTrue(Files.exists(secrets), "configuration kept");
        assertTrue(uninstall.out().contains("kept the configuration in " + config), uninstall.out());
        Run twice = service(concat(new String[]{"uninstall"}, where));
        assertEquals(1, twice.exit());
        assertTrue(twice.err().contains("native-shm is not installed"), twice.err());
    }

    @Test
    void printUnitShowsTheUnitAndRunIsForWindowsOnly() throws Exception {
        Run print = service("print-unit", "--jar", jar().toString());
        assertEquals(0, print.exit(), print.err());
        assertEquals(unit(jar(), AppDirectories.service(Map.of(), "Linux")).text(), print.out());
        Run noJar = service("print-unit", "--jar", temp.resolve("missing.jar").toString());
        assertEquals(2, noJar.exit());
        assertTrue(noJar.err().contains("--jar: no such file"), noJar.err());
        Run run = service("run", "--config-dir", temp.toString(), "--port", "0");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("'service run' is for Windows"), run.err());
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** {@code app.jar service ARGS} in this JVM, with what it printed. */
    private static Run service(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = concat(new String[]{"service"}, args);
            int exit = new CommandLine(new Application()).execute(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
