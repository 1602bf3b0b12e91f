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
import org.openjdk.jcstress.infra.results.LL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Writes become visible in the order they were made: the writer fills array slot 0, then slot 1;
 * a reader that reads slot 1 first and sees its value must then see slot 0's (a write's release
 * pairs with the read's acquire, as a writer that publishes an item, then its index, relies on).
 */
@JCStressTest
@Description("A reader that sees a later slot write sees the earlier one too.")
@Outcome(id = "empty, empty", expect = ACCEPTABLE, desc = "Read before slot 1 was written; slot 0 not yet either.")
@Outcome(id = "empty, 1", expect = ACCEPTABLE, desc = "Read between the two writes, or slot 0 after both.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both writes seen.")
@Outcome(id = "1, empty", expect = FORBIDDEN, desc = "The later write seen without the earlier one.")
@Outcome(expect = FORBIDDEN, desc = "Torn copy of a slot.")
@State
public class SeqLockOrderTest {
    private final SharedArray<Octet> array = DirectRegions.array(Octet.class, 2);

    @Actor
    public void writer() {
        array.write(0, Octet.of(1));
        array.write(1, Octet.of(1));
    }

    @Actor
    public void reader(LL_Result r) {
        r.r1 = Octet.describe(array.read(1));
        r.r2 = Octet.describe(array.read(0));
    }
}
