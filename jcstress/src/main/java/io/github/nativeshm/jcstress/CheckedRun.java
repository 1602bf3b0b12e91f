/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.jcstress;

import org.openjdk.jcstress.Main;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs jcstress as {@code java -jar jcstress.jar} does, but refuses to pass when there is nothing
 * to run: jcstress 0.16 exits with status 0 when no test matches {@code -t} (for example when the
 * annotation processor that generates the test runners did not run), which would let a build pass
 * without testing anything. A test that fails still ends jcstress with an uncaught
 * {@code AssertionError}: status 1.
 */
public final class CheckedRun {
    private CheckedRun() {
    }

    public static void main(String[] args) throws Exception {
        String filter = ".*";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-t")) {
                filter = args[i + 1];
            }
        }
        List<String> tests = matchingTests(Pattern.compile(filter));
        if (tests.isEmpty()) {
            System.err.println("No jcstress test matches '" + filter + "': were the test runners generated"
                    + " (annotation processing on)?");
            System.exit(2);
        }
        System.out.println(tests.size() + " jcstress tests match '" + filter + "': " + tests);
        Main.main(args);
    }

    /** The tests jcstress will select with {@code -t filter} (it uses find(), not matches()). */
    private static List<String> matchingTests(Pattern filter) {
        try {
            return TestList.tests().stream().filter(name -> filter.matcher(name).find()).sorted().toList();
        } catch (NullPointerException noList) {
            return List.of(); // no META-INF/TestList at all
        }
    }
}
