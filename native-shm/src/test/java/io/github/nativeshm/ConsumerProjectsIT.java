/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import io.github.nativeshm.testing.Processes;
import io.github.nativeshm.testing.Processes.Result;
import io.github.nativeshm.testing.TestSegments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as another project gets it: README.md's library example, compiled with javac
 * and run with java in processes of their own, once as a module ({@code requires
 * io.github.nativeshm}) on the module path and once on the class path; plus what the module
 * descriptor exports and what the jar holds. Failsafe passes the jars' paths (see the pom).
 */
@ExtendWith(TestSegments.class)
class ConsumerProjectsIT {
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");
    private static final Set<String> API_PACKAGES = Set.of("io.github.nativeshm", "io.github.nativeshm.layout",
            "io.github.nativeshm.structured");

    private static Path jar;
    private static String dependencies;

    @BeforeAll
    static void findTheJars() {
        jar = existing("nativeshm.jar");
        dependencies = existing("nativeshm.jna.jar") + File.pathSeparator + existing("nativeshm.jna-platform.jar");
    }

    // ---- README.md's example, both ways -----------------------------------------------------------

    @Test
    void theReadmeExampleRunsOnTheModulePath(@TempDir Path project) throws Exception {
        ReadmeExample example = ReadmeExample.read();
        Path sources = project.resolve("src");
        write(sources.resolve("module-info.java"), "module consumer {\n    requires io.github.nativeshm;\n}\n");
        write(sources.resolve("consumer").resolve(example.className() + ".java"), example.source());
        Path classes = project.resolve("classes");
        String modulePath = jar + File.pathSeparator + dependencies;

        Processes.run(List.of(tool("javac"), "-Xlint:all", "-Werror", "--module-path", modulePath, "-d",
                classes.toString(), sources.resolve("module-info.java").toString(),
                sources.resolve("consumer").resolve(example.className() + ".java").toString()));
        String output = Processes.run(javaCommand("--module-path", classes + File.pathSeparator + modulePath,
                "--module", "consumer/consumer." + example.className()));

        assertEquals("42", output.strip());
    }

    @Test
    void theReadmeExampleRunsOnTheClassPath(@TempDir Path project) throws Exception {
        ReadmeExample example = ReadmeExample.read();
        Path source = project.resolve("src").resolve("consumer").resolve(example.className() + ".java");
        write(source, example.source());
        Path classes = project.resolve("classes");
        String classPath = jar + File.pathSeparator + dependencies;

        Processes.run(List.of(tool("javac"), "-Xlint:all", "-Werror", "-cp", classPath, "-d", classes.toString(),
                source.toString()));
        String output = Processes.run(javaCommand("-cp", classes + File.pathSeparator + classPath,
                "consumer." + example.className()));

        assertEquals("42", output.strip());
    }

    // ---- a module sees the API and nothing else ----------------------------------------------------

    @Test
    void aModuleCannotCompileAgainstThePlatformBindings(@TempDir Path project) throws Exception {
        Path sources = project.resolve("src");
        write(sources.resolve("module-info.java"), "module consumer {\n    requires io.github.nativeshm;\n}\n");
        Path source = sources.resolve("consumer").resolve("Internal.java");
        write(source, "package consumer;\n\npublic class Internal {\n"
                + "    io.github.nativeshm.platform.Mapping mapping;\n}\n");

        Result result = Processes.runForResult(List.of(tool("javac"), "--module-path", jar + File.pathSeparator
                + dependencies, "-d", project.resolve("classes").toString(), sources.resolve("module-info.java").toString(),
                source.toString()));

        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("package io.github.nativeshm.platform is not visible"), result::toString);
    }

    @Test
    void aModuleSharesItsRecordsThroughStructuredSegments(@TempDir Path project) throws Exception {
        String name = TestSegments.uniqueName();
        Path sources = project.resolve("src");
        write(sources.resolve("module-info.java"), "module consumer {\n    requires io.github.nativeshm;\n"
                + "    exports consumer;\n}\n");
        Path source = sources.resolve("consumer").resolve("Quotes.java");
        write(source, """
                package consumer;

                import io.github.nativeshm.layout.Fixed;
                import io.github.nativeshm.structured.SegmentSpec;
                import io.github.nativeshm.structured.StructuredSegment;

                public class Quotes {
                    public record Quote(long id, @Fixed(16) String symbol, double price) { }

                    public static void main(String[] args) {
                        SegmentSpec spec = SegmentSpec.builder().value("last", Quote.class).build();
                        try (StructuredSegment writer = StructuredSegment.create(args[0], spec);
                             StructuredSegment reader = StructuredSegment.open(args[0])) {
                            writer.value("last", Quote.class).write(new Quote(1, "ACME", 12.5));
                            System.out.println(reader.value("last", Quote.class).read());
                            writer.segment().unlink();
                        }
                    }
                }
                """);
        Path classes = project.resolve("classes");
        String modulePath = jar + File.pathSeparator + dependencies;

        Processes.run(List.of(tool("javac"), "--module-path", modulePath, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), source.toString()));
        String output = Processes.run(javaCommand("--module-path", classes + File.pathSeparator + modulePath,
                "--module", "consumer/consumer.Quotes", name));

        assertEquals("Quote[id=1, symbol=ACME, price=12.5]", output.strip());
    }

    // ---- the jar ---------------------------------------------------------------------------------

    @Test
    void theModuleExportsExactlyTheApiPackages() {
        ModuleDescriptor module = ModuleFinder.of(jar).findAll().stream().map(m -> m.descriptor())
                .reduce((a, b) -> {
                    throw new AssertionError("more than one module in " + jar);
                }).orElseThrow(() -> new AssertionError("no module in " + jar));

        assertEquals("io.github.nativeshm", module.name());
        assertTrue(!module.isAutomatic() && !module.isOpen(), module::toString);
        assertEquals(API_PACKAGES, module.exports().stream().map(Exports::source).collect(Collectors.toSet()));
        assertTrue(module.exports().stream().noneMatch(Exports::isQualified), module::toString);
        assertEquals(Set.of(), module.opens(), "nothing is opened for reflection");
        Map<String, Set<Requires.Modifier>> requires = module.requires().stream()
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        assertEquals(Set.of("java.base", "com.sun.jna", "com.sun.jna.platform"), requires.keySet());
        assertEquals(Set.of(Requires.Modifier.TRANSITIVE), requires.get("com.sun.jna"),
                "Segment.structureAt's signature uses JNA's Structure");
        assertTrue(module.packages().containsAll(Set.of("io.github.nativeshm.platform",
                "io.github.nativeshm.platform.linux", "io.github.nativeshm.platform.windows")), module::toString);
    }

    @Test
    void theJarHoldsNoCommandLineClasses() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> cli = file.stream().map(entry -> entry.getName())
                    .filter(entryName -> entryName.contains("/cli/") || entryName.contains("ShmCommand"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), cli);
            assertTrue(file.getEntry("module-info.class") != null, "the jar is a module");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * The first Java block of README.md's "Using the library" section, as a file of package
     * {@code consumer} (a module's classes need a package) whose segment name is unique to this
     * run instead of {@code "prices"}: otherwise the text itself.
     */
    record ReadmeExample(String className, String source) {
        private static final Pattern BLOCK = Pattern.compile("## Using the library\\R.*?```java\\R(.*?)```",
                Pattern.DOTALL);
        private static final Pattern CLASS = Pattern.compile("^public class (\\w+)", Pattern.MULTILINE);

        static ReadmeExample read() throws IOException {
            String readme = Files.readString(existing("nativeshm.readme"));
            Matcher block = BLOCK.matcher(readme);
            assertTrue(block.find(), "README.md has no Java block under '## Using the library'");
            String code = block.group(1);
            Matcher className = CLASS.matcher(code);
            assertTrue(className.find(), () -> "the README example is not a public class:\n" + code);
            assertTrue(code.contains("\"prices\""), () -> "the README example no longer names \"prices\":\n" + code);
            return new ReadmeExample(className.group(1), "package consumer;\n\n"
                    + code.replace("\"prices\"", "\"" + TestSegments.uniqueName() + "\""));
        }
    }

    private static List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(tool("java")));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=com.sun.jna,ALL-UNNAMED");
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static String tool(String name) {
        return JAVA_BIN.resolve(name).toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && Files.isRegularFile(Path.of(value)),
                () -> "system property " + property + " names no file: " + value + " (run through failsafe: mvn verify)");
        return Path.of(value);
    }
}
