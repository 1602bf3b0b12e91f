/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the data directory is by default on each platform. */
class DataDirectoryTest {
    @Test
    void xdgDataHomeElseTheHomesLocalShare() {
        assertEquals(Path.of("/data/native-shm"), DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", "/data"), "Linux", "/home/ann"));
        assertEquals(Path.of("/home/ann/.local/share/native-shm"), DataDirectory.defaultPath(Map.of(), "Linux", "/home/ann"));
        // the XDG spec: empty and relative values are ignored
        assertEquals(Path.of("/home/ann/.local/share/native-shm"),
                DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", ""), "Mac OS X", "/home/ann"));
        assertEquals(Path.of("/home/ann/.local/share/native-shm"),
                DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", "data"), "Linux", "/home/ann"));
    }

    @Test
    void localAppDataOnWindows() {
        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Local").resolve("native-shm"),
                DataDirectory.defaultPath(Map.of("LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local", "XDG_DATA_HOME", "/x"),
                        "Windows 11", "C:\\Users\\ann"));
        assertEquals(Path.of("C:\\Users\\ann", "AppData", "Local", "native-shm"),
                DataDirectory.defaultPath(Map.of(), "Windows 11", "C:\\Users\\ann"));
    }
}
