/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.structured;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@link SharedValue} read races two writes: the reader gets a whole write or nothing, never a
 * mix. The writer writes (1, 1, ... 1), then (2, 2, ... 2); the reader reads once.
 */
@JCStressTest
@Description("A value read racing two writes gets one whole write or nothing.")
@Outcome(id = "empty", expect = ACCEPTABLE, desc = "Read before the first write ended: no value yet.")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "A consistent copy of the first write.")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "A consistent copy of the second write.")
@Outcome(expect = FORBIDDEN, desc = "Torn: fields of two writes, or of a write and the empty slot.")
@State
public class SeqLockSnapshotTest {
    private final SharedValue<Octet> value = DirectRegions.value(Octet.class);

    @Actor
    public void writer() {
        value.write(Octet.of(1));
        value.write(Octet.of(2));
    }

    @Actor
    public void reader(L_Result r) {
        r.r1 = Octet.describe(value.read());
    }
}
