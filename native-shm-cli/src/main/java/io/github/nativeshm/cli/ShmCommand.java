/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.cli;

import io.github.nativeshm.Segment;
import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentException.Reason;
import io.github.nativeshm.SegmentInfo;
import io.github.nativeshm.layout.Bindings;
import io.github.nativeshm.layout.LayoutDescription;
import io.github.nativeshm.structured.RegionInfo;
import io.github.nativeshm.structured.RegionKind;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.UntypedRegion;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code shm}: look at and manage named shared-memory segments from the command line, and read
 * the regions of structured segments ({@code StructuredSegment}) without their Java records, through
 * the layout descriptions the segments carry. Exit status: 0 on success, 1 when the operation
 * failed, 2 for a usage error; errors are one line on standard error.
 */
public final class ShmCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: shm COMMAND [ARGS]",
            "  list                          segments on this machine, with their sizes",
            "  inspect NAME [--json]         size and (on Linux) owner and permissions of a segment;",
            "                                for a structured segment also its header and regions",
            "  dump NAME REGION [--json]     every record of a region of a structured segment",
            "  watch NAME REGION [--count N] [--timeout SECONDS]",
            "                                a region's new records or changed slots as they happen,",
            "                                until N changes, the timeout or Ctrl-C",
            "  header [--lang LANG] NAME [REGION]",
            "                                the declaration of a region's struct (of every struct region",
            "                                without REGION) for programs in LANG that share the segment:",
            "                                c (a C header, the default), python (ctypes, numpy dtype),",
            "                                rust (#[repr(C)]) or go",
            "  hexdump NAME [OFFSET [LEN]]   the bytes of a segment, hexdump -C style",
            "  rm NAME                       remove a segment's name (no-op on Windows)",
            "  demo                          two processes sharing a segment");

    private final PrintStream out;
    private final PrintStream err;

    ShmCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one {@code shm} command and exits with its status (0, 1 or 2, as above).
     *
     * @param args the command and its arguments; none, {@code --help} or {@code -h} prints the usage
     */
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
                case "inspect" -> {
                    Arguments arguments = Arguments.parse(operands, Set.of("--json"), Set.of(), 1, 1);
                    Inspect.run(out, arguments.operands().get(0), arguments.has("--json"));
                }
                case "dump" -> {
                    Arguments arguments = Arguments.parse(operands, Set.of("--json"), Set.of(), 2, 2);
                    Dump.run(out, arguments.operands().get(0), arguments.operands().get(1), arguments.has("--json"));
                }
                case "watch" -> {
                    Arguments arguments = Arguments.parse(operands, Set.of(), Set.of("--count", "--timeout"), 2, 2);
                    String count = arguments.option("--count");
                    String timeout = arguments.option("--timeout");
                    Watch.run(out, arguments.operands().get(0), arguments.operands().get(1),
                            count == null ? Long.MAX_VALUE : parseCount(count, "--count", 1),
                            timeout == null ? null : parseSeconds(timeout));
                }
                case "header" -> {
                    Arguments arguments = Arguments.parse(operands, Set.of(), Set.of("--lang"), 1, 2);
                    header(arguments.operands(), language(arguments.option("--lang")));
                }
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
        } catch (SegmentException | Failure | IndexOutOfBoundsException | IllegalArgumentException e) {
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

    private void header(List<String> operands, Bindings.Language language) {
        try (StructuredSegment segment = openStructured(operands.get(0))) {
            List<LayoutDescription> layouts = new ArrayList<>();
            if (operands.size() > 1) {
                layouts.add(UntypedRegion.of(segment, operands.get(1)).layout());
            } else {
                for (RegionInfo info : segment.regions()) {
                    if (info.kind() != RegionKind.RAW) {
                        layouts.add(UntypedRegion.of(segment, info.name()).layout());
                    }
                }
            }
            if (layouts.isEmpty()) {
                throw new Failure("segment '" + segment.name() + "' has no struct regions, only raw bytes");
            }
            out.print(Bindings.of(language, layouts));
        }
    }

    /** The language of {@code --lang}: C when not given. */
    private static Bindings.Language language(String lang) {
        try {
            return lang == null ? Bindings.Language.C : Bindings.Language.of(lang);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lang must be one of " + Bindings.Language.ids() + ": " + lang);
        }
    }

    private void hexdump(List<String> operands) {
        try (Segment segment = Segment.openReadOnly(operands.get(0))) {
            long offset = operands.size() > 1 ? parseCount(operands.get(1), "OFFSET", 0) : 0;
            long length = operands.size() > 2 ? parseCount(operands.get(2), "LEN", 0) : segment.size() - offset;
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

    private static long parseCount(String text, String what, long min) {
        try {
            long value = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            if (value < min) {
                throw new UsageException(what + (min == 0 ? " must not be negative: " : " must be at least " + min
                        + ": ") + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a number (decimal or 0x hex): " + text);
        }
    }

    private static Duration parseSeconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new UsageException("--timeout must be 0 to " + Integer.MAX_VALUE + " seconds: " + text);
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout must be a number of seconds: " + text);
        }
    }

    /**
     * Opens a structured segment to read it. A segment that does not start with the format's magic
     * is reported as not structured rather than as corrupt or not ready.
     */
    static StructuredSegment openStructured(String name) {
        try {
            return StructuredSegment.open(name);
        } catch (SegmentException e) {
            if (e.reason() == Reason.CORRUPT || e.reason() == Reason.NOT_READY) {
                try (Segment segment = Segment.openReadOnly(name)) {
                    if (!StructuredSegment.isStructured(segment)) {
                        throw new Failure("segment '" + name + "' is not a native-shm structured segment"
                                + " (shm hexdump shows its bytes)");
                    }
                }
            }
            throw e;
        }
    }

    /**
     * A command's operands and its options: flags such as {@code --json}, and options with a value
     * such as {@code --count 2}, anywhere on the line.
     */
    record Arguments(List<String> operands, Map<String, String> options) {
        static Arguments parse(List<String> arguments, Set<String> flags, Set<String> valued, int min, int max) {
            List<String> operands = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (!argument.startsWith("--")) {
                    operands.add(argument);
                } else if (flags.contains(argument)) {
                    options.put(argument, "");
                } else if (valued.contains(argument) && i + 1 < arguments.size()) {
                    options.put(argument, arguments.get(++i));
                } else {
                    throw new UsageException(valued.contains(argument) ? argument + " needs a value"
                            : "unknown option '" + argument + "'");
                }
            }
            return new Arguments(expect(operands, min, max), options);
        }

        boolean has(String flag) {
            return options.containsKey(flag);
        }

        /** The option's value, or null if it was not given. */
        String option(String name) {
            return options.get(name);
        }
    }

    /** An operation that failed for a reason the message states; reported in one line, exit status 1. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
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
