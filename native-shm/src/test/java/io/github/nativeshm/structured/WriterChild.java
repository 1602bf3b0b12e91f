/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Fixed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A writer in a second process, for the tests of who may take a segment over:
 *
 * <pre>
 * java -cp ... WriterChild hold   NAME  creates NAME with {@link #SPEC}, writes {@link #NOTE}, prints
 *                                       "ready epoch=E", answers each "check" line with
 *                                       "state=S retired=R damage=D", and closes (without
 *                                       unlinking) at the end of its input
 * java -cp ... WriterChild create NAME  creates NAME with {@link #SPEC}, writes {@link #NOTE}, closes
 *                                       (without unlinking), prints "created epoch=E"
 * </pre>
 */
public final class WriterChild {
    public record Note(long id, @Fixed(32) String text) {
    }

    static final SegmentSpec SPEC = SegmentSpec.builder().value("note", Note.class).array("notes", Note.class, 4).build();
    static final Note NOTE = new Note(42, "written by the first writer");

    private WriterChild() {
    }

    public static void main(String[] args) throws IOException {
        String command = args[0];
        String name = args[1];
        try (StructuredSegment segment = StructuredSegment.create(name, SPEC)) {
            segment.value("note", Note.class).write(NOTE);
            if (command.equals("create")) {
                System.out.println("created epoch=" + segment.epoch());
                return;
            }
            System.out.println("ready epoch=" + segment.epoch());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("check")) {
                    System.out.println("state=" + segment.header().state() + " retired=" + segment.isRetired()
                            + " damage=" + segment.damage().orElse("none").replace(' ', '_'));
                }
            }
        }
    }
}
