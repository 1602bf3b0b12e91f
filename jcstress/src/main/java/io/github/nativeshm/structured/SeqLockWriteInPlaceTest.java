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

import java.util.List;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * An in-place write ({@link SlotWriter}, field by field, with the slot's atomic begin) races a
 * read: the reader gets the whole write or nothing, never some of its fields. The writer sets all
 * eight fields to 1, then to 2, in place; the reader reads once into a new record.
 */
@JCStressTest
@Description("A value read racing two in-place writes gets one whole write or nothing.")
@Outcome(id = "empty", expect = ACCEPTABLE, desc = "Read before the first write ended: no value yet.")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "A consistent copy of the first write.")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "A consistent copy of the second write.")
@Outcome(expect = FORBIDDEN, desc = "Torn: fields of two writes, or of a write and the empty slot.")
@State
public class SeqLockWriteInPlaceTest {
    private static final List<Field> FIELDS = Layout.of(Octet.class).fields();
    private static final SlotWriter ONES = (buffer, offset) -> FIELDS.forEach(field -> field.putLong(buffer, offset, 1));
    private static final SlotWriter TWOS = (buffer, offset) -> FIELDS.forEach(field -> field.putLong(buffer, offset, 2));

    private final SharedValue<Octet> value = DirectRegions.value(Octet.class);

    @Actor
    public void writer() {
        value.write(ONES);
        value.write(TWOS);
    }

    @Actor
    public void reader(L_Result r) {
        r.r1 = Octet.describe(value.read());
    }
}
