package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentInfo;

import com.sun.jna.Platform;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * {@code shm}: look at and manage named shared-memory segments from the command line.
 * Exit status: 0 on success, 1 when the operation failed, 2 for a usage error; errors are one
 * line on standard error.
 */
public final class ShmCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: shm COMMAND [ARGS]",
            "  list                          segments on this machine, with their sizes",
            "  inspect NAME                  size and (on Linux) owner and permissions of a segment",
            "  hexdump NAME [OFFSET [LEN]]   the bytes of a segment, hexdump -C style",
            "  rm NAME                       remove a segment's name (no-op on Windows)",
            "  demo                          two processes sharing a segment");

    private final PrintStream out;
    private final PrintStream err;

    ShmCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ShmCommand(System.out, System.err).run(args));
    }

    int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        List<String> operands = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "list" -> list(expect(operands, 0, 0));
                case "inspect" -> inspect(expect(operands, 1, 1));
                case "hexdump" -> hexdump(expect(operands, 1, 3));
                case "rm" -> remove(expect(operands, 1, 1));
                case "demo" -> Demo.run(out, expect(operands, 0, 0));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return OK;
        } catch (UsageException e) {
            err.println("shm: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (SegmentException | IndexOutOfBoundsException e) {
            err.println("shm: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("shm: " + e);
            return FAILED;
        }
    }

    private void list(List<String> operands) {
        for (SegmentInfo info : Segment.list()) {
            out.printf("%-30s %12d%n", info.name(), info.size());
        }
    }

    private void inspect(List<String> operands) throws Exception {
        String name = operands.get(0);
        try (Segment segment = Segment.openReadOnly(name)) {
            out.println("name: " + segment.name());
            out.println("size: " + segment.size() + " bytes");
        }
        Path file = Path.of("/dev/shm", name);
        if (Platform.isLinux() && Files.isRegularFile(file)) {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            out.println("path: " + file);
            out.println("owner: " + attributes.owner().getName() + ":" + attributes.group().getName());
            out.println("permissions: " + PosixFilePermissions.toString(attributes.permissions()));
            out.println("modified: " + attributes.lastModifiedTime());
        }
    }

    private void hexdump(List<String> operands) {
        try (Segment segment = Segment.openReadOnly(operands.get(0))) {
            long offset = operands.size() > 1 ? parseCount(operands.get(1), "OFFSET") : 0;
            long length = operands.size() > 2 ? parseCount(operands.get(2), "LEN") : segment.size() - offset;
            if (offset > segment.size() || length > segment.size() - offset) {
                throw new IndexOutOfBoundsException("offset " + offset + " length " + length
                        + " is outside segment '" + segment.name() + "' of " + segment.size() + " bytes");
            }
            Hexdump.write(segment.buffer(), (int) offset, (int) length, out);
        }
    }

    private void remove(List<String> operands) {
        Segment.unlink(operands.get(0));
    }

    private static List<String> expect(List<String> operands, int min, int max) {
        if (operands.size() < min || operands.size() > max) {
            throw new UsageException("expected " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments, got " + operands.size());
        }
        return operands;
    }

    private static long parseCount(String text, String what) {
        try {
            long value = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            if (value < 0) {
                throw new UsageException(what + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a number (decimal or 0x hex): " + text);
        }
    }

    /** A command line that does not parse; reported with the usage text. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
