#!/usr/bin/env python3
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Crawler throughput and memory benchmark (Python 3 standard library only; Linux).

Starts site.py (many loopback "hosts"), runs `java -jar crawler.jar --once` in several
scenarios, then the long-running mode for a while, and prints a markdown report. Normally
started by run.sh, which builds the jars first. Every number comes from this run:

  wall         process start to exit, measured here
  pages        sources whose crawl ended OK (from the --once summary); robots.txt not counted
  items        sum of the "N items" of those sources
  crawl phase  first to last request the site saw (so JVM start-up and shutdown are excluded)
  CPU          user + system seconds of the crawler process (/usr/bin/time -v, else wait4 rusage)
  peak RSS     "Maximum resident set size" of /usr/bin/time -v (getrusage ru_maxrss), else the
               last VmHWM sampled from /proc/PID/status
  others       CPU the rest of the machine used meanwhile (/proc/stat busy minus crawler and
               site), in cores: the benchmark shares its 2 cores with other builds

The long-running mode (no --once, short schedules) is sampled in 10 s windows: pages the site
served, RSS, and CPU per thread group (workers, JIT compiler, GC, HTTP client) from
/proc/PID/task/*/stat; at the end `jcmd GC.heap_info`, `GC.run`, `GC.heap_info` give the live heap.

Scenario `hosts` (hosts.py) runs last, on sites of its own: 100 / 1,000 / 5,000 sources over
25 / 250 / 500 hosts with real politeness delays, for lateness, per-host spacing and memory.

Files: pages.py (what the site serves), site.py (the site), sitectl.py (starting it, its control
endpoint), measure.py (/proc readings), hosts.py (scenario hosts).
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

import hosts as hosts_scenario
from measure import children, live_heap, loadavg, log, machine_busy, status_value, terminate, thread_cpu
from sitectl import Site

SCENARIOS = ("jvm-start", "fast", "delay50", "lean", "scale", "polite", "long", "hosts", "jfr")
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
SUMMARY = re.compile(r"^(b\d{4}-[a-z]+)\s+(\S+), (.*)$")
ITEMS = re.compile(r"(\d+) items")


def jstack_summary(pid):
    """Where the crawler's own threads (crawler-*, fetcher-*) were, from one thread dump."""
    jstack = shutil.which("jstack")
    if not jstack:
        return None
    out = subprocess.run([jstack, str(pid)], capture_output=True, text=True, timeout=30).stdout
    places = {}
    for block in out.split("\n\n"):
        name = re.match(r'"((?:crawler|fetcher)-[^"]*)"', block)
        if not name:
            continue
        state = re.search(r"java.lang.Thread.State: (\w+)", block)
        frame = re.search(r"at (io\.github\.nativeshm\.crawler\.[\w.$]+)\(", block)
        where = frame.group(1).replace("io.github.nativeshm.crawler.", "") if frame else "idle"
        key = "%s %s in %s" % (re.sub(r"\d+", "N", name.group(1)), state.group(1) if state else "?", where)
        places[key] = places.get(key, 0) + 1
    return places


class Bench:
    def __init__(self, args):
        self.args = args
        self.out = args.out
        os.makedirs(self.out, exist_ok=True)
        self.segments = set()
        self.runs = 0

    def new_segment(self):
        """A fresh segment for one crawler run. Its name stays short: the crawler allows 26
        characters, so that the command segment's name (with ".cmd") fits the OS's 30."""
        self.runs += 1
        name = "bench-%d-%d" % (os.getpid(), self.runs)
        self.segments.add(name)
        return name

    def rm_segment(self, name):
        done = subprocess.run(["java", "-jar", self.args.shm_jar, "rm", name], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            log("could not remove segment %s: %s" % (name, done.stderr.strip()))
        self.segments.discard(name)

    def once(self, site, tag, config, jvm=(), dump_after=None, timeout=None):
        """One `--once` run; returns its measurements. After `timeout` s the crawler gets SIGTERM
        (and SIGKILL 20 s later), and the result says timed_out."""
        segment = self.new_segment()
        stdout_path = os.path.join(self.out, tag + ".out")
        stderr_path = os.path.join(self.out, tag + ".err")
        time_path = os.path.join(self.out, tag + ".time")
        java = ["java", *jvm, "-jar", self.args.jar, "--once", "--config", config, "--segment", segment]
        cmd = [TIME, "-v", "-o", time_path, *java] if TIME else java
        site.reset()
        load = loadavg()
        busy0, site_cpu0 = machine_busy()[0], site.cpu()
        t0 = time.time()
        with open(stdout_path, "w") as so, open(stderr_path, "w") as se:
            proc = subprocess.Popen(cmd, stdout=so, stderr=se)
        java_pid = None
        hwm = None
        dump = None
        timed_out = False
        while True:
            done, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if done:
                break
            if java_pid is None:
                java_pid = (children(proc.pid) or [None])[0] if TIME else proc.pid
            overdue = time.time() - t0 - timeout if timeout else -1
            if overdue >= 0 and not timed_out or overdue >= 20:
                try:  # the JVM itself, so that /usr/bin/time still reports, then exits
                    os.kill(java_pid or proc.pid, signal.SIGKILL if timed_out else signal.SIGTERM)
                except ProcessLookupError:
                    pass  # it ended meanwhile
                timed_out = True
            if java_pid:
                hwm = status_value(java_pid, "VmHWM") or hwm
                if dump_after is not None and dump is None and time.time() - t0 >= dump_after:
                    dump = jstack_summary(java_pid)
            time.sleep(0.02)
        t1 = time.time()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stats = site.stats()
        busy1, site_cpu1 = machine_busy()[0], site.cpu()
        self.rm_segment(segment)
        cpu = rusage.ru_utime + rusage.ru_stime
        peak_kb = hwm
        if TIME and os.path.exists(time_path):
            text = open(time_path).read()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
            peak_kb = int(m.group(1)) if m else peak_kb
            u = re.search(r"User time \(seconds\): ([\d.]+)", text)
            s = re.search(r"System time \(seconds\): ([\d.]+)", text)
            if u and s:
                cpu = float(u.group(1)) + float(s.group(1))
        ok = items = failed = 0
        with open(stdout_path) as f:
            for line in f:
                m = SUMMARY.match(line.rstrip("\n"))
                if not m:
                    continue
                if m.group(2) == "OK":
                    ok += 1
                    n = ITEMS.search(m.group(3))
                    items += int(n.group(1)) if n else 0
                else:
                    failed += 1
        wall = t1 - t0
        crawl = (stats["last"] - stats["first"]) if stats["first"] else None
        site_cpu = site_cpu1 - site_cpu0
        result = {"tag": tag, "rc": proc.returncode, "wall": wall, "pages": ok, "failed": failed, "items": items,
                  "requests": stats["requests"], "first_request": (stats["first"] - t0) if stats["first"] else None,
                  "crawl": crawl, "cpu": cpu, "peak_kb": peak_kb, "load": load, "site_cpu": site_cpu,
                  "others": max(0.0, (busy1 - busy0) - cpu - site_cpu) / wall, "dump": dump, "timed_out": timed_out}
        log("  %-22s rc=%d %4d ok %d failed %5d items  wall %6.2fs  crawl %6.2fs  cpu %6.2fs  rss %4d MB  "
            "load %.1f others %.2f cores" % (tag, proc.returncode, ok, failed, items, wall, crawl or 0, cpu,
                                            (peak_kb or 0) // 1024, load, result["others"]))
        if dump:
            log("    thread dump at %.1fs: %s" % (dump_after, dump))
        return result

    def scenario(self, site, name, config, runs, jvm=(), dump_after=None, **info):
        log("scenario %s (%d run%s)" % (name, runs, "" if runs == 1 else "s"))
        results = [self.once(site, "%s-%d" % (name, k + 1), config, jvm, dump_after if k == 0 else None)
                   for k in range(runs)]
        return {"name": name, "jvm": " ".join(jvm) or "(defaults)", "results": results, "dump_after": dump_after,
                **info}

    def long_run(self, site, config, seconds, sources, hosts, schedule, window=10):
        """The long-running mode (no --once): pages, RSS and per-thread CPU in windows of `window` s."""
        log("long-running mode for %d s (schedule %s)" % (seconds, schedule))
        segment = self.new_segment()
        site.reset()
        load = loadavg()
        t0 = time.time()
        with open(os.path.join(self.out, "long.out"), "w") as so:
            proc = subprocess.Popen(["java", "-jar", self.args.jar, "--config", config, "--segment", segment],
                                    stdout=so, stderr=subprocess.STDOUT)
        samples, windows = [], []
        hwm = 0
        last_cpu, last_pages, next_mark = {}, 0, window
        while next_mark <= seconds and proc.poll() is None:
            time.sleep(0.5)
            now = time.time() - t0
            rss = status_value(proc.pid, "VmRSS")
            hwm = status_value(proc.pid, "VmHWM") or hwm
            stats = site.stats()
            pages = stats["requests"] - stats["kinds"].get("robots", 0)
            samples.append((round(now, 1), rss, pages))
            if now >= next_mark:
                cpu = thread_cpu(proc.pid)
                windows.append({"from": next_mark - window, "to": round(now, 1), "rss_kb": rss,
                                "pages": pages - last_pages,
                                "cpu": {k: v - last_cpu.get(k, 0.0) for k, v in cpu.items()}})
                log("  t=%4.1fs: %d pages in the window, RSS %d MB, CPU %s" % (
                    now, pages - last_pages, (rss or 0) // 1024,
                    {k: round(v, 2) for k, v in sorted(windows[-1]["cpu"].items(), key=lambda kv: -kv[1])}))
                last_cpu, last_pages, next_mark = cpu, pages, next_mark + window
        end_rss = status_value(proc.pid, "VmRSS")
        hwm = status_value(proc.pid, "VmHWM") or hwm
        heap = live_heap(proc.pid) if proc.poll() is None else {}
        stats = site.stats()
        elapsed = time.time() - t0
        terminate(proc, 20)
        self.rm_segment(segment)
        with open(os.path.join(self.out, "long.out")) as f:
            bad = [line for line in f if line.startswith("crawl ") and ": OK" not in line]
        # SIGTERM interrupts the fetches in flight, and the crawler records those as failed crawls.
        interrupted = sum(1 for line in bad if "interrupted while fetching" in line)
        failed = len(bad) - interrupted
        log("  end at %.1fs: RSS %s MB, VmHWM %d MB, heap %s, %d requests, %d failed crawls, %d interrupted by "
            "SIGTERM, exit %d" % (elapsed, (end_rss or 0) // 1024, hwm // 1024, heap, stats["requests"], failed,
                                  interrupted, proc.returncode))
        return {"seconds": elapsed, "load": load, "samples": samples, "windows": windows, "end_rss_kb": end_rss,
                "hwm_kb": hwm, "heap": heap, "requests": stats["requests"], "failed": failed,
                "interrupted": interrupted,
                "rc": proc.returncode, "sources": sources, "hosts": hosts, "schedule": schedule}

    def jvm_start(self, runs):
        """`java -jar crawler.jar --version`: the JVM and picocli alone, no config, no crawl."""
        log("jvm start-up baseline (%d runs)" % runs)
        walls, rss = [], []
        for _ in range(runs):
            t0 = time.time()
            proc = subprocess.Popen(["java", "-jar", self.args.jar, "--version"], stdout=subprocess.DEVNULL)
            _, _, rusage = os.wait4(proc.pid, 0)
            walls.append(time.time() - t0)
            rss.append(rusage.ru_maxrss)
        log("  wall %s s, RSS %s MB" % ([round(w, 2) for w in walls], [r // 1024 for r in rss]))
        return {"walls": walls, "rss_kb": rss, "load": loadavg()}

    def cleanup(self):
        for name in list(self.segments):
            self.rm_segment(name)


JFR_ACTIVITIES = (  # innermost first: a sample counts for the first one found in its stack
    ("time parsing (extract.Times)", ("io.github.nativeshm.crawler.extract.Times.",)),
    ("URL resolving (extract.Urls)", ("io.github.nativeshm.crawler.extract.Urls.",)),
    ("jsoup HTML/XML parsing", ("org.jsoup.Jsoup.parse", "org.jsoup.parser.Parser.parse")),
    ("JSON parsing", ("com.fasterxml.jackson.databind.ObjectMapper.readTree",)),
    ("CSS selecting", ("org.jsoup.select.",)),
    ("other extraction", ("io.github.nativeshm.crawler.extract.",)),
    ("fetching (HTTP, robots, gate)", ("io.github.nativeshm.crawler.fetch.",)),
    ("publishing into the segment", ("io.github.nativeshm.crawler.run.CrawlPublisher.",)),
)


def jfr_profile(path, run):
    jfr = shutil.which("jfr")
    if not jfr or not os.path.exists(path):
        return None
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", path],
                          capture_output=True, text=True).stdout
    threads, worker = {}, {}
    samples = worker_samples = 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        samples += 1
        m = re.search(r'sampledThread = "([^"]+)"', event)
        thread = re.sub(r"\d+", "N", m.group(1)) if m else "?"
        threads[thread] = threads.get(thread, 0) + 1
        if thread != "crawler-worker-N":
            continue
        worker_samples += 1
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        activity = next((name for name, prefixes in JFR_ACTIVITIES
                         if any(f.startswith(p) for f in frames for p in prefixes)), "other")
        worker[activity] = worker.get(activity, 0) + 1
    stats = subprocess.run([jfr, "print", "--events", "jdk.ExceptionStatistics", path], capture_output=True,
                           text=True).stdout
    thrown = re.findall(r"throwables = (\d+)", stats)
    return {"pages": run["pages"], "wall": run["wall"], "cpu": run["cpu"], "samples": samples, "worker_samples": worker_samples,
            "threads": sorted(threads.items(), key=lambda kv: -kv[1])[:5],
            "worker": sorted(worker.items(), key=lambda kv: -kv[1]),
            "exceptions": thrown[-1] if thrown else "n/a"}


def med(values, fmt="%.1f"):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    if len(values) == 1:
        return fmt % values[0]
    return (fmt + " (%s–%s)") % (statistics.median(values), fmt % min(values), fmt % max(values))


def scenario_table(add, scenarios):
    """The --once scenarios, one row each."""
    add("")
    add("| scenario | runs | sources / hosts | perHostDelay | JVM flags | wall s | pages/s | items/s "
        "| first request s | crawl phase s | pages/s in crawl phase | CPU s | CPU ms/page | peak RSS MB "
        "| load 1m | others (cores) |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in scenarios:
        r = s["results"]
        bad = [x for x in r if x["rc"] != 0 or x["failed"]]
        pages = [x["pages"] for x in r]
        add("| %s%s | %d | %d / %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            s["name"], " (**%d bad runs**)" % len(bad) if bad else "", len(r), s["sources"], s["hosts"],
            s["delay"], s["jvm"],
            med([x["wall"] for x in r], "%.2f"),
            med([x["pages"] / x["wall"] for x in r]),
            med([x["items"] / x["wall"] for x in r], "%.0f"),
            med([x["first_request"] for x in r], "%.2f"),
            med([x["crawl"] for x in r], "%.2f"),
            med([x["pages"] / x["crawl"] if x["crawl"] else None for x in r]),
            med([x["cpu"] for x in r], "%.2f"),
            med([1000 * x["cpu"] / x["pages"] if x["pages"] else None for x in r], "%.0f"),
            med([x["peak_kb"] / 1024 if x["peak_kb"] else None for x in r], "%.0f"),
            med([x["load"] for x in r]),
            med([x["others"] for x in r], "%.2f")))
        if min(pages) != max(pages) or min(pages) != s["sources"]:
            add("|  ↳ pages OK per run: %s |" % pages)
    add("")
    add("Values are median (min–max) over the runs.")


def report(machine, startup, scenarios, long, profile, hosts, started, finished):
    lines = []
    add = lines.append
    add("Machine: %s" % machine["summary"])
    if scenarios:
        scenario_table(add, scenarios)
    if startup:
        add("")
        add("JVM start-up alone (`java -jar crawler.jar --version`, %d runs): %s s wall, %s MB peak RSS." % (
            len(startup["walls"]), med(startup["walls"], "%.2f"), med([r / 1024 for r in startup["rss_kb"]], "%.0f")))
    dumps = [(s["name"], x["dump"]) for s in scenarios for x in s["results"] if x["dump"]]
    for name, dump in dumps:
        add("")
        add("Thread dump of `%s`, %.0f s after start: %s." % (
            name, next(s["dump_after"] for s in scenarios if s["name"] == name),
            "; ".join("%d× %s" % (n, w) for w, n in sorted(dump.items(), key=lambda kv: -kv[1]))))
    if long:
        add("")
        add("Long-running mode (no `--once`), %d sources / %d hosts, perHostDelay 0ms, schedule %s (each source "
            "again %s after its last crawl's request went out), default JVM flags, %.0f s, load 1m at start %.1f, %d failed "
            "crawls (and %d fetches in flight that SIGTERM interrupted, which the crawler logged as failed), exit "
            "code %d after SIGTERM:" % (
                long["sources"], long["hosts"], long["schedule"], long["schedule"], long["seconds"], long["load"],
                long["failed"], long["interrupted"], long["rc"]))
        add("")
        add("| window | pages | pages/s | RSS MB at end | crawler workers CPU s | JIT compiler CPU s | GC CPU s "
            "| HTTP client CPU s | main CPU s | all CPU s | CPU ms/page |")
        add("|---|---|---|---|---|---|---|---|---|---|---|")
        for w in long["windows"]:
            c = w["cpu"]
            total = sum(c.values())
            span = max(0.1, w["to"] - w["from"])
            add("| %.0f–%.0f s | %d | %.1f | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |" % (
                w["from"], w["to"], w["pages"], w["pages"] / span, (w["rss_kb"] or 0) // 1024,
                c.get("crawler workers", 0), c.get("JIT compiler", 0), c.get("GC", 0),
                c.get("HTTP client pool", 0) + c.get("HTTP selector", 0), c.get("main (start-up, config)", 0),
                total, "%.1f" % (1000 * total / w["pages"]) if w["pages"] else "n/a"))
        add("")
        add("RSS at the end %d MB, peak (VmHWM) %d MB." % ((long["end_rss_kb"] or 0) // 1024, long["hwm_kb"] // 1024))
        heap = long["heap"]
        if heap.get("before_gc") and heap.get("after_gc"):
            add("Java heap at the end (`jcmd GC.heap_info`): %d MB used of %d MB committed; after `jcmd GC.run`: "
                "%d MB used (the live data) of %d MB committed, RSS then %d MB. %d requests served in all." % (
                    heap["before_gc"]["used_mb"], heap["before_gc"]["committed_mb"], heap["after_gc"]["used_mb"],
                    heap["after_gc"]["committed_mb"], (heap.get("rss_after_gc_kb") or 0) // 1024,
                    long["requests"]))
        rss = [x for x in long["samples"] if x[1]]
        if rss:
            add("")
            add("RSS every ~2.5 s (t s: MB): " + ", ".join("%.0f: %d" % (t, kb // 1024) for t, kb, _ in rss[::5]))
    if profile:
        add("")
        add("JDK Flight Recorder, one `scale` run (%d pages, %.1f s wall, %.1f s CPU): %d execution samples, %s. "
            "Crawler-worker "
            "samples by innermost activity: %s. Exceptions thrown in the run (jdk.ExceptionStatistics): %s." % (
                profile["pages"], profile["wall"], profile["cpu"], profile["samples"],
                ", ".join("%s %d" % kv for kv in profile["threads"]),
                ", ".join("%s %d%%" % (k, round(100 * v / max(1, profile["worker_samples"])))
                          for k, v in profile["worker"]), profile["exceptions"]))
    if hosts:
        lines += hosts_scenario.report(hosts)
    add("")
    add("bench.py ran from %s to %s (%.0f s; run.sh adds the build before it)." % (
        time.strftime("%H:%M:%S", time.localtime(started)), time.strftime("%H:%M:%S", time.localtime(finished)),
        finished - started))
    return "\n".join(lines)


def machine_info():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024 // 1024
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    flags = subprocess.run(["java", "-XX:+PrintFlagsFinal", "-version"], capture_output=True, text=True).stdout
    def flag(name):
        m = re.search(r"\b%s\s+= (\S+)" % name, flags)
        return m.group(1) if m else "?"
    gc = next((g for g in ("UseG1GC", "UseSerialGC", "UseParallelGC", "UseZGC") if flag(g) == "true"), "?")
    return {"summary": "%d × %s, %d GiB RAM, kernel %s, %s (%s), default JVM ergonomics here: %s, "
                       "InitialHeapSize %d MB, MaxHeapSize %d MB; Python %s; peak RSS via %s" % (
                           os.cpu_count(), cpu, round(mem), os.uname().release,
                           java[1].strip() if len(java) > 1 else "?", java[0].strip() if java else "?", gc,
                           int(flag("InitialHeapSize")) // 2**20, int(flag("MaxHeapSize")) // 2**20,
                           sys.version.split()[0],
                           "/usr/bin/time -v" if TIME else "/proc/PID/status VmHWM sampling")}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", required=True, help="crawler.jar")
    p.add_argument("--shm-jar", required=True, help="shm.jar (removes the segments)")
    p.add_argument("--out", required=True, help="folder for logs, results.json and report.md")
    p.add_argument("--hosts", type=int, default=50)
    p.add_argument("--sources", type=int, default=200, help="sources of the main scenarios")
    p.add_argument("--scale-sources", type=int, default=600, help="sources of the scale scenario (0: skip)")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--polite-sources", type=int, default=20)
    p.add_argument("--scale-runs", type=int, default=1)
    p.add_argument("--long-seconds", type=int, default=40, help="long-running mode, seconds (0: skip)")
    p.add_argument("--long-schedule", default="1s", help="every source's schedule in the long-running mode")
    p.add_argument("--scenarios", default=",".join(s for s in SCENARIOS if s != "jfr"),
                   help="comma-separated, from: %s (jfr: one 'scale' run under JDK Flight Recorder, summarising "
                   "where the crawler threads spend their CPU; not run by default)" % ",".join(SCENARIOS))
    p.add_argument("--port", type=int, default=18431)
    p.add_argument("--control-port", type=int, default=18430)
    hosts_scenario.add_arguments(p)
    args = p.parse_args()
    for jar in (args.jar, args.shm_jar):  # without shm.jar every run would leave its segment in /dev/shm
        if not os.path.isfile(jar):
            raise SystemExit("%s not found: build it first (run.sh without SKIP_BUILD=1)" % jar)
    want = set(args.scenarios.split(","))
    unknown = want - set(SCENARIOS)
    if unknown:
        raise SystemExit("unknown scenarios %s; known: %s" % (sorted(unknown), ",".join(SCENARIOS)))

    started = time.time()
    machine = machine_info()
    log(machine["summary"])
    bench = Bench(args)
    results = {"startup": None, "scenarios": [], "long": None, "profile": None, "hosts": None}
    try:
        if want - {"hosts"}:
            with Site(args.hosts, max(args.sources, args.scale_sources), args.port, args.control_port,
                      max_seconds=900) as site:
                run_site_scenarios(bench, site, args, want, results)
        if "hosts" in want:  # after the site above has stopped: its own sites use the same ports
            results["hosts"] = hosts_scenario.HostsScenario(bench, args).run()
    finally:
        bench.cleanup()
    finished = time.time()
    with open(os.path.join(args.out, "results.json"), "w") as f:  # first: the numbers outlive a report bug
        json.dump({"machine": machine, **results}, f, indent=1)
    text = report(machine, results["startup"], results["scenarios"], results["long"], results["profile"],
                  results["hosts"], started, finished)
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(text + "\n")
    print(text)


def run_site_scenarios(bench, site, args, want, results):
    """The scenarios on the 50-host site, in order; each fills its part of `results`."""
    cfg = lambda name: os.path.join(args.out, name + ".yaml")
    scenarios = results["scenarios"]
    n, h = args.sources, args.hosts
    fast = site.config(cfg("fast"), limit=n, delay="0ms")
    if "jvm-start" in want:
        results["startup"] = bench.jvm_start(3)
    if "fast" in want:
        scenarios.append(bench.scenario(site, "fast", fast, args.repeats, sources=n, hosts=h, delay="0ms"))
    if "delay50" in want:
        slow = site.config(cfg("delay50"), limit=n, delay="50ms")
        scenarios.append(bench.scenario(site, "delay50", slow, max(3, args.repeats - 2), sources=n, hosts=h,
                                        delay="50ms"))
    if "lean" in want:
        lean = ("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        scenarios.append(bench.scenario(site, "fast-lean-jvm", fast, 3, jvm=lean, sources=n, hosts=h,
                                        delay="0ms"))
    if "scale" in want and args.scale_sources:
        big = site.config(cfg("scale"), limit=args.scale_sources, delay="0ms")
        scenarios.append(bench.scenario(site, "scale", big, args.scale_runs, sources=args.scale_sources,
                                        hosts=h, delay="0ms"))
    if "polite" in want:
        k = args.polite_sources
        polite0 = site.config(cfg("polite-0ms"), limit=k, delay="0ms")
        scenarios.append(bench.scenario(site, "polite-0ms", polite0, 1, sources=k, hosts=min(k, h),
                                        delay="0ms"))
        polite = site.config(cfg("polite-default"), limit=k, default_politeness=True)
        scenarios.append(bench.scenario(site, "polite-default", polite, 1, dump_after=4.0, sources=k,
                                        hosts=min(k, h), delay="5s (default)"))
    if "long" in want and args.long_seconds:
        steady = site.config(cfg("long"), limit=n, delay="0ms", schedule=args.long_schedule)
        results["long"] = bench.long_run(site, steady, args.long_seconds, n, h, args.long_schedule)
    if "jfr" in want:
        jfr_file = os.path.join(args.out, "scale.jfr")  # the larger run gives more samples
        big = site.config(cfg("scale"), limit=args.scale_sources, delay="0ms")
        run = bench.once(site, "scale-jfr", big, ("-XX:StartFlightRecording=filename=%s,settings=profile"
                                                  % jfr_file,))
        results["profile"] = jfr_profile(jfr_file, run)

if __name__ == "__main__":
    main()
