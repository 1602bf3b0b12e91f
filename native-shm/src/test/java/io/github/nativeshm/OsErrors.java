/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import com.sun.jna.Platform;

/** How each platform's OS error reads in messages, so that one suite checks messages on both. */
final class OsErrors {
    static final String NOT_FOUND = Platform.isWindows()
            ? "OpenFileMapping: error 2, " : "shm_open: ENOENT, No such file or directory";
    static final String EXISTS = Platform.isWindows()
            ? "CreateFileMapping: error 183, " : "shm_open: EEXIST, File exists";

    private OsErrors() {
    }
}
