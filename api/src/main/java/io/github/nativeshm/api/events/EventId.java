/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.events;

/**
 * A server-sent event's id: the segment's epoch and the event's ring sequence, written
 * {@code <epoch hex>-<sequence>}, so a client that reconnects resumes in the right segment.
 */
public record EventId(long epoch, long sequence) {

    public String format() {
        return Long.toHexString(epoch) + "-" + sequence;
    }

    /**
     * Reads an id {@link #format} wrote.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static EventId parse(String text) {
        int dash = text.indexOf('-');
        try {
            if (dash > 0 && dash <= 16) {
                long sequence = Long.parseLong(text.substring(dash + 1));
                if (sequence >= 0) {
                    return new EventId(Long.parseUnsignedLong(text.substring(0, dash), 16), sequence);
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("'" + text + "' is not an event id; ids look like 9f1c2a3b4d5e6f70-42");
    }
}
