/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal: the operating-system bindings behind {@code io.github.nativeshm.Segment} and the
 * structured segments, one package per OS ({@code linux}, {@code windows}) behind
 * {@link io.github.nativeshm.platform.SharedMemoryProvider} and
 * {@link io.github.nativeshm.platform.ChangeSignals}. Not a public API: the module does not export it.
 *
 * <p>Dependencies point one way: the public packages use these; these never use the public ones.
 * Failures are {@link io.github.nativeshm.platform.PlatformException}s, which the public classes
 * turn into {@code SegmentException}s, and the implementation for the running OS is chosen by
 * the public classes, so that this package does not depend on its own sub-packages.
 */
package io.github.nativeshm.platform;
