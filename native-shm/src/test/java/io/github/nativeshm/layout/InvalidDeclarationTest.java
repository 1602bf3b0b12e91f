/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every declaration without a C equivalent is refused with a message that says where and why. */
class InvalidDeclarationTest {
    enum Color { RED }

    static final class Declarations {
        public record Ok(int value) {
        }

        public record StringWithoutFixed(int id, String name) {
        }

        public record ArrayWithoutFixed(int[] values) {
        }

        public record ZeroCapacity(@Fixed(0) String name) {
        }

        public record NegativeLength(@Fixed(-3) long[] values) {
        }

        public record ObjectComponent(Object value) {
        }

        public record ListComponent(List<String> values) {
        }

        public record BoxedComponent(Integer count) {
        }

        public record EnumComponent(Color color) {
        }

        public record ClassComponent(StringBuilder text) {
        }

        public record GenericComponent<T>(T value) {
        }

        public record StringArray(@Fixed(2) String[] names) {
        }

        public record ArrayOfArrays(@Fixed(2) int[][] grid) {
        }

        public record FixedOnScalar(@Fixed(4) int count) {
        }

        public record FixedOnRecord(@Fixed(2) Ok ok) {
        }

        public record SelfContaining(int value, Ok ok, SelfContaining next) {
        }

        public record ThroughArray(@Fixed(2) Link[] links) {
        }

        public record Link(int id, ThroughArray back) {
        }

        public record TooLarge(byte flag, @Fixed(Integer.MAX_VALUE) long[] values) {
        }

        public record TooLargeTogether(@Fixed(1_500_000_000) byte[] first, @Fixed(1_500_000_000) byte[] second) {
        }

        public record TooLargeWithPadding(long aligned, @Fixed(Integer.MAX_VALUE - 8) byte[] bytes) {
        }

        public record NoComponents() {
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments(Declarations.StringWithoutFixed.class, "String name",
                        "@Fixed(n) is missing, n being the capacity in UTF-8 bytes"),
                arguments(Declarations.ArrayWithoutFixed.class, "int[] values",
                        "@Fixed(n) is missing, n being the element count"),
                arguments(Declarations.ZeroCapacity.class, "String name", "@Fixed(0) must be at least 1"),
                arguments(Declarations.NegativeLength.class, "long[] values", "@Fixed(-3) must be at least 1"),
                arguments(Declarations.ObjectComponent.class, "Object value", "java.lang.Object is not supported"),
                arguments(Declarations.ListComponent.class, "List values", "java.util.List is not supported"),
                arguments(Declarations.BoxedComponent.class, "Integer count",
                        "java.lang.Integer is not supported (use int)"),
                arguments(Declarations.EnumComponent.class, "Color color",
                        Color.class.getName() + " is not supported (store its ordinal() as an int)"),
                arguments(Declarations.ClassComponent.class, "StringBuilder text",
                        "java.lang.StringBuilder is not supported"),
                arguments(Declarations.GenericComponent.class, "Object value", "java.lang.Object is not supported"),
                arguments(Declarations.StringArray.class, "String[] names", "arrays of String are not supported"),
                arguments(Declarations.ArrayOfArrays.class, "int[][] grid", "arrays of int[] are not supported"),
                arguments(Declarations.FixedOnScalar.class, "int count",
                        "@Fixed applies to String and array components only"),
                arguments(Declarations.FixedOnRecord.class, "Ok ok",
                        "@Fixed applies to String and array components only"),
                arguments(Declarations.SelfContaining.class, "SelfContaining next",
                        "a struct cannot contain itself (SelfContaining.next -> SelfContaining)"),
                arguments(Declarations.ThroughArray.class, "ThroughArray back",
                        "a struct cannot contain itself (ThroughArray.links -> Link.back -> ThroughArray)"),
                arguments(Declarations.TooLarge.class, "long[] values",
                        "int64_t[2147483647] is 17179869176 bytes, more than a struct can hold (2147483647)"),
                arguments(Declarations.TooLargeTogether.class, "byte[] second",
                        "the struct would end at byte 3000000000, beyond 2147483647"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusedWithTheRecordTheComponentAndWhatIsAllowed(Class<? extends Record> type, String component,
                                                           String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layout.of(type));
        // The cycle through an array closes in Link, the record whose component leads back.
        String record = component.equals("ThroughArray back") ? Declarations.Link.class.getName() : type.getName();
        assertEquals("record " + record + ", component " + component + ": " + problem + "; " + LayoutBuilder.ALLOWED,
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; a component may be boolean, byte, short, char, int, long, float, double,"
                + " a record, or with @Fixed(n) a String of n UTF-8 bytes or an array of n primitives or records"),
                "what is allowed");
    }

    @Test
    void aRecordWithoutComponentsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.of(Declarations.NoComponents.class));
        assertEquals("record " + Declarations.NoComponents.class.getName()
                + " has no components; a C struct needs at least one member", e.getMessage());
    }

    @Test
    void aRecordTooLargeOnlyWithItsTailPaddingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.of(Declarations.TooLargeWithPadding.class));
        assertEquals("record " + Declarations.TooLargeWithPadding.class.getName()
                + " would be 2147483648 bytes with its tail padding, more than 2147483647", e.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aClassThatIsNoRecordIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.of((Class) String.class));
        assertEquals("java.lang.String is not a record class; a layout describes a record", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layout.of(Record.class));
    }

    @Test
    void aRecordContainingAnInvalidRecordIsRefusedForTheInnerOne() {
        record Outer(int id, Declarations.ObjectComponent inner) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layout.of(Outer.class));
        assertTrue(e.getMessage().startsWith("record " + Declarations.ObjectComponent.class.getName()
                + ", component Object value: "), e.getMessage());
    }

    @Test
    void aRefusalIsNotRemembered() {
        assertThrows(IllegalArgumentException.class, () -> Layout.of(Declarations.ObjectComponent.class));
        assertThrows(IllegalArgumentException.class, () -> Layout.of(Declarations.ObjectComponent.class),
                "still refused the second time");
        assertEquals(4, Layout.of(Declarations.Ok.class).size());
    }
}
