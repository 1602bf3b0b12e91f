/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The structs the crawler publishes in its segment, shared with every process that reads it
 * (the api). Changing a record changes its layout fingerprint: readers with the old type get a
 * clear layout-mismatch error instead of misread bytes.
 */
package io.github.nativeshm.crawler.model;
