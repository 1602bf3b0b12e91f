/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import io.github.nativeshm.layout.Field;
import io.github.nativeshm.layout.Layout;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A flyweight read ({@link SlotReader}) runs user code on bytes the writer may be changing: what
 * it computes from a torn copy is thrown away and the read retried, so the caller only ever gets
 * a result computed from one whole write.
 */
@JCStressTest
@Description("A flyweight read keeps only what it computed from one whole write.")
@Outcome(id = "empty", expect = ACCEPTABLE, desc = "Read before the first write ended: no value yet.")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "Computed from the first write alone.")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Computed from the second write alone.")
@Outcome(expect = FORBIDDEN, desc = "Torn: the result of a run over a half-written slot was kept.")
@State
public class SeqLockInPlaceTest {
    private static final Field[] FIELDS = Layout.of(Octet.class).fields().toArray(new Field[0]);
    private static final SlotReader<String> IN_PLACE = (buffer, offset) -> Octet.describe(
            FIELDS[0].getLong(buffer, offset), FIELDS[1].getLong(buffer, offset), FIELDS[2].getLong(buffer, offset),
            FIELDS[3].getLong(buffer, offset), FIELDS[4].getLong(buffer, offset), FIELDS[5].getLong(buffer, offset),
            FIELDS[6].getLong(buffer, offset), FIELDS[7].getLong(buffer, offset));

    private final SharedValue<Octet> value = DirectRegions.value(Octet.class);

    @Actor
    public void writer() {
        value.write(Octet.of(1));
        value.write(Octet.of(2));
    }

    @Actor
    public void reader(L_Result r) {
        String seen = value.read(IN_PLACE);
        r.r1 = seen == null ? "empty" : seen;
    }
}
