/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.layout;

import java.util.Map;

/** {@link PeerPrinters.Dialect}s of the peer programs: Python over ctypes, Python over numpy, Rust, Go. */
final class PeerDialects {
    private PeerDialects() {
    }

    /**
     * A dialect as format strings: {@code function} of (name, type, body), {@code print} of (key,
     * value), {@code call} of (function, key, value), {@code member} of (value, name), {@code prefix}
     * of printing functions, {@code scalars} of a value by kind (BOOLEAN, FLOAT, DOUBLE, and
     * {@code null} for the integers), {@code text} of a value.
     */
    record Templates(StructWalk.Naming naming, String prefix, String function, String print, String call, String member,
                     Map<Scalar, String> scalars, String integer, String text) implements PeerPrinters.Dialect {
        @Override
        public String functionName(String type) {
            return prefix + type;
        }

        @Override
        public String function(String name, String type, String body) {
            return String.format(function, name, type, body);
        }

        @Override
        public String print(String key, String value) {
            return String.format(print, key, value);
        }

        @Override
        public String call(String function, String key, String value) {
            return String.format(call, function, key, value);
        }

        @Override
        public String member(String value, String name) {
            return String.format(member, value, name);
        }

        @Override
        public String scalar(Scalar scalar, String value) {
            return String.format(scalars.getOrDefault(scalar, integer), value);
        }

        @Override
        public String text(String value) {
            return String.format(text, value);
        }
    }

    /** Python; {@code numpy} reads members by key from a numpy record instead of by attribute. */
    static PeerPrinters.Dialect python(boolean numpy) {
        return new Templates(PythonBindings.NAMING, numpy ? "nprint_" : "print_", "def %s(p, v):\n%3$s\n\n",
                "    out(p + \"%s\", %s)\n", "    %s(p + \"%s\", %s)\n", numpy ? "%s[\"%s\"]" : "%s.%s",
                Map.of(Scalar.BOOLEAN, "(1 if %s else 0)", Scalar.FLOAT, "f32(%s)", Scalar.DOUBLE, "f64(%s)"),
                "int(%s)", "decode_text(%s)");
    }

    static final PeerPrinters.Dialect RUST = new Templates(RustBindings.NAMING, "print_",
            "fn %s(p: &str, v: &%s) {\n%s}\n\n", "    println!(\"{}%s={}\", p, %s);\n",
            "    %s(&format!(\"{}%s\", p), &%s);\n", "%s.%s",
            Map.of(Scalar.BOOLEAN, "(%s != 0) as u8", Scalar.FLOAT, "format!(\"{:08x}\", %s.to_bits())",
                    Scalar.DOUBLE, "format!(\"{:016x}\", %s.to_bits())"), "%s", "decode_text(&%s)");

    static final PeerPrinters.Dialect GO = new Templates(GoBindings.NAMING, "print",
            "func %s(p string, v *shmlayout.%s) {\n%s}\n\n", "\tfmt.Printf(\"%%s%s=%%v\\n\", p, %s)\n",
            "\t%s(p+\"%s\", &%s)\n", "%s.%s",
            Map.of(Scalar.BOOLEAN, "bit(%s)", Scalar.FLOAT, "fmt.Sprintf(\"%%08x\", math.Float32bits(%s))",
                    Scalar.DOUBLE, "fmt.Sprintf(\"%%016x\", math.Float64bits(%s))"), "%s", "shmlayout.DecodeText(%s[:])");
}
