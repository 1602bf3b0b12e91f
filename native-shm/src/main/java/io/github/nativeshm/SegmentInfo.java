/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

/**
 * A segment found by {@link Segment#list()}.
 *
 * @param name the segment name (without a namespace prefix)
 * @param size its size in bytes as the operating system reports it
 */
public record SegmentInfo(String name, long size) {
}
