/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The structured segment: a self-describing segment format (a header, a region directory, each
 * struct's layout with its field names) whose regions one writer process shares with any number of
 * readers, tear-free. {@link io.github.nativeshm.structured.StructuredSegment} creates, attaches to
 * and opens such segments; its regions are a {@link io.github.nativeshm.structured.SharedValue}
 * (one struct), a {@link io.github.nativeshm.structured.SharedArray} (slots of structs), an
 * {@link io.github.nativeshm.structured.EventRing} (a broadcast log that every reader follows with
 * its own cursor) or raw bytes. {@link io.github.nativeshm.structured.StructuredSegment#isStructured}
 * tells such a segment from plain memory. The byte format is {@code docs/segment-format.md}.
 *
 * <pre>{@code
 * SegmentSpec spec = SegmentSpec.builder().value("last", Quote.class).build();
 * try (StructuredSegment segment = StructuredSegment.createOrAttach("market", spec)) {
 *     segment.value("last", Quote.class).write(new Quote(1, "ACME", 12.5, 300));
 * }
 * }</pre>
 */
package io.github.nativeshm.structured;
