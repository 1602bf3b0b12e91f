/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.SegmentException;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A reader is lapped while it reads: the writer appends records 0, 1 and 2 to a ring of two
 * slots, so record 2 overwrites record 0; a reader that starts at 0 polls once. It gets records in
 * order, each with the content of its own sequence number, and learns of every record it does not
 * get: never a silent gap, never a record half-overwritten by a later one. Lapped while it reads,
 * it resumes half a ring behind the write position (here one record behind it), not at the slot
 * the writer overwrites next; a loss it finds at its first look resumes at the oldest record kept.
 *
 * <p>The result lists what the reader was handed, in order: a sequence number per record, and
 * "lost n" for a reported loss of n records.
 */
@JCStressTest
@Description("A lapped ring reader gets records in order with their own content, and is told of every loss.")
@Outcome(id = "nothing", expect = ACCEPTABLE, desc = "Polled before the first append was published.")
@Outcome(id = "0", expect = ACCEPTABLE, desc = "Polled after the first append.")
@Outcome(id = "0 1", expect = ACCEPTABLE, desc = "Polled after the second append.")
@Outcome(id = "0 1 2", expect = ACCEPTABLE, desc = "Read record 0 before record 2 overwrote it.")
@Outcome(id = "lost 1, 1 2", expect = ACCEPTABLE, desc = "Record 2 was appended before the reader's first look: "
        + "record 0 is reported lost, and the reader goes on from the oldest record kept.")
@Outcome(id = "lost 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "Record 0's slot was being overwritten while "
        + "the write position still said 2: half a ring behind it is record 1; record 2 was not published yet.")
@Outcome(id = "lost 2, 2", expect = ACCEPTABLE_INTERESTING, desc = "Record 0's slot was overwritten while the reader "
        + "looked and the write position had moved to 3: it resumes half a ring behind it, at record 2, reporting "
        + "record 1 lost though it was intact.")
@Outcome(expect = FORBIDDEN, desc = "A gap without a loss, records out of order, a record whose content is not its "
        + "sequence's (torn by an overwrite), or an error.")
@State
public class RingLapTest implements RingHandler<RingLapTest.Stamp> {
    /** A ring record: every field is its sequence number. */
    public record Stamp(long seq, long a, long b, long c, long d, long e, long f, long g) {
        static Stamp of(long seq) {
            return new Stamp(seq, seq, seq, seq, seq, seq, seq, seq);
        }
    }

    private final EventRing<Stamp> ring = DirectRegions.ring(Stamp.class, 2);
    private final RingReader<Stamp> reader = ring.readerAt(0);
    private final StringBuilder trace = new StringBuilder();

    @Actor
    public void writer() {
        ring.append(Stamp.of(0));
        ring.append(Stamp.of(1));
        ring.append(Stamp.of(2));
    }

    @Actor
    public void reader(L_Result r) {
        try {
            reader.poll(this, 10);
        } catch (SegmentException e) {
            event(e.reason().name());
        }
        r.r1 = trace.length() == 0 ? "nothing" : trace.toString();
    }

    @Override
    public void onRecord(long sequence, Stamp record) {
        event(record.equals(Stamp.of(sequence)) ? Long.toString(sequence) : "torn " + sequence + " " + record);
    }

    @Override
    public void onLoss(long firstLost, long count) {
        event((firstLost == reader.position() ? "lost " : "lost from " + firstLost + " ") + count + ",");
    }

    private void event(String text) {
        if (trace.length() > 0) {
            trace.append(' ');
        }
        trace.append(text);
    }
}
