/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps its configuration ({@code app.yml}) and its data (token, history database)
 * by default, in the places each system expects: a user's XDG (or Windows profile) folders, or a
 * service's system-wide ones. {@code --config-dir} and {@code --data-dir} override both.
 *
 * @param config the configuration folder ({@code app.config-dir})
 * @param data   the data folder ({@code app.data-dir})
 */
public record AppDirectories(Path config, Path data) {
    /** The name of every folder the app owns. */
    public static final String NAME = "native-shm";

    /**
     * A user's folders: {@code $XDG_CONFIG_HOME/native-shm} (else {@code ~/.config/native-shm}) and
     * {@code $XDG_DATA_HOME/native-shm} (else {@code ~/.local/share/native-shm});
     * {@code %APPDATA%\native-shm} and {@code %LOCALAPPDATA%\native-shm} on Windows.
     */
    public static AppDirectories user(Map<String, String> environment, String osName, String userHome) {
        if (isWindows(osName)) {
            return new AppDirectories(
                    windowsFolder(environment, "APPDATA", Path.of(userHome, "AppData", "Roaming")).resolve(NAME),
                    windowsFolder(environment, "LOCALAPPDATA", Path.of(userHome, "AppData", "Local")).resolve(NAME));
        }
        return new AppDirectories(xdg(environment, "XDG_CONFIG_HOME", Path.of(userHome, ".config")).resolve(NAME),
                xdg(environment, "XDG_DATA_HOME", Path.of(userHome, ".local", "share")).resolve(NAME));
    }

    /** {@link #user(Map, String, String)} for this process. */
    public static AppDirectories user() {
        return user(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /**
     * The service's folders: {@code /etc/native-shm} and {@code /var/lib/native-shm};
     * {@code %ProgramData%\native-shm\config} and {@code ...\data} on Windows.
     */
    public static AppDirectories service(Map<String, String> environment, String osName) {
        if (isWindows(osName)) {
            Path root = windowsFolder(environment, "ProgramData", Path.of("C:\\ProgramData")).resolve(NAME);
            return new AppDirectories(root.resolve("config"), root.resolve("data"));
        }
        return new AppDirectories(Path.of("/etc", NAME), Path.of("/var/lib", NAME));
    }

    /** {@link #service(Map, String)} for this system. */
    public static AppDirectories service() {
        return service(System.getenv(), System.getProperty("os.name"));
    }

    /** Whether {@code osName} (the {@code os.name} property) is Windows. */
    public static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static Path windowsFolder(Map<String, String> environment, String variable, Path otherwise) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? otherwise : Path.of(value);
    }

    private static Path xdg(Map<String, String> environment, String variable, Path otherwise) {
        String value = environment.get(variable);
        // the XDG spec: an empty or relative value is to be ignored
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? otherwise : Path.of(value);
    }
}
