/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.service;

import io.github.nativeshm.api.AppDirectories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The systemd unit {@code native-shm.service}: the api (and, as its child in the same unit, the
 * crawler) as a dedicated system user, restarted on failure, with its secrets from an
 * {@code EnvironmentFile} and the file system, kernel and devices closed off as far as the app
 * allows.
 *
 * <p>{@code /dev/shm} stays shared: {@code PrivateDevices=yes} gives the unit a minimal {@code /dev}
 * but bind-mounts the host's {@code /dev/shm} into it (systemd's {@code mount_private_dev}), so the
 * api, its crawler child and an operator's {@code shm.jar} see the same segments;
 * {@code ProtectSystem=strict} leaves {@code /dev} writable; {@code PrivateTmp=yes} is only /tmp.
 * {@code MemoryDenyWriteExecute=} is not set: the JVM's JIT needs writable executable memory.
 * {@code RemoveIPC=yes} removes what a crash left in {@code /dev/shm} owned by the service user when
 * the unit stops (logind's own {@code RemoveIPC} never touches system users).
 *
 * @param java the JVM to run (the running one's {@code bin/java})
 * @param jar  app.jar
 * @param user the system user (and group) the unit runs as
 * @param dirs the configuration and data folders passed to the app
 */
public record SystemdUnit(Path java, Path jar, String user, AppDirectories dirs) {
    /** The unit's file name. */
    public static final String FILE = "native-shm.service";
    /** The secrets file in the configuration folder, read by systemd (as root) into the environment. */
    public static final String SECRETS = "secrets.env";
    /** The folders {@code StateDirectory=}/{@code ConfigurationDirectory=} manage, under /var/lib and /etc. */
    private static final AppDirectories MANAGED = AppDirectories.service(Map.of(), "Linux");

    /** The unit file's text. */
    public String text() {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by `java -jar app.jar service install`; `service uninstall` removes it.",
                "[Unit]",
                "Description=native-shm api and crawler",
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=exec",
                "User=" + user,
                "Group=" + user,
                "ExecStart=" + quote(java.toString()) + " -jar " + quote(jar.toString()) + " --config-dir "
                        + quote(dirs.config().toString()) + " --data-dir " + quote(dirs.data().toString()),
                // APP_TOKEN and other secrets; '-': a missing file is no error
                "EnvironmentFile=-" + dirs.config().resolve(SECRETS),
                "Restart=on-failure",
                "RestartSec=5s",
                // the api stops its crawler child (SIGTERM, SIGKILL after 10 s) and removes the segment
                "TimeoutStopSec=30s",
                // a JVM exits with 143 on SIGTERM
                "SuccessExitStatus=143",
                "StateDirectory=" + MANAGED.data().getFileName(),
                "StateDirectoryMode=0700",
                "ConfigurationDirectory=" + MANAGED.config().getFileName(),
                "WorkingDirectory=" + dirs.data(),
                "UMask=0077",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                "PrivateTmp=yes",
                "PrivateDevices=yes",
                "NoNewPrivileges=yes",
                "ProtectKernelTunables=yes",
                "ProtectKernelModules=yes",
                "ProtectKernelLogs=yes",
                "ProtectControlGroups=yes",
                "ProtectClock=yes",
                "ProtectHostname=yes",
                "ProtectProc=invisible",
                "RestrictSUIDSGID=yes",
                "RestrictRealtime=yes",
                "RestrictNamespaces=yes",
                "LockPersonality=yes",
                "RemoveIPC=yes",
                "CapabilityBoundingSet=",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
                "SystemCallArchitectures=native"));
        if (!dirs.data().equals(MANAGED.data())) { // ProtectSystem=strict: any other data folder must be opened
            lines.add("ReadWritePaths=" + dirs.data());
        }
        lines.addAll(List.of("", "[Install]", "WantedBy=multi-user.target", ""));
        return String.join("\n", lines);
    }

    /** A path as one ExecStart= word: quoted when it has a space or a quote. */
    private static String quote(String path) {
        return path.matches("[^\\s\"'\\\\]+") ? path : '"' + path.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
