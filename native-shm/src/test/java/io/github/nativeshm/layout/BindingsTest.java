/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import io.github.nativeshm.layout.Bindings.Language;
import io.github.nativeshm.layout.Shapes.Item;
import io.github.nativeshm.layout.Shapes.Nested;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the generators name and refuse; {@link BindingPeersTest} runs what they generate. */
class BindingsTest {
    private static final LayoutDescription KEYWORDS = LayoutDescription.parse(
            Layout.of(BindingPeersTest.Keywords.class).canonical());

    @Test
    void languagesAreNamedAsOnTheCommandLine() {
        assertEquals(Language.PYTHON, Language.of("python"));
        assertEquals(Language.GO, Language.of("Go"));
        assertEquals("c, python, rust, go", Language.ids());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Language.of("java"));
        assertEquals("no bindings for language 'java'; allowed: c, python, rust, go", e.getMessage());
    }

    @Test
    void cIsTheHeaderCHeadersWrites() {
        assertEquals(CHeaders.of(Layout.of(Nested.class)), Bindings.of(Language.C, Layout.of(Nested.class)));
        LayoutDescription nested = LayoutDescription.parse(Layout.of(Nested.class).canonical());
        assertEquals(LayoutDescription.cHeader(List.of(nested)), Bindings.of(Language.C, List.of(nested)));
    }

    @Test
    void keywordsGetATrailingUnderscoreUntilNoOtherMemberHasTheName() {
        assertEquals("type match fn self lambda_ in_ def_ type_ from_ id Id _pad0 None_", names(PythonBindings.NAMING));
        assertEquals("type__ match_ fn_ self_ lambda in_ def type_ from id Id _pad0 None", names(RustBindings.NAMING));
        assertEquals("Type Match Fn Self Lambda In Def Type_ From Id_ Id X_pad0 None", names(GoBindings.NAMING));
        String rust = Bindings.of(Language.RUST, List.of(KEYWORDS));
        assertTrue(rust.contains("    pub _pad1: [u8; 4],\n"), "padding skips a member's name:\n" + rust);
    }

    @Test
    void namesThatAreNoIdentifierAreRefusedNamingTheLanguage() {
        LayoutDescription dollar = LayoutDescription.parse("A{int32 a$b@0}#4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bindings.of(Language.RUST, List.of(dollar)));
        assertEquals("field A.a$b: 'a$b' cannot be a Rust identifier (not only ASCII letters, digits and"
                + " underscores); rename it to generate Rust bindings", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bindings.of(Language.GO, List.of(LayoutDescription.parse("Größe{int32 x@0}#4"))));
        assertTrue(e.getMessage().startsWith("struct Größe: 'Größe' cannot be a Go identifier"), e.getMessage());
    }

    @Test
    void structsThatWouldShareANameOrConstantAreRefused() {
        List<LayoutDescription> twoItems = List.of(LayoutDescription.parse("item{int32 x@0}#4"),
                LayoutDescription.parse("Item{int64 x@0}#8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bindings.of(Language.GO, twoItems));
        assertEquals("structs item and Item would both be Go type Item; rename one to generate Go bindings",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bindings.of(Language.PYTHON, twoItems));
        assertEquals("structs item and Item would both define ITEM_FINGERPRINT", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bindings.of(Language.PYTHON,
                List.of(LayoutDescription.parse("ctypes{int32 x@0}#4"))));
        assertEquals("struct ctypes would declare ctypes, which the generated code itself uses; rename the struct",
                e.getMessage());
    }

    @Test
    void everyLanguageCarriesTheFingerprint() {
        String fingerprint = Layout.hex(Layout.of(Item.class).fingerprint());
        for (Language language : Language.values()) {
            assertTrue(Bindings.of(language, Layout.of(Item.class)).contains(fingerprint), language::toString);
        }
    }

    private static String names(StructWalk.Naming naming) {
        return StructWalk.of(List.of(KEYWORDS), naming).structs().get(0).members().stream()
                .map(StructWalk.Slot::name).collect(Collectors.joining(" "));
    }
}
