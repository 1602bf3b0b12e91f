/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The cross-process harness: two JVMs on one machine. {@link
 * io.github.nativeshm.bench.ipc.LatencyHarness} measures round trips over every {@link
 * io.github.nativeshm.bench.ipc.Transport} (native-shm values and rings, a raw mapped long as the
 * floor, Agrona's ring over a segment, loopback TCP, Unix domain sockets) into HdrHistograms;
 * {@link io.github.nativeshm.bench.ipc.ThroughputHarness} measures one-way ring throughput. Both
 * start their second process, {@link io.github.nativeshm.bench.ipc.Child}, with the same JDK,
 * JVM options and class path.
 */
package io.github.nativeshm.bench.ipc;
