/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import java.util.Map;

/** {@link HistoryTest} on the default database: the H2 file in the data directory. */
class H2HistoryTest extends HistoryTest {
    @Override
    Map<String, String> databaseProperties() {
        return Map.of();
    }

    @Override
    void closeDatabase() {
        // the file goes with the data directory
    }
}
