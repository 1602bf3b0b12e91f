/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default configuration and data folders of a user and of the service, per system. */
class AppDirectoriesTest {

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "/cfg is not an absolute path there")
    void aUserOnLinuxHasTheXdgFolders() {
        assertEquals(new AppDirectories(Path.of("/cfg/native-shm"), Path.of("/data/native-shm")),
                AppDirectories.user(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", "/home/ann"));
        assertEquals(new AppDirectories(Path.of("/home/ann/.config/native-shm"), Path.of("/home/ann/.local/share/native-shm")),
                AppDirectories.user(Map.of("XDG_CONFIG_HOME", "relative", "XDG_DATA_HOME", ""), "Linux", "/home/ann"));
    }

    @Test
    void aUserOnWindowsHasTheRoamingAndLocalAppDataFolders() {
        AppDirectories dirs = AppDirectories.user(Map.of("APPDATA", "C:\\Users\\ann\\AppData\\Roaming",
                "LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local", "XDG_CONFIG_HOME", "/x"), "Windows 11", "C:\\Users\\ann");
        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Roaming", "native-shm"), dirs.config());
        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Local", "native-shm"), dirs.data());
        assertEquals(Path.of("C:\\Users\\ann", "AppData", "Roaming", "native-shm"),
                AppDirectories.user(Map.of(), "Windows Server 2022", "C:\\Users\\ann").config());
    }

    @Test
    void theServiceHasTheSystemFolders() {
        assertEquals(new AppDirectories(Path.of("/etc/native-shm"), Path.of("/var/lib/native-shm")),
                AppDirectories.service(Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux"));
        AppDirectories windows = AppDirectories.service(Map.of("ProgramData", "D:\\ProgramData"), "Windows 11");
        assertEquals(Path.of("D:\\ProgramData", "native-shm", "config"), windows.config());
        assertEquals(Path.of("D:\\ProgramData", "native-shm", "data"), windows.data());
        assertEquals(Path.of("C:\\ProgramData", "native-shm", "data"), AppDirectories.service(Map.of(), "Windows 10").data());
    }
}
