/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Records as C structs in shared memory: {@link io.github.nativeshm.layout.Layout} lays out a
 * record's components the way a C compiler lays out the matching struct, reads and writes records
 * in a {@link java.nio.ByteBuffer}, and writes the C header that a C program shares them through.
 *
 * <pre>{@code
 * record Item(long id, @Fixed(64) String title, double price) {}
 *
 * Layout<Item> layout = Layout.of(Item.class);
 * ByteBuffer memory = segment.buffer();
 * layout.write(memory, 0, new Item(7, "Teapot", 12.5));
 * Item item = layout.read(memory, 0);
 * double price = layout.field("price").getDouble(memory, 0);   // one field, no record
 * Files.writeString(Path.of("item.h"), layout.cHeader());      // struct Item for C
 * }</pre>
 */
package io.github.nativeshm.layout;
