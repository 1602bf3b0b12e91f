/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every CPU out of its idle state with one lowest-priority ({@code nice -n 19}) busy loop
 * per CPU, for as long as it is open. On a virtual machine an idle vCPU halts, and waking it for
 * a socket message costs a trip through the hypervisor (here loopback TCP took about 160 µs per
 * round trip with idle CPUs and about 20 µs with these loops running); the loops yield to any
 * normal-priority thread at once, so they only remove that wake-up cost. Linux (and {@code nice},
 * {@code sh}) only.
 */
final class BusyCpus implements AutoCloseable {
    private final List<Process> loops = new ArrayList<>();

    BusyCpus() throws IOException {
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                loops.add(new ProcessBuilder("nice", "-n", "19", "sh", "-c", "while :; do :; done")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Process loop : loops) {
            loop.destroy();
        }
        for (Process loop : loops) {
            try {
                loop.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
