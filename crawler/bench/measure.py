#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""How the benchmark measures: readings of a process and of the machine from /proc (Linux),
the Java heap (jcmd), percentiles, and the progress log (stderr; stdout carries the report)."""
import math
import os
import re
import shutil
import signal
import subprocess
import sys


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def proc_cpu(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def machine_busy():
    """(busy seconds, total seconds) of all CPUs so far, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    tck = os.sysconf("SC_CLK_TCK")
    idle = v[3] + v[4]
    total = sum(v[:8])
    return (total - idle) / tck, total / tck


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except FileNotFoundError:
        return []


def status_value(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return None


def thread_cpu(pid):
    """CPU seconds per thread group (worker, JIT compiler, GC, ...) of a live JVM."""
    groups = {}
    tck = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                comm = f.read().strip()
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        name = re.sub(r"\d+", "N", comm)
        name = {"CN CompilerThre": "JIT compiler", "java": "main (start-up, config)",
                "fetcher-N-http-": "HTTP client pool", "HttpClient-N-Se": "HTTP selector",
                "fetcher-N-timer": "fetcher timer", "crawler-worker-": "crawler workers", "GC Thread#N": "GC", "GN Conc#N": "GC",
                "GN Main Marker": "GC", "GN Refine#N": "GC", "GN Service": "GC",
                "VM Thread": "VM thread"}.get(name, "other")
        groups[name] = groups.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tck
    return groups



def heap_used(jcmd, pid):
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"heap\s+total (\d+)K, used (\d+)K", out)
    return {"committed_mb": int(m.group(1)) // 1024, "used_mb": int(m.group(2)) // 1024} if m else None


def live_heap(pid):
    """Java heap used and committed before and after a full GC (`jcmd GC.run`), and RSS after it:
    what the crawler's data needs, apart from what G1 kept because it was allowed to."""
    jcmd = shutil.which("jcmd")
    if not jcmd:
        return {}
    heap = {"before_gc": heap_used(jcmd, pid)}
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, timeout=60)
    heap["after_gc"] = heap_used(jcmd, pid)
    heap["rss_after_gc_kb"] = status_value(pid, "VmRSS")
    return heap


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list: a value that occurred, never an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def terminate(proc, grace):
    """SIGTERM, and SIGKILL if the process has not exited within `grace` seconds."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
