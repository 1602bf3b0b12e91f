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
 * Clearing is a write too: the writer writes (1, ... 1) and then clears the value; a reader sees
 * the value or no value, never the zeros of a half-done clear as if they were a value.
 */
@JCStressTest
@Description("A read racing a write and a clear gets the value or no value, never the clear's zeros.")
@Outcome(id = "empty", expect = ACCEPTABLE, desc = "Before the write, or after the clear: no value.")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "The written value, whole.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "The zeros of the clear, taken for a value.")
@Outcome(expect = FORBIDDEN, desc = "Torn: part value, part zeros.")
@State
public class SeqLockClearTest {
    private final SharedValue<Octet> value = DirectRegions.value(Octet.class);

    @Actor
    public void writer() {
        value.write(Octet.of(1));
        value.clear();
    }

    @Actor
    public void reader(L_Result r) {
        r.r1 = Octet.describe(value.read());
    }
}
