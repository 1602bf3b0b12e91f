package io.github.nativeshm;

import io.github.nativeshm.testing.ChildJvm;
import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Errors that only the OS can produce, provoked for real in a child process: another user is
 * refused a 0600 segment, and a full /dev/shm (a 1 MiB tmpfs in a private mount namespace)
 * fails the create with "no space" instead of a SIGBUS later. Both need root (as CI has) to
 * switch users or mount; elsewhere they are skipped with that reason.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(TestSegments.class)
class LinuxOsErrorsTest {
    private static final String NOBODY = "65534";

    @BeforeAll
    static void needRoot() throws Exception {
        String uid = Processes.run(List.of("id", "-u")).strip();
        assumeTrue(uid.equals("0"), "needs root to run a child as another user and to mount a tmpfs (uid is " + uid + ")");
    }

    @Test
    void anotherUserIsRefusedAnOwnerOnlySegment(@TempDir Path scratch) throws Exception {
        String name = TestSegments.uniqueName();
        try (Segment segment = Segment.create(name, 64)) {
            try {
                List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                        "--clear-groups", "--"));
                command.addAll(childCommandReadableByAnyone(scratch, "read", name, "0"));
                Processes.Result result = Processes.runForResult(command);

                assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
                assertTrue(result.stderr().contains("PERMISSION_DENIED: cannot open read-only segment '" + name
                        + "': permission denied (shm_open: EACCES, Permission denied)"), result::toString);
            } finally {
                segment.unlink();
            }
        }
    }

    @Test
    void fullShmFailsTheCreateWithNoSpace() throws Exception {
        String name = TestSegments.uniqueName();
        String child = String.join(" ", ChildJvm.command(SegmentChild.class, "create", name, Integer.toString(4 << 20))
                .stream().map(LinuxOsErrorsTest::shellQuote).toList());
        Processes.Result result = Processes.runForResult(List.of("unshare", "--mount", "--", "sh", "-c",
                "mount -t tmpfs -o size=1m tmpfs /dev/shm && exec " + child));

        assertEquals(SegmentChild.SEGMENT_FAILURE, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("NO_SPACE: cannot create segment '" + name
                + "': not enough space (posix_fallocate: ENOSPC, No space left on device)"), result::toString);
    }

    /**
     * The child command with its classpath copied where another user can read it (the build's
     * own directories, such as a 0700 home with the Maven repository, may not be).
     */
    private static List<String> childCommandReadableByAnyone(Path scratch, String... args) throws IOException {
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
        List<String> command = new ArrayList<>(ChildJvm.command(SegmentChild.class, args));
        command.set(command.indexOf("-cp") + 1, String.join(File.pathSeparator, classpath));
        command.add(1, "-Djna.tmpdir=" + jnaTemp);
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

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
