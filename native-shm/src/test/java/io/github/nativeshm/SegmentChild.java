/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

/**
 * The second process of cross-process tests: {@code java -cp <test classpath> SegmentChild COMMAND ...}.
 * Prints its result on stdout; a {@link SegmentException} is printed as "REASON: message" on
 * stderr with exit status 3.
 */
public final class SegmentChild {
    static final int SEGMENT_FAILURE = 3;

    private SegmentChild() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(execute(args));
        } catch (SegmentException e) {
            System.err.println(e.reason() + ": " + e.getMessage());
            System.exit(SEGMENT_FAILURE);
        }
    }

    private static String execute(String[] args) {
        String command = args[0];
        String name = args[1];
        switch (command) {
            case "create": {
                try (Segment segment = Segment.create(name, Long.parseLong(args[2]))) {
                    segment.unlink();
                    return "created " + segment.size();
                }
            }
            case "write": {
                try (Segment segment = Segment.open(name)) {
                    segment.putLong(Long.parseLong(args[2]), Long.parseLong(args[3]));
                    return "wrote";
                }
            }
            case "read": {
                try (Segment segment = Segment.openReadOnly(name)) {
                    return Long.toString(segment.getLong(Long.parseLong(args[2])));
                }
            }
            case "open-close": {
                long sum = 0;
                for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                    try (Segment segment = Segment.open(name)) {
                        sum += segment.getLong(0);
                    }
                }
                return Long.toString(sum);
            }
            case "write-read-only": {
                try (Segment segment = Segment.openReadOnly(name)) {
                    segment.putLong(0, 1);
                    return "wrote to a read-only segment";
                }
            }
            default:
                throw new IllegalArgumentException("unknown command " + command);
        }
    }
}
