/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.ipc;

import io.github.nativeshm.bench.Names;
import io.github.nativeshm.bench.model.Event;
import io.github.nativeshm.structured.EventRing;
import io.github.nativeshm.structured.RingHandler;
import io.github.nativeshm.structured.RingReader;
import io.github.nativeshm.structured.SegmentSpec;
import io.github.nativeshm.structured.StructuredSegment;

import java.util.List;

/**
 * native-shm rings, one each way: each process appends 64-byte {@link Event}s to an
 * {@link EventRing} in its own segment and busy-polls a {@link RingReader} on the other's. In
 * place ({@code inPlace}), the sender writes every field of the record
 * ({@link EventRing#append(io.github.nativeshm.structured.SlotWriter)} with {@link Event.Writer}) and
 * the receiver reads the sequence field
 * ({@link EventRing#reader(EventRing.Start, io.github.nativeshm.structured.SlotReader)}), as Agrona's
 * peer copies in a 64-byte message and reads its first long; otherwise each message is an
 * {@code Event} record both ways.
 */
final class RingTransport implements Transport {
    private static final SegmentSpec SPEC = SegmentSpec.builder().ring("msg", Event.class, 1024).build();

    private final boolean inPlace;
    private String parentName;
    private String childName;
    private StructuredSegment parentSegment;

    RingTransport(boolean inPlace) {
        this.inPlace = inPlace;
    }

    @Override
    public List<String> prepare() {
        parentName = Names.unique("rp");
        childName = Names.unique("rc");
        parentSegment = StructuredSegment.create(parentName, SPEC);
        return List.of(parentName, childName);
    }

    @Override
    public Endpoint parentEndpoint() {
        return endpoint(parentSegment, StructuredSegment.open(childName));
    }

    @Override
    public Endpoint childEndpoint(List<String> args) {
        StructuredSegment theirs = StructuredSegment.open(args.get(0));
        return endpoint(StructuredSegment.create(args.get(1), SPEC), theirs);
    }

    private Endpoint endpoint(StructuredSegment mine, StructuredSegment theirs) {
        return inPlace ? new InPlaceEndpoint(mine, theirs) : new RecordEndpoint(mine, theirs);
    }

    @Override
    public void cleanup() {
        Names.unlinkQuietly(parentName);
        Names.unlinkQuietly(childName);
    }

    /** Both rings, and the loop that waits for the next record; subclasses say how records are made. */
    private abstract static class RingEndpoint<T> implements Endpoint, RingHandler<T> {
        private final StructuredSegment mine;
        private final StructuredSegment theirs;
        final EventRing<Event> out;
        private final RingReader<T> in;
        private final Patience patience = new Patience("a ring record");
        long last;

        RingEndpoint(StructuredSegment mine, StructuredSegment theirs) {
            this.mine = mine;
            this.theirs = theirs;
            this.out = mine.ring("msg", Event.class);
            this.in = reader(theirs.ring("msg", Event.class));
        }

        abstract RingReader<T> reader(EventRing<Event> ring);

        @Override
        public long receive() {
            while (in.poll(this, 1) == 0) {
                patience.idle();
            }
            patience.reset();
            return last;
        }

        @Override
        public void onLoss(long firstLost, long count) {
            throw new IllegalStateException(count + " records lost from " + firstLost + " in a ping-pong");
        }

        @Override
        public void close() {
            mine.close();
            theirs.close();
        }
    }

    private static final class RecordEndpoint extends RingEndpoint<Event> {
        RecordEndpoint(StructuredSegment mine, StructuredSegment theirs) {
            super(mine, theirs);
        }

        @Override
        RingReader<Event> reader(EventRing<Event> ring) {
            return ring.reader(EventRing.Start.OLDEST);
        }

        @Override
        public void send(long n) {
            out.append(Event.of(n));
        }

        @Override
        public void onRecord(long sequence, Event record) {
            last = record.sequence();
        }
    }

    private static final class InPlaceEndpoint extends RingEndpoint<Event.Mutable> {
        private final Event.Writer writer = new Event.Writer();

        InPlaceEndpoint(StructuredSegment mine, StructuredSegment theirs) {
            super(mine, theirs);
        }

        @Override
        RingReader<Event.Mutable> reader(EventRing<Event> ring) {
            return ring.reader(EventRing.Start.OLDEST, new Event.Mutable());
        }

        @Override
        public void send(long n) {
            out.append(writer.sequence(n));
        }

        @Override
        public void onRecord(long sequence, Event.Mutable record) {
            last = record.sequence;
        }
    }
}
