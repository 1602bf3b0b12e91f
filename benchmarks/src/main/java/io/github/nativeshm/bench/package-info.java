/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Benchmarks of native-shm against its peers. Nothing here runs in the build: {@code ci/bench.sh}
 * builds {@code target/benchmarks.jar} and runs
 * <ul>
 *   <li>{@link io.github.nativeshm.bench.jmh} — in-process JMH benchmarks (seqlock reads, typed
 *       struct reads against JNA, ring appends against Agrona);</li>
 *   <li>{@link io.github.nativeshm.bench.ipc} — two JVM processes: round-trip latency with
 *       HdrHistogram, and one-way ring throughput;</li>
 *   <li>{@link io.github.nativeshm.bench.report} — turns the results into {@code docs/benchmarks.md}.</li>
 * </ul>
 */
package io.github.nativeshm.bench;
