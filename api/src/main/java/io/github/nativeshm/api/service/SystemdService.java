/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code service install|uninstall|status} on Linux: writes or removes {@link SystemdUnit} and
 * drives {@code systemctl}; creates the system user and the secrets file on install. Where systemd
 * is not running (a container, WSL 1) it writes or removes the files and says so.
 */
final class SystemdService {
    /** Exists while systemd is the running service manager (what sd_booted() checks). */
    private static final Path SYSTEMD_RUNNING = Path.of("/run/systemd/system");
    /** Hidden from the unit by {@code ProtectHome=yes}: the jar and the JVM must not live there. */
    private static final List<Path> HIDDEN = List.of(Path.of("/home"), Path.of("/root"), Path.of("/run/user"));
    private static final String NAME = SystemdUnit.FILE.substring(0, SystemdUnit.FILE.indexOf('.'));

    private final Path unitDir;
    private final PrintStream out;
    private final PrintStream err;

    SystemdService(Path unitDir, PrintStream out, PrintStream err) {
        this.unitDir = unitDir;
        this.out = out;
        this.err = err;
    }

    /** Whether systemd runs this machine. */
    static boolean systemdRunning() {
        return Files.isDirectory(SYSTEMD_RUNNING);
    }

    /**
     * Creates the user if missing, the configuration folder with an owner-only secrets file, the
     * unit; then, with systemd, reloads it and enables it (and starts it if {@code start}).
     *
     * @return the exit code: 0 done, 1 failed (said on stderr)
     */
    int install(SystemdUnit unit, boolean start) throws IOException, InterruptedException {
        for (Path path : List.of(unit.java(), unit.jar())) {
            if (HIDDEN.stream().anyMatch(path.toAbsolutePath()::startsWith)) {
                err.println("app: " + path + " is under " + HIDDEN + ", which the unit's ProtectHome=yes hides from the"
                        + " service: copy it elsewhere (e.g. /opt/native-shm/app.jar) and install from there");
                return 1;
            }
        }
        if (run(List.of("id", "-u", unit.user()), false) != 0) {
            out.println("creating the system user " + unit.user());
            if (run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                    unit.dirs().data().toString(), "--shell", "/usr/sbin/nologin", unit.user())) != 0) {
                err.println("app: cannot create the user " + unit.user() + " (useradd failed; run as root)");
                return 1;
            }
        }
        Path unitFile = unitDir.resolve(SystemdUnit.FILE);
        Path secrets = unit.dirs().config().resolve(SystemdUnit.SECRETS);
        try {
            Files.createDirectories(unit.dirs().config());
            if (!Files.exists(secrets)) { // read by systemd as root: nobody else needs to read it
                Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(secrets, "# Secrets for native-shm.service, one VARIABLE=value a line, e.g.\n"
                        + "# APP_TOKEN=...\n");
            }
            Files.createDirectories(unitDir);
            Files.writeString(unitFile, unit.text());
        } catch (AccessDeniedException e) {
            err.println("app: cannot write " + e.getFile() + ": run the install as root (sudo java -jar ...)");
            return 1;
        }
        out.println("wrote " + unitFile);
        out.println("configuration: " + unit.dirs().config() + " (app.yml; secrets in " + secrets + ", owner-only)");
        out.println("data: " + unit.dirs().data());
        if (!systemdRunning()) {
            out.println("systemd is not running on this machine (no " + SYSTEMD_RUNNING + "): nothing was enabled or started;"
                    + " on a systemd host: systemctl daemon-reload && systemctl enable --now " + NAME);
            return start ? 1 : 0;
        }
        if (run(List.of("systemctl", "daemon-reload")) != 0
                || run(start ? List.of("systemctl", "enable", "--now", NAME) : List.of("systemctl", "enable", NAME)) != 0) {
            err.println("app: systemctl failed (see above); the unit is in " + unitFile);
            return 1;
        }
        out.println(start ? NAME + " is enabled and started: journalctl -u " + NAME + " -f shows its log"
                : NAME + " is enabled (starts at boot); start it now with: systemctl start " + NAME);
        return 0;
    }

    /**
     * Stops and disables the unit (with systemd) and removes its file; keeps the configuration and
     * the data, and says where they are.
     */
    int uninstall(AppDirectories dirs) throws IOException, InterruptedException {
        Path unitFile = unitDir.resolve(SystemdUnit.FILE);
        if (!Files.exists(unitFile)) {
            err.println("app: " + NAME + " is not installed (no " + unitFile + ")");
            return 1;
        }
        boolean systemd = systemdRunning();
        if (systemd) {
            run(List.of("systemctl", "disable", "--now", NAME));
        }
        try {
            Files.delete(unitFile);
        } catch (AccessDeniedException e) {
            err.println("app: cannot remove " + unitFile + ": run the uninstall as root (sudo java -jar ...)");
            return 1;
        }
        if (systemd) {
            run(List.of("systemctl", "daemon-reload"));
        } else {
            out.println("systemd is not running on this machine: nothing was stopped or disabled");
        }
        out.println("removed " + unitFile + "; kept the configuration in " + dirs.config() + " and the data in "
                + dirs.data() + " (delete them, and the user, to remove everything)");
        return 0;
    }

    /** Prints {@code systemctl status}; its exit code (0 running, 3 stopped, 4 unknown unit). */
    int status() throws IOException, InterruptedException {
        if (!systemdRunning()) {
            Path unitFile = unitDir.resolve(SystemdUnit.FILE);
            err.println("app: systemd is not running on this machine (no " + SYSTEMD_RUNNING + "), so " + NAME
                    + " cannot run here; the unit is " + (Files.exists(unitFile) ? "installed in " : "not installed in ")
                    + unitDir);
            return 1;
        }
        return run(List.of("systemctl", "status", "--no-pager", NAME));
    }

    /** Runs {@code command}, forwarding its output; its exit code (127 if it cannot be run). */
    private int run(List<String> command) throws InterruptedException {
        return run(command, true);
    }

    private int run(List<String> command, boolean forward) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            process.getInputStream().transferTo(forward ? out : OutputStream.nullOutputStream());
            return process.waitFor();
        } catch (IOException e) {
            err.println("app: cannot run " + command.get(0) + ": " + e.getMessage());
            return 127;
        }
    }
}
