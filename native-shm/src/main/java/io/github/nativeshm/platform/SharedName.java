/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform;

/**
 * A segment name as a provider needs it, already validated by the caller.
 *
 * @param given    the name as the caller wrote it, for messages
 * @param portable the name without a namespace prefix: the POSIX name is {@code "/" + portable}
 * @param global   whether Windows' {@code Global\} namespace is asked for ({@code Local\} otherwise)
 */
public record SharedName(String given, String portable, boolean global) {

    /** The name as the caller wrote it. */
    @Override
    public String toString() {
        return given;
    }
}
