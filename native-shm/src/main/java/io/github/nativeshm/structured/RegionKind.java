/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

/** What a region holds. The numbers are the on-disk codes of the directory's kind field. */
public enum RegionKind {
    /** One struct guarded by a seqlock. */
    VALUE(1),
    /** A fixed number of structs, each guarded by its own seqlock. */
    ARRAY(2),
    /** A broadcast log of structs that readers follow with their own cursors. */
    RING(3),
    /** Plain bytes with no protocol. */
    RAW(4);

    private final int code;

    RegionKind(int code) {
        this.code = code;
    }

    /** {@return the code stored in the directory} */
    public int code() {
        return code;
    }

    /** The kind with this code, or null if there is none. */
    static RegionKind ofCode(int code) {
        for (RegionKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
