/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.platform.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.MEMORY_BASIC_INFORMATION;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kernel32 scenarios of {@code windows/scenarios.txt} (its head says the format), and how the
 * Java stand-ins answer them. {@code windows/scenario-runner.c} answers the same steps with the real
 * Win32 calls, in the same words.
 */
final class Kernel32Scenarios {
    static final String SCENARIOS = "/windows/scenarios.txt";
    static final String RUNNER = "/windows/scenario-runner.c";

    /** The last error each step starts with, so that a failure that sets none is seen. */
    static final int SENTINEL_ERROR = 9999;

    private static final int PAGE_READWRITE = 0x04;
    private static final int PAGE_READONLY = 0x02;
    private static final int FILE_MAP_WRITE = 0x0002;
    private static final int FILE_MAP_READ = 0x0004;
    private static final int MEM_COMMIT = 0x1000;
    private static final int MEM_FREE = 0x10000;
    private static final int WAIT_OBJECT_0 = 0;
    private static final int WAIT_TIMEOUT = 258;

    /** One call: its line in the file, its words, what it must give, and what Wine gives instead (and why). */
    record Step(String scenario, int line, List<String> words, String expected, String wineOutcome,
                String wineReason) {
        String text() {
            return String.join(" ", words);
        }

        /** What the step gives under Wine: the expected outcome unless a {@code wine:} line says otherwise. */
        String expectedUnderWine() {
            return wineOutcome == null ? expected : wineOutcome;
        }
    }

    private Kernel32Scenarios() {
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Kernel32Scenarios.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The steps of the scenario file, in order. */
    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        String scenario = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("scenario ")) {
                scenario = line.substring("scenario ".length());
            } else if (line.startsWith("wine:")) {
                String[] parts = line.substring("wine:".length()).split(" -- ", 2);
                if (steps.isEmpty() || parts.length != 2 || parts[1].isBlank()) {
                    throw new IllegalArgumentException("line " + number + ": 'wine: OUTCOME -- REASON' after a step");
                }
                Step step = steps.remove(steps.size() - 1);
                steps.add(new Step(step.scenario(), step.line(), step.words(), step.expected(), parts[0].strip(),
                        parts[1].strip()));
            } else {
                String[] parts = line.split("=>", 2);
                if (scenario == null || parts.length != 2 || parts[1].isBlank()) {
                    throw new IllegalArgumentException("line " + number + ": 'STEP ARGS => OUTCOME' in a scenario");
                }
                steps.add(new Step(scenario, number, List.of(parts[0].strip().split("\\s+")), parts[1].strip(),
                        null, null));
            }
        }
        return steps;
    }

    /** Runs every step through fresh stand-ins per scenario; the outcome of each step, by line. */
    static Map<Integer, String> runOnStandIns(List<Step> steps) {
        Map<Integer, String> outcomes = new LinkedHashMap<>();
        StandIns standIns = null;
        for (Step step : steps) {
            if (standIns == null || !standIns.scenario.equals(step.scenario())) {
                standIns = new StandIns(step.scenario());
            }
            String outcome;
            try {
                outcome = standIns.run(step.words());
            } catch (RuntimeException e) {
                outcome = "threw " + e; // a form the stand-in does not model: a difference to see, not a crash
            }
            outcomes.put(step.line(), outcome);
        }
        return outcomes;
    }

    /** A section stand-in and an event stand-in sharing one namespace, and the scenario's variables. */
    private static final class StandIns {
        final String scenario;
        final Kernel32StandIn sections;
        final EventApiStandIn events;
        final Map<String, HANDLE> handles = new HashMap<>();
        /** Whether each handle variable holds an event (else a section). */
        final Map<String, Boolean> isEvent = new HashMap<>();
        final Map<String, Pointer> views = new HashMap<>();

        StandIns(String scenario) {
            this.scenario = scenario;
            KernelNamespace namespace = new KernelNamespace();
            sections = new Kernel32StandIn(namespace);
            events = new EventApiStandIn(namespace);
        }

        String run(List<String> w) {
            sections.SetLastError(SENTINEL_ERROR);
            events.SetLastError(SENTINEL_ERROR);
            String verb = w.get(0);
            switch (verb + "/" + w.size()) {
                case "create/4": {
                    long size = Long.parseUnsignedLong(w.get(3));
                    HANDLE h = sections.CreateFileMapping(WinBase.INVALID_HANDLE_VALUE, null, PAGE_READWRITE,
                            (int) (size >>> 32), (int) size, name(w.get(2)));
                    int error = sections.GetLastError();
                    handle(w.get(1), h, false);
                    return (h != null ? "ok" : "fail") + " err=" + error;
                }
                case "open/4": {
                    HANDLE h = sections.OpenFileMapping(access(w.get(3)), false, name(w.get(2)));
                    handle(w.get(1), h, false);
                    return okOrFail(h != null, sections.GetLastError());
                }
                case "map/4": {
                    Pointer view = sections.MapViewOfFile(handles.get(w.get(2)), access(w.get(3)), 0, 0, 0);
                    views.put(w.get(1), view);
                    return okOrFail(view != null, sections.GetLastError());
                }
                case "unmap/2": {
                    boolean ok = sections.UnmapViewOfFile(views.put(w.get(1), null));
                    return okOrFail(ok, sections.GetLastError());
                }
                case "close/2": {
                    HANDLE h = handles.put(w.get(1), null); // as the runner: a second close passes NULL
                    if (Boolean.TRUE.equals(isEvent.get(w.get(1)))) {
                        return okOrFail(events.CloseHandle(h), events.GetLastError());
                    }
                    return okOrFail(sections.CloseHandle(h), sections.GetLastError());
                }
                case "query/2":
                    return query(views.get(w.get(1)));
                case "write/4":
                    views.get(w.get(1)).setInt(Long.parseLong(w.get(2)), Integer.parseInt(w.get(3)));
                    return "ok";
                case "read/3":
                    return "value=" + views.get(w.get(1)).getInt(Long.parseLong(w.get(2)));
                case "event/5": {
                    HANDLE h = events.CreateEvent(null, w.get(3).equals("manual"), w.get(4).equals("1"),
                            name(w.get(2)));
                    int error = events.GetLastError();
                    handle(w.get(1), h, true);
                    return (h != null ? "ok" : "fail") + " err=" + error;
                }
                case "openevent/3": {
                    HANDLE h = events.OpenEvent(name(w.get(2)));
                    handle(w.get(1), h, true);
                    return okOrFail(h != null, events.GetLastError());
                }
                case "set/2":
                    return okOrFail(events.SetEvent(handles.get(w.get(1))), events.GetLastError());
                case "reset/2":
                    return okOrFail(events.ResetEvent(handles.get(w.get(1))), events.GetLastError());
                case "wait/3": {
                    int result = events.WaitForSingleObject(handles.get(w.get(1)), Integer.parseInt(w.get(2)));
                    return result == WAIT_OBJECT_0 ? "signaled" : result == WAIT_TIMEOUT ? "timeout"
                            : "fail err=" + events.GetLastError();
                }
                default:
                    return "bad-step";
            }
        }

        private void handle(String variable, HANDLE handle, boolean event) {
            handles.put(variable, handle);
            isEvent.put(variable, event);
        }

        private String query(Pointer view) {
            MEMORY_BASIC_INFORMATION info = new MEMORY_BASIC_INFORMATION();
            SIZE_T written = sections.VirtualQueryEx(sections.GetCurrentProcess(), view, info, new SIZE_T(info.size()));
            if (written.longValue() == 0) {
                return "fail err=" + sections.GetLastError();
            }
            int state = info.state.intValue();
            if (state == MEM_FREE) {
                return "state=free";
            }
            int protect = info.protect.intValue();
            return "state=" + (state == MEM_COMMIT ? "commit" : "reserve") + " size=" + info.regionSize.longValue()
                    + " protect=" + (protect == PAGE_READWRITE ? "rw" : protect == PAGE_READONLY ? "r" : "?");
        }
    }

    private static String name(String word) {
        return word.equals("-") ? null : word;
    }

    private static int access(String word) {
        return word.equals("rw") ? FILE_MAP_READ | FILE_MAP_WRITE : FILE_MAP_READ;
    }

    private static String okOrFail(boolean ok, int error) {
        return ok ? "ok" : "fail err=" + error;
    }
}
