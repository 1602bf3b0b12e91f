/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Named memory shared between processes: {@link io.github.nativeshm.Segment} is a block of bytes
 * that other processes — Java, C, Python — reach by its name (POSIX shared memory on Linux, a
 * named file mapping on Windows) or by a file's path, with every access bounds-checked.
 *
 * <pre>{@code
 * try (Segment segment = Segment.create("prices", 4096)) {
 *     segment.putLong(0, 42);
 * }
 * }</pre>
 *
 * <p>Failures are {@link io.github.nativeshm.SegmentException}s whose
 * {@link io.github.nativeshm.SegmentException.Reason reason} says what happened, one meaning per
 * reason. For typed, tear-free sharing on top of a segment see {@code io.github.nativeshm.structured};
 * for C-compatible struct layouts, {@code io.github.nativeshm.layout}.
 */
package io.github.nativeshm;
