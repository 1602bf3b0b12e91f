/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options; everything else is kept in order as the remaining arguments. */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> rest = new ArrayList<>();

    public Args(String[] args, String... names) {
        List<String> known = List.of(names);
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && known.contains(args[i].substring(2))) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
    }

    public String get(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    public long getLong(String name, long otherwise) {
        String value = options.get(name);
        return value == null ? otherwise : Long.parseLong(value.replace("_", ""));
    }

    public List<String> rest() {
        return rest;
    }
}
