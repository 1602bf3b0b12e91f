/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;
import io.github.nativeshm.structured.SharedValue;

import java.util.List;

/**
 * native-shm values: each process writes a 64-byte {@link Event} into a {@link SharedValue} of its
 * own segment (a value has a single writer) and reads the other's, both in place: the sender
 * writes every field ({@link SharedValue#write(io.github.nativeshm.structured.SlotWriter)} with
 * {@link Event.Writer}), the receiver reads the sequence ({@link SharedValue#read(io.github.nativeshm.structured.SlotReader)}), so that
 * neither allocates. The waiting side busy-spins either on {@link SharedValue#changeCount()} and
 * then reads once ({@code spinOnRead = false}), or on the read itself until the sequence it waits
 * for appears.
 */
final class ValueTransport implements Transport {
    private static final SegmentSpec SPEC = SegmentSpec.builder().value("msg", Event.class).build();

    private final boolean spinOnRead;
    private String parentName;
    private String childName;
    private StructuredSegment parentSegment;

    ValueTransport(boolean spinOnRead) {
        this.spinOnRead = spinOnRead;
    }

    @Override
    public List<String> prepare() {
        parentName = Names.unique("vp");
        childName = Names.unique("vc");
        parentSegment = StructuredSegment.create(parentName, SPEC);
        return List.of(parentName, childName);
    }

    @Override
    public Endpoint parentEndpoint() {
        return new ValueEndpoint(parentSegment, StructuredSegment.open(childName), spinOnRead);
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        StructuredSegment theirs = StructuredSegment.open(args.get(0));
        return new ValueEndpoint(StructuredSegment.create(args.get(1), SPEC), theirs, spinOnRead);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(parentName);
        Names.unlinkQuietly(childName);
    }

    private static final class ValueEndpoint implements Endpoint {
        private final StructuredSegment mine;
        private final StructuredSegment theirs;
        private final SharedValue<Event> out;
        private final SharedValue<Event> in;
        private final boolean spinOnRead;
        private final Patience patience = new Patience("a shared value");
        private final Event.Writer writer = new Event.Writer();
        private final Event.Mutable received = new Event.Mutable();
        private int seen;
        private long last;

        ValueEndpoint(StructuredSegment mine, StructuredSegment theirs, boolean spinOnRead) {
            this.mine = mine;
            this.theirs = theirs;
            this.out = mine.value("msg", Event.class);
            this.in = theirs.value("msg", Event.class);
            this.spinOnRead = spinOnRead;
            this.seen = in.changeCount();
        }

        @Override
        public void send(long n) {
            out.write(writer.sequence(n));
        }

        @Override
        public long receive() {
            while (true) {
                if (!spinOnRead) {
                    int count = in.changeCount();
                    if (count == seen) {
                        patience.idle();
                        continue;
                    }
                    seen = count;
                }
                Event.Mutable event = in.read(received);
                if (event != null && event.sequence != last) {
                    patience.reset();
                    return last = event.sequence;
                }
                patience.idle();
            }
        }

        @Override
        public void close() {
            mine.close();
            theirs.close();
        }
    }
}
