/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's packages depend on each other one way: no cycle among them, and the platform
 * bindings never use a public package. Read from the compiled main classes by the JDK's
 * {@code jdeps}, so every reference counts — imports, signatures, constants, lambdas.
 */
class PackageDependenciesTest {
    private static final String ROOT = "io.github.nativeshm";
    private static final String PLATFORM = ROOT + ".platform";
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");

    /** Package to the library packages it uses (itself left out). */
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readTheMainClasses() throws URISyntaxException {
        Path classes = jarOrDirectoryOf(Segment.class);
        // target/classes holds module-info.class: jdeps resolves the module, so it needs JNA's.
        String jna = jarOrDirectoryOf(com.sun.jna.Native.class) + File.pathSeparator
                + jarOrDirectoryOf(com.sun.jna.platform.win32.Kernel32.class);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                "--multi-release", "base", "--module-path", jna, classes.toString());
        assertEquals(0, status, () -> "jdeps failed: " + err + out);
        uses = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches() && isLibrary(edge.group(1))) {
                Set<String> used = uses.computeIfAbsent(edge.group(1), p -> new TreeSet<>());
                if (isLibrary(edge.group(2)) && !edge.group(2).equals(edge.group(1))) {
                    used.add(edge.group(2));
                }
            }
        }
        assertTrue(uses.keySet().containsAll(Set.of(ROOT, ROOT + ".layout", ROOT + ".structured", PLATFORM,
                PLATFORM + ".linux", PLATFORM + ".windows")), () -> "jdeps did not see every package: " + uses + "\n" + out);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycles(start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, () -> "package cycles; dependencies: " + uses);
    }

    @Test
    void thePlatformBindingsUseNoPublicPackage() {
        uses.forEach((pkg, used) -> {
            if (pkg.startsWith(PLATFORM)) {
                Set<String> publicOnes = new TreeSet<>(used);
                publicOnes.removeIf(p -> p.startsWith(PLATFORM));
                assertEquals(Set.of(), publicOnes, pkg + " uses public packages");
            }
        });
    }

    @Test
    void thePlatformPackageKnowsNoImplementation() {
        assertEquals(Set.of(), uses.get(PLATFORM), "the per-OS packages are chosen above platform, not in it");
    }

    /** Every cycle through {@code path}'s first package, each found once (starting at its smallest package). */
    private static void findCycles(String start, List<String> path, List<List<String>> cycles) {
        for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(cycle);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                findCycles(start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Path jarOrDirectoryOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean isLibrary(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }
}
