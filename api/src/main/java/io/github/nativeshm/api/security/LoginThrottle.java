/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins per user name and remote address: after {@value #MAX_FAILURES} within a minute,
 * that pair must wait until the oldest of them is a minute old. Keeps at most
 * {@value #MAX_KEYS} pairs (the least recently failed go first), so that a flood of made-up
 * names cannot fill the memory.
 */
@Singleton
public class LoginThrottle {
    /** Failures allowed within {@link #WINDOW}. */
    public static final int MAX_FAILURES = 5;
    /** The time the failures are counted over. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** How long {@code user} from {@code address} must wait before trying again; empty if it may try now. */
    public synchronized Optional<Duration> wait(String user, String address) {
        Deque<Long> times = failures.get(key(user, address));
        if (times == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW.toNanos()) {
            times.removeFirst();
        }
        if (times.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(times.peekFirst() + WINDOW.toNanos() - now));
    }

    /** Counts a failed sign-in. */
    public synchronized void failed(String user, String address) {
        Deque<Long> times = failures.computeIfAbsent(key(user, address), key -> new ArrayDeque<>());
        times.addLast(System.nanoTime());
        while (times.size() > MAX_FAILURES) {
            times.removeFirst();
        }
    }

    /** Forgets the failures of a pair that signed in. */
    public synchronized void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    private static String key(String user, String address) {
        return user + "\n" + address;
    }
}
