/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import java.io.IOException;
import java.util.List;

/**
 * A way for two processes to exchange small messages. The parent {@link #prepare prepares} what
 * the child needs (segments, a listening socket), starts the child with the returned arguments,
 * waits until the child says it is ready, then takes its {@link #parentEndpoint}. The child,
 * a fresh instance of the same transport, builds its end with {@link #childEndpoint}.
 */
interface Transport {
    /** Parent: creates what the child joins; returns the child's arguments. */
    List<String> prepare() throws IOException;

    /** Parent: its end, once the child is ready. */
    Endpoint parentEndpoint() throws IOException;

    /** Child: its end, from the arguments {@link #prepare} returned. */
    Endpoint childEndpoint(List<String> args) throws IOException;

    /** Parent: removes what {@link #prepare} created (segment names, socket files). */
    void cleanup();
}
