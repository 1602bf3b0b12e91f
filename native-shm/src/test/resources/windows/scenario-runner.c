/**
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Runs the Kernel32 scenarios of scenarios.txt against the real Win32 API (under Wine, or on
 * Windows) and prints one outcome line per step: "LINE OUTCOME", in the words the scenario file
 * uses, so that Kernel32ScenariosTest can compare it with the Java stand-ins step by step.
 *
 *   x86_64-w64-mingw32-gcc -O1 -o scenario-runner.exe scenario-runner.c
 *   wine scenario-runner.exe scenarios.txt
 *
 * Steps (NAME is a kernel object name such as Local\x, or - for none; ACCESS is r or rw):
 *   create H NAME SIZE      CreateFileMapping(INVALID_HANDLE_VALUE, PAGE_READWRITE, SIZE split hi/lo)
 *   open H NAME ACCESS      OpenFileMapping
 *   map V H ACCESS          MapViewOfFile of the whole section
 *   unmap V | close H       UnmapViewOfFile | CloseHandle (H may be a mapping or an event)
 *   query V                 VirtualQueryEx(GetCurrentProcess(), V): state, region size, protection
 *   write V OFFSET VALUE    stores a 32-bit value in the view; read V OFFSET loads one
 *   event E NAME manual|auto INITIAL    CreateEvent (INITIAL 0 or 1)
 *   openevent E NAME        OpenEvent(EVENT_MODIFY_STATE | SYNCHRONIZE)
 *   set E | reset E         SetEvent | ResetEvent
 *   wait E MILLIS           WaitForSingleObject
 * Outcomes: "ok", "ok err=N" (creates, which always set the last error), "fail err=N",
 * "state=commit size=N protect=rw|r" or "state=free", "value=N", "signaled", "timeout".
 * Before each step the last error is set to 9999, so a failure that sets none shows as err=9999.
 * A "scenario" line (and the end of the file) closes every handle and view still open.
 * read and write trust the scenario: through a view that failed or was unmapped they crash.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARS 64

static struct var { char name[32]; HANDLE handle; void *view; } vars[MAX_VARS];
static int var_count;

static struct var *var(const char *name) {
    for (int i = 0; i < var_count; i++) {
        if (strcmp(vars[i].name, name) == 0) return &vars[i];
    }
    if (var_count == MAX_VARS) { fprintf(stderr, "too many variables\n"); exit(2); }
    struct var *v = &vars[var_count++];
    snprintf(v->name, sizeof v->name, "%s", name);
    v->handle = NULL;
    v->view = NULL;
    return v;
}

static void release_all(void) {
    for (int i = 0; i < var_count; i++) {
        if (vars[i].view) UnmapViewOfFile(vars[i].view);
        if (vars[i].handle) CloseHandle(vars[i].handle);
    }
    var_count = 0;
}

/* ASCII scenario names to UTF-16; "-" is no name (NULL). */
static const WCHAR *wide(const char *name, WCHAR *out) {
    if (strcmp(name, "-") == 0) return NULL;
    int i = 0;
    for (; name[i] && i < 255; i++) out[i] = (WCHAR) (unsigned char) name[i];
    out[i] = 0;
    return out;
}

static DWORD access_of(const char *access) {
    return strcmp(access, "rw") == 0 ? FILE_MAP_READ | FILE_MAP_WRITE : FILE_MAP_READ;
}

static void print_ok_or_fail(BOOL ok) {
    if (ok) printf("ok"); else printf("fail err=%lu", GetLastError());
}

static void run_step(char **arg, int argc) {
    WCHAR name[256];
    const char *verb = arg[0];
    if (strcmp(verb, "create") == 0 && argc == 4) {
        unsigned long long size = strtoull(arg[3], NULL, 10);
        HANDLE h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE,
                                      (DWORD) (size >> 32), (DWORD) size, wide(arg[2], name));
        DWORD error = GetLastError();
        var(arg[1])->handle = h;
        printf("%s err=%lu", h ? "ok" : "fail", error);
    } else if (strcmp(verb, "open") == 0 && argc == 4) {
        HANDLE h = OpenFileMappingW(access_of(arg[3]), FALSE, wide(arg[2], name));
        var(arg[1])->handle = h;
        print_ok_or_fail(h != NULL);
    } else if (strcmp(verb, "map") == 0 && argc == 4) {
        void *view = MapViewOfFile(var(arg[2])->handle, access_of(arg[3]), 0, 0, 0);
        var(arg[1])->view = view;
        print_ok_or_fail(view != NULL);
    } else if (strcmp(verb, "unmap") == 0 && argc == 2) {
        struct var *v = var(arg[1]);
        print_ok_or_fail(UnmapViewOfFile(v->view));
        v->view = NULL; /* a second unmap passes NULL: never someone else's view */
    } else if (strcmp(verb, "close") == 0 && argc == 2) {
        struct var *v = var(arg[1]);
        print_ok_or_fail(CloseHandle(v->handle));
        v->handle = NULL; /* Wine reuses handle values: never close someone else's handle */
    } else if (strcmp(verb, "query") == 0 && argc == 2) {
        MEMORY_BASIC_INFORMATION info;
        if (VirtualQueryEx(GetCurrentProcess(), var(arg[1])->view, &info, sizeof info) == 0) {
            printf("fail err=%lu", GetLastError());
        } else if (info.State == MEM_FREE) {
            printf("state=free");
        } else {
            const char *protect = info.Protect == PAGE_READWRITE ? "rw" : info.Protect == PAGE_READONLY ? "r" : "?";
            printf("state=%s size=%llu protect=%s", info.State == MEM_COMMIT ? "commit" : "reserve",
                   (unsigned long long) info.RegionSize, protect);
        }
    } else if (strcmp(verb, "write") == 0 && argc == 4) {
        *(volatile LONG *) ((char *) var(arg[1])->view + atol(arg[2])) = atol(arg[3]);
        printf("ok");
    } else if (strcmp(verb, "read") == 0 && argc == 3) {
        printf("value=%ld", *(volatile LONG *) ((char *) var(arg[1])->view + atol(arg[2])));
    } else if (strcmp(verb, "event") == 0 && argc == 5) {
        HANDLE h = CreateEventW(NULL, strcmp(arg[3], "manual") == 0, atoi(arg[4]), wide(arg[2], name));
        DWORD error = GetLastError();
        var(arg[1])->handle = h;
        printf("%s err=%lu", h ? "ok" : "fail", error);
    } else if (strcmp(verb, "openevent") == 0 && argc == 3) {
        HANDLE h = OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, FALSE, wide(arg[2], name));
        var(arg[1])->handle = h;
        print_ok_or_fail(h != NULL);
    } else if (strcmp(verb, "set") == 0 && argc == 2) {
        print_ok_or_fail(SetEvent(var(arg[1])->handle));
    } else if (strcmp(verb, "reset") == 0 && argc == 2) {
        print_ok_or_fail(ResetEvent(var(arg[1])->handle));
    } else if (strcmp(verb, "wait") == 0 && argc == 3) {
        DWORD result = WaitForSingleObject(var(arg[1])->handle, (DWORD) atol(arg[2]));
        if (result == WAIT_OBJECT_0) printf("signaled");
        else if (result == WAIT_TIMEOUT) printf("timeout");
        else if (result == WAIT_FAILED) printf("fail err=%lu", GetLastError());
        else printf("wait=0x%lx", result);
    } else {
        printf("bad-step");
    }
}

int main(int argc, char **argv) {
    FILE *in = argc == 2 ? fopen(argv[1], "r") : NULL;
    if (!in) { fprintf(stderr, "usage: scenario-runner SCENARIO_FILE\n"); return 2; }
    char line[512];
    for (int number = 1; fgets(line, sizeof line, in); number++) {
        char *expected = strstr(line, "=>");
        if (expected) *expected = 0; /* the runner reports what happens; the test compares */
        char *arg[8];
        int count = 0;
        for (char *token = strtok(line, " \t\r\n"); token && count < 8; token = strtok(NULL, " \t\r\n")) {
            arg[count++] = token;
        }
        if (count == 0 || arg[0][0] == '#' || strcmp(arg[0], "windows:") == 0 || strcmp(arg[0], "wine:") == 0) {
            continue;
        }
        if (strcmp(arg[0], "scenario") == 0) {
            release_all();
            continue;
        }
        SetLastError(9999);
        printf("%d ", number);
        run_step(arg, count);
        printf("\n");
        fflush(stdout);
    }
    release_all();
    fclose(in);
    return 0;
}
