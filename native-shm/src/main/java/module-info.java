/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * native-shm: named shared memory between processes on Linux and Windows, self-describing
 * structured segments, and C-compatible struct layouts.
 *
 * <p>Exported: {@code io.github.nativeshm} ({@link io.github.nativeshm.Segment}, named raw memory),
 * {@code io.github.nativeshm.structured} (the self-describing segment format) and
 * {@code io.github.nativeshm.layout} (struct layouts). The operating-system bindings
 * ({@code io.github.nativeshm.platform} and its per-OS packages) are internal.
 *
 * <p>Reflection: a record read or written through a layout must be public in an exported package,
 * or in a package its module opens to this one. A JNA {@code Structure} mapped with
 * {@link io.github.nativeshm.Segment#structureAt} is JNA's to build: its package must be open to
 * {@code com.sun.jna}.
 */
// JNA 5.19.1 ships automatic modules (Automatic-Module-Name in its manifests); nothing better exists to require.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.nativeshm {
    // Transitive: Segment.structureAt takes and returns JNA Structures.
    requires transitive com.sun.jna;
    // Kernel32 and Advapi32 on Windows.
    requires com.sun.jna.platform;

    exports io.github.nativeshm;
    exports io.github.nativeshm.layout;
    exports io.github.nativeshm.structured;

    // No opens: JNA needs none here. The direct-mapped classes (LibC, LinuxSyscalls) are only listed
    // by Native.register (getDeclaredMethods) and bound through JNI; no Structure, Library interface
    // or Callback of this module is built by JNA through reflection.
}
