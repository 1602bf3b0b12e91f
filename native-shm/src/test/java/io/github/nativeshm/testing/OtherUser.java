/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second, real user for permission tests on Linux: {@code nobody} (uid 65534), whom root
 * becomes with {@code setpriv}. Tests that use it need root, as CI has; elsewhere they are skipped
 * with that reason.
 */
public final class OtherUser {
    /** nobody's uid and gid. */
    public static final String NOBODY = "65534";

    private OtherUser() {
    }

    /** Skips the calling test (class) unless this process is root. */
    public static void assumeRoot(String why) throws IOException, InterruptedException {
        String uid = Processes.run(List.of("id", "-u")).strip();
        assumeTrue(uid.equals("0"), "needs root " + why + " (uid is " + uid + ")");
    }

    /**
     * The command that runs {@code mainClass} with {@code args} in a new JVM as nobody, with the
     * classpath copied into {@code scratch} where nobody can read it (the build's own
     * directories, such as a 0700 home with the Maven repository, may not be).
     */
    public static List<String> command(Path scratch, Class<?> mainClass, String... args) throws IOException {
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> classpath = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = scratch.resolve(index++ + "-" + source.getFileName());
            copyTree(source, target);
            classpath.add(target.toString());
        }
        Path jnaTemp = Files.createDirectory(scratch.resolve("jna"));
        Files.setPosixFilePermissions(jnaTemp, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> java = new ArrayList<>(ChildJvm.command(mainClass, args));
        java.set(java.indexOf("-cp") + 1, String.join(File.pathSeparator, classpath));
        java.add(1, "-Djna.tmpdir=" + jnaTemp);
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--"));
        command.addAll(java);
        return command;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
