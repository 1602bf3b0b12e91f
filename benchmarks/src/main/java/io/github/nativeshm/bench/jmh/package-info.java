/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * In-process JMH benchmarks: seqlock reads of a shared value ({@link
 * io.github.nativeshm.bench.jmh.SeqlockReadBenchmark}), typed struct reads against JNA ({@link
 * io.github.nativeshm.bench.jmh.StructReadBenchmark}) and ring appends against Agrona ({@link
 * io.github.nativeshm.bench.jmh.RingAppendBenchmark}). Run them with {@code java -jar
 * benchmarks.jar} (JMH's own command line) or through {@link io.github.nativeshm.bench.report.JmhSuite}.
 */
package io.github.nativeshm.bench.jmh;
