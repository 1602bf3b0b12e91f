package io.github.nativeshm.layout;

/** {@link PeerPrinters.Dialect}s of the peer programs: Python over ctypes, Python over numpy, Rust, Go. */
final class PeerDialects {
    private PeerDialects() {
    }

    /** Python; {@code numpy} reads members by key from a numpy record instead of by attribute. */
    static PeerPrinters.Dialect python(boolean numpy) {
        return new PeerPrinters.Dialect() {
            @Override
            public StructWalk.Naming naming() {
                return PythonBindings.NAMING;
            }

            @Override
            public String functionName(String type) {
                return (numpy ? "nprint_" : "print_") + type;
            }

            @Override
            public String function(String name, String type, String body) {
                return "def " + name + "(p, v):\n" + body + "\n\n";
            }

            @Override
            public String print(String key, String value) {
                return "    out(p + \"" + key + "\", " + value + ")\n";
            }

            @Override
            public String call(String function, String key, String value) {
                return "    " + function + "(p + \"" + key + "\", " + value + ")\n";
            }

            @Override
            public String member(String value, String name) {
                return numpy ? value + "[\"" + name + "\"]" : value + "." + name;
            }

            @Override
            public String index(String value, int i) {
                return value + "[" + i + "]";
            }

            @Override
            public String scalar(Scalar scalar, String value) {
                return switch (scalar) {
                    case BOOLEAN -> "(1 if " + value + " else 0)";
                    case FLOAT -> "f32(" + value + ")";
                    case DOUBLE -> "f64(" + value + ")";
                    default -> "int(" + value + ")";
                };
            }

            @Override
            public String text(String value) {
                return "decode_text(" + value + ")";
            }
        };
    }

    static final PeerPrinters.Dialect RUST = new PeerPrinters.Dialect() {
        @Override
        public StructWalk.Naming naming() {
            return RustBindings.NAMING;
        }

        @Override
        public String function(String name, String type, String body) {
            return "fn " + name + "(p: &str, v: &" + type + ") {\n" + body + "}\n\n";
        }

        @Override
        public String print(String key, String value) {
            return "    println!(\"{}" + key + "={}\", p, " + value + ");\n";
        }

        @Override
        public String call(String function, String key, String value) {
            return "    " + function + "(&format!(\"{}" + key + "\", p), &" + value + ");\n";
        }

        @Override
        public String member(String value, String name) {
            return value + "." + name;
        }

        @Override
        public String index(String value, int i) {
            return value + "[" + i + "]";
        }

        @Override
        public String scalar(Scalar scalar, String value) {
            return switch (scalar) {
                case BOOLEAN -> "(" + value + " != 0) as u8";
                case FLOAT -> "format!(\"{:08x}\", " + value + ".to_bits())";
                case DOUBLE -> "format!(\"{:016x}\", " + value + ".to_bits())";
                default -> value;
            };
        }

        @Override
        public String text(String value) {
            return "decode_text(&" + value + ")";
        }
    };

    static final PeerPrinters.Dialect GO = new PeerPrinters.Dialect() {
        @Override
        public StructWalk.Naming naming() {
            return GoBindings.NAMING;
        }

        @Override
        public String functionName(String type) {
            return "print" + type;
        }

        @Override
        public String function(String name, String type, String body) {
            return "func " + name + "(p string, v *shmlayout." + type + ") {\n" + body + "}\n\n";
        }

        @Override
        public String print(String key, String value) {
            return "\tfmt.Printf(\"%s" + key + "=%v\\n\", p, " + value + ")\n";
        }

        @Override
        public String call(String function, String key, String value) {
            return "\t" + function + "(p+\"" + key + "\", &" + value + ")\n";
        }

        @Override
        public String member(String value, String name) {
            return value + "." + name;
        }

        @Override
        public String index(String value, int i) {
            return value + "[" + i + "]";
        }

        @Override
        public String scalar(Scalar scalar, String value) {
            return switch (scalar) {
                case BOOLEAN -> "bit(" + value + ")";
                case FLOAT -> "fmt.Sprintf(\"%08x\", math.Float32bits(" + value + "))";
                case DOUBLE -> "fmt.Sprintf(\"%016x\", math.Float64bits(" + value + "))";
                default -> value;
            };
        }

        @Override
        public String text(String value) {
            return "shmlayout.DecodeText(" + value + "[:])";
        }
    };
}
