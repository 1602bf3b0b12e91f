#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Scenario `hosts` (issue 13): how lateness, politeness and memory grow with sources and hosts.

For each size (sources / hosts: 100 / 25, 1,000 / 250, 5,000 / 500 by default) a fresh site.py
serves the layout, and the crawler runs in its long-running mode (no --once) for a fixed window,
every source on the same interval schedule, with perHostDelay 2s and perHostConcurrency 1. Then
SIGTERM, and from that window:

  pages/s        pages the site served (robots.txt excluded), against sources / schedule
  lateness       N of the crawler's `crawl <id>: <summary>, late N ms` lines (due time to first
                 request sent): p50 / p99 / max over each source's first crawl (the start-up burst,
                 where politeness alone forces up to (k - 1) x delay, k = sources per host) and over
                 the later ones. A crawler that prints no `late` part gives "n/a".
  site view      from the site's request log, whatever the crawler prints: sources re-crawled in
                 the window's last schedule period (100% = keeping up), the re-crawl interval, and
                 each source's first request after the run's first
  politeness     the smallest gap between two request starts to one host, and how many gaps were
                 shorter than perHostDelay - tolerance (kernel receive times, see site.py)
  CPU, memory    crawler CPU seconds per page (all, and warm: the last period), peak RSS (VmHWM),
                 Java heap before and after a full GC, peak thread count
  site           its CPU and loop lag: if the site lagged, it may have set the pace

A second view runs `--once` per size: the page phase (first to last page request at the site)
against the (k - 1) x delay that the politeness delays imply.
"""
import json
import math
import os
import re
import subprocess
import time

from measure import live_heap, log, loadavg, machine_busy, percentile, proc_cpu, status_value, terminate
from sitectl import Site

SIZES = "100x25,1000x250,5000x500"
QUICK = {"sizes": "100x25,500x125", "window": 40, "schedule": "15s", "once_timeout": 60}
# `crawl <id>: <summary>` and, once the crawler reports it, `, late <N> ms` at the end.
CRAWL_LINE = re.compile(r"^crawl (\S+): (.*?)(?:, late (-?\d+) ms)?$")


def add_arguments(p):
    p.add_argument("--hosts-sizes", default=SIZES, help="scenario hosts: SOURCESxHOSTS,... (default %(default)s)")
    p.add_argument("--hosts-schedule", default="30s", help="scenario hosts: every source's schedule")
    p.add_argument("--hosts-delay", default="2s", help="scenario hosts: perHostDelay")
    p.add_argument("--hosts-window", type=int, default=90,
                   help="scenario hosts: seconds the long-running crawler runs per size")
    p.add_argument("--hosts-once-timeout", type=int, default=150,
                   help="scenario hosts: seconds before a --once run is stopped")
    p.add_argument("--hosts-tolerance-ms", type=int, default=100,
                   help="scenario hosts: a gap shorter than perHostDelay minus this is a violation (the "
                        "site sees when a request arrived, the crawler's gate when it was allowed to start)")
    p.add_argument("--hosts-jvm", default="", help="scenario hosts: JVM flags for the crawler, space-separated "
                   "(default: none, the JVM's own ergonomics), e.g. '-Xmx256m'")
    p.add_argument("--hosts-quick", action="store_true",
                   help="scenario hosts, smoke test: %s" % ", ".join("%s %s" % kv for kv in QUICK.items()))


def seconds(text):
    """'2s', '1500ms', '1m' -> seconds: the units the crawler's config accepts for these values."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text.strip())
    if not m:
        raise SystemExit("expected a duration like 2s, 1500ms or 1m, got %r" % text)
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def parse_sizes(text):
    """'100x25,1000x250' -> [(100, 25), (1000, 250)]"""
    try:
        return [tuple(int(n) for n in part.split("x")) for part in text.split(",")]
    except ValueError:
        raise SystemExit("--hosts-sizes: expected SOURCESxHOSTS,... like %s, got %r" % (SIZES, text))


def distribution(values):
    """p50 / p99 / max and count of a list of numbers; None for each when there are none."""
    if not values:
        return {"n": 0, "p50": None, "p99": None, "max": None}
    return {"n": len(values), "p50": percentile(values, 50), "p99": percentile(values, 99), "max": max(values)}


def crawl_lines(path):
    """(source id, outcome, late ms or None) for every `crawl` line of a crawler log."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            m = CRAWL_LINE.match(line.rstrip("\n"))
            if m:
                late = int(m.group(3)) if m.group(3) is not None else None
                out.append((m.group(1), m.group(2).split(",", 1)[0], late))
    return out


def lateness(lines):
    """Lateness over all crawls, each source's first crawl, and the later ones."""
    seen = set()
    first, later = [], []
    for source, _, late in lines:
        (later if source in seen else first).append(late)
        seen.add(source)
    known = lambda values: [v for v in values if v is not None]
    return {"all": distribution(known(first + later)), "first": distribution(known(first)),
            "later": distribution(known(later)), "reported": any(v is not None for v in first + later)}


def spacing(requests, delay, tolerance, pages_only=False):
    """Smallest start-to-start gap between two requests to one host, and the gaps under
    delay - tolerance. `pages_only` leaves robots.txt out (for a crawler that fetches it
    outside the per-host gate)."""
    by_host = {}
    for when, host, kind, _ in requests:
        if not (pages_only and kind == "robots"):
            by_host.setdefault(host, []).append((when, kind))
    smallest, where, gaps, short, after_robots = None, None, 0, 0, 0
    for host, seen in by_host.items():
        seen.sort()
        for (a, first), (b, _) in zip(seen, seen[1:]):
            gaps += 1
            if b - a < delay - tolerance:
                short += 1
                after_robots += first == "robots"
            if smallest is None or b - a < smallest:
                smallest, where = b - a, host
    return {"min_gap_ms": None if smallest is None else 1000 * smallest, "host": where, "gaps": gaps,
            "violations": short, "after_robots": after_robots}


def save_requests(site, path):
    """The site's request log, also kept as a file for a closer look at the spacing."""
    requests = site.requests()
    with open(path, "w") as f:
        json.dump(requests, f)
    return requests


def page_requests(requests):
    """(time, source) of the page requests, in time order; a source is its host and path."""
    return sorted((when, (host, path)) for when, host, kind, path in requests if kind not in ("robots", "404"))


def first_crawl_delays(pages):
    """Seconds from the run's first page request to each source's first: the start-up burst as the
    site saw it, a stand-in for the first crawls' lateness when the crawler reports none."""
    first = {}
    for when, source in pages:
        first.setdefault(source, when)
    return [when - pages[0][0] for when in first.values()] if pages else []


def recrawled_since(pages, start):
    """Sources requested again (not for the first time) at or after `start`: on schedule there."""
    seen, again = set(), set()
    for when, source in pages:
        if source in seen and when >= start:
            again.add(source)
        seen.add(source)
    return len(again)


def recrawl_intervals(pages):
    """Seconds between two consecutive requests for one source: the schedule as a host sees it."""
    last, out = {}, []
    for when, source in pages:
        if source in last:
            out.append(when - last[source])
        last[source] = when
    return out


class HostsScenario:
    def __init__(self, bench, args):
        self.bench = bench
        self.args = args
        quick = QUICK if args.hosts_quick else {}
        self.sizes = parse_sizes(quick.get("sizes", args.hosts_sizes))
        self.schedule = quick.get("schedule", args.hosts_schedule)
        self.window = quick.get("window", args.hosts_window)
        self.once_timeout = quick.get("once_timeout", args.hosts_once_timeout)
        self.delay = seconds(args.hosts_delay)
        self.tolerance = args.hosts_tolerance_ms / 1000
        self.jvm = tuple(args.hosts_jvm.split())

    def run(self):
        log("scenario hosts: sizes %s, schedule %s, perHostDelay %s, window %d s" % (
            self.sizes, self.schedule, self.args.hosts_delay, self.window))
        results = []
        for sources, hosts in self.sizes:
            # A site per size: its layout (which path on which host) depends on the host count.
            with Site(hosts, sources, self.args.port, self.args.control_port,
                      max_seconds=self.window + self.once_timeout + 300) as site:
                config = site.config(os.path.join(self.args.out, "hosts-%d.yaml" % sources),
                                     delay=self.args.hosts_delay, schedule=self.schedule)
                size = {"sources": sources, "hosts": hosts, "per_host": math.ceil(sources / hosts)}
                size["long"] = self.long_window(site, config, sources)
                size["once"] = self.once(site, config, sources)
                results.append(size)
        return {"schedule": self.schedule, "schedule_s": seconds(self.schedule), "delay": self.args.hosts_delay,
                "delay_s": self.delay, "window": self.window, "jvm": " ".join(self.jvm), "tolerance_ms": self.args.hosts_tolerance_ms,
                "once_timeout": self.once_timeout, "sizes": results}

    def long_window(self, site, config, sources):
        """The long-running crawler for `window` s: what it served, how late, how polite, how big."""
        tag = "hosts-%d-long" % sources
        segment = self.bench.new_segment()
        period = seconds(self.schedule)
        site.reset()
        load = loadavg()
        busy0, site_cpu0 = machine_busy()[0], site.cpu()
        t0 = time.time()
        with open(os.path.join(self.args.out, tag + ".out"), "w") as out:
            proc = subprocess.Popen(["java", *self.jvm, "-jar", self.args.jar, "--config", config, "--segment", segment],
                                    stdout=out, stderr=subprocess.STDOUT)
        hwm = threads = 0
        last_period = None  # (time, crawler CPU) where the window's last schedule period begins
        while time.time() - t0 < self.window and proc.poll() is None:
            time.sleep(0.5)
            hwm = max(hwm, status_value(proc.pid, "VmHWM") or 0)
            threads = max(threads, status_value(proc.pid, "Threads") or 0)
            if last_period is None and time.time() - t0 >= self.window - period:
                last_period = (time.time(), proc_cpu(proc.pid))
        t1 = time.time()
        cpu = proc_cpu(proc.pid)  # before SIGTERM: /proc/PID is gone once it has exited
        rss = status_value(proc.pid, "VmRSS")
        busy1, site_cpu1 = machine_busy()[0], site.cpu()
        heap = live_heap(proc.pid) if proc.poll() is None else {}  # after the readings: it costs a full GC
        terminate(proc, 20)
        self.bench.rm_segment(segment)
        stats = site.stats()
        requests = save_requests(site, os.path.join(self.args.out, tag + ".requests.json"))
        pages = [(t, source) for t, source in page_requests(requests) if t <= t1]
        lines = crawl_lines(os.path.join(self.args.out, tag + ".out"))
        result = {
            "seconds": t1 - t0, "rc": proc.returncode, "load": load, "pages": len(pages),
            "robots": stats["kinds"].get("robots", 0), "crawls": len(lines),
            "failed": sum(1 for _, outcome, _ in lines if outcome != "OK"),
            "sources_crawled": len({source for source, _, _ in lines}),
            "lateness": lateness(lines), "cpu": cpu, "hwm_kb": hwm, "end_rss_kb": rss, "threads": threads,
            "spacing": spacing(requests, self.delay, self.tolerance),
            "spacing_pages": spacing(requests, self.delay, self.tolerance, pages_only=True),
            "intervals": distribution(recrawl_intervals(pages)),
            "first_delays": distribution(first_crawl_delays(pages)), "heap": heap,
            "site_stamped": [stats["reads_site_stamped"], stats["reads_kernel_stamped"]],
            "site_cpu": site_cpu1 - site_cpu0, "lag_p99_ms": stats["lag_p99_ms"], "lag_max_ms": stats["lag_max_ms"],
            "others": max(0.0, busy1 - busy0 - cpu - (site_cpu1 - site_cpu0)) / (t1 - t0)}
        if last_period:
            start, cpu_then = last_period
            result["last_period"] = {"seconds": t1 - start, "pages": sum(1 for t, _ in pages if t >= start),
                                     "recrawled": recrawled_since(pages, start), "cpu": cpu - cpu_then}
        late = result["lateness"]["all"]
        log("  %d sources: %d pages in %.0f s (%.1f/s), %s of them re-crawled in the last period, late "
            "p50/p99/max %s ms, CPU %.1f s, VmHWM %d MB, %d threads, min gap %s ms (%d short), site %.1f%% of a "
            "core, lag p99 %s ms, others %.2f cores" % (
                sources, len(pages), t1 - t0, len(pages) / (t1 - t0),
                result["last_period"]["recrawled"] if last_period else "n/a",
                "/".join(fmt(late[k], "%d") for k in ("p50", "p99", "max")), cpu, hwm // 1024, threads,
                fmt(result["spacing"]["min_gap_ms"], "%.0f"), result["spacing"]["violations"],
                100 * result["site_cpu"] / (t1 - t0), fmt(stats["lag_p99_ms"], "%.0f"), result["others"]))
        return result

    def once(self, site, config, sources):
        """The --once view: crawl phase against what the delays imply."""
        tag = "hosts-%d-once" % sources
        run = self.bench.once(site, tag, config, jvm=self.jvm, timeout=self.once_timeout)
        requests = save_requests(site, os.path.join(self.args.out, tag + ".requests.json"))
        pages = page_requests(requests)
        run["page_requests"] = len(pages)
        run["page_phase"] = pages[-1][0] - pages[0][0] if len(pages) > 1 else None
        run["lateness"] = lateness(crawl_lines(os.path.join(self.args.out, tag + ".out")))
        run["spacing"] = spacing(requests, self.delay, self.tolerance)
        return run


def fmt(value, spec):
    return "n/a" if value is None else spec % value


def triple(d, spec="%d", scale=1):
    return " / ".join(fmt(None if d[k] is None else d[k] * scale, spec) for k in ("p50", "p99", "max"))


def heap_text(heap):
    return "%d / %d" % (heap["used_mb"], heap["committed_mb"]) if heap else "n/a"


def short_gaps(spacing):
    text = "%d of %d" % (spacing["violations"], spacing["gaps"])
    return text + (" (%d after robots.txt)" % spacing["after_robots"] if spacing["after_robots"] else "")


def per_page(cpu, pages):
    return fmt(1000 * cpu / pages if pages else None, "%.1f")


def report(hosts):
    """The markdown section of scenario hosts."""
    lines = []
    add = lines.append
    add("")
    add("### Sources and hosts: lateness, politeness, memory (scenario `hosts`)")
    add("")
    add("Long-running mode (no `--once`), every source on `schedule: %s`, `perHostDelay: %s`, "
        "`perHostConcurrency: 1`, JVM flags: %s, %d s per size, then SIGTERM. A fresh site per size; "
        "source *i* is on host *i* mod hosts, so each host has k = sources ÷ hosts sources. *Floor*: when "
        "all k sources of a host fall due together (as at start-up), politeness alone makes the last one "
        "(k − 1) × delay late. *Host load*: k × delay ÷ schedule, the share of each period a host's gate "
        "is busy; above 100%% no scheduler keeps up. *Late*: the crawler's own `late N ms` (due time → "
        "first request sent), for each source's first crawl (start-up burst) and for the later ones. "
        "*Site view* (from the site's request log, whatever the crawler prints): *re-crawled*, the "
        "sources requested again, not for the first time, in the window's last period (100%% = keeping up); "
        "*re-crawl interval*, the time between two requests for one source; *first crawl after start*, "
        "from the run's first page request to each source's first."
        % (hosts["schedule"], hosts["delay"], "`" + hosts["jvm"] + "`" if hosts["jvm"] else "none (the JVM's ergonomics)", hosts["window"]))
    add("")
    add("| sources / hosts | k | host load | floor s | pages | pages/s | target pages/s | re-crawled in the "
        "last %s | re-crawl interval p50 / p99 / max s | first crawl after start p50 / p99 / max s "
        "| late p50 / p99 / max ms, first crawls | later crawls | failed crawls |" % hosts["schedule"])
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in hosts["sizes"]:
        run, k, last = size["long"], size["per_host"], size["long"].get("last_period")
        add("| %d / %d | %d | %.0f%% | %.0f | %d | %.1f | %.1f | %s | %s | %s | %s | %s | %d |" % (
            size["sources"], size["hosts"], k, 100 * k * hosts["delay_s"] / hosts["schedule_s"],
            (k - 1) * hosts["delay_s"], run["pages"], run["pages"] / run["seconds"],
            size["sources"] / hosts["schedule_s"],
            "%d (%.0f%%)" % (last["recrawled"], 100 * last["recrawled"] / size["sources"]) if last else "n/a",
            triple(run["intervals"], "%.1f"), triple(run["first_delays"], "%.1f"),
            triple(run["lateness"]["first"]), triple(run["lateness"]["later"]),
            run["failed"]))
    add("")
    add("Politeness from the site's request log, stamped with the kernel's receive time (`SO_TIMESTAMPNS`), so "
        "a busy site does not distort it: the smallest gap between two request starts to one host, and the "
        "gaps under perHostDelay − %d ms. CPU ms/page *warm* is over the window's last %s."
        % (hosts["tolerance_ms"], hosts["schedule"]))
    add("")
    add("| sources / hosts | min gap ms | short gaps | min gap, pages only ms | crawler CPU s | CPU ms/page "
        "| warm | peak RSS MB | RSS at end MB | heap used / committed MB | live heap after GC MB "
        "| threads (peak) | site CPU, % of its one core | site loop lag p99 / max ms | others (cores) | load 1m |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in hosts["sizes"]:
        run, last = size["long"], size["long"].get("last_period")
        add("| %d / %d | %s | %s | %s | %.1f | %s | %s | %d | %d | %s | %s | %d | %.1f | %s / %s | %.2f | %.1f |" % (
            size["sources"], size["hosts"], fmt(run["spacing"]["min_gap_ms"], "%.0f"), short_gaps(run["spacing"]),
            fmt(run["spacing_pages"]["min_gap_ms"], "%.0f"),
            run["cpu"], per_page(run["cpu"], run["pages"]),
            per_page(last["cpu"], last["pages"]) if last else "n/a", run["hwm_kb"] // 1024,
            (run["end_rss_kb"] or 0) // 1024, heap_text(run["heap"].get("before_gc")),
            fmt((run["heap"].get("after_gc") or {}).get("used_mb"), "%d"), run["threads"],
            100 * run["site_cpu"] / run["seconds"],
            fmt(run["lag_p99_ms"], "%.0f"), fmt(run["lag_max_ms"], "%.0f"), run["others"], run["load"]))
    add("")
    add("`--once` with the same configs: the page phase (first to last page request the site saw) against "
        "the (k − 1) × delay the delays imply; robots.txt, fetched through the same gate before a host's "
        "first page, adds one delay before it. A run is stopped after %d s." % hosts["once_timeout"])
    add("")
    add("| sources / hosts | implied s | page phase s | ratio | wall s | pages served | sources OK | CPU s "
        "| peak RSS MB | late p50 / p99 / max ms | min gap ms | short gaps |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in hosts["sizes"]:
        run = size["once"]
        implied = (size["per_host"] - 1) * hosts["delay_s"]
        add("| %d / %d | %.0f | %s | %s | %.1f%s | %d | %d | %.1f | %s | %s | %s | %s |" % (
            size["sources"], size["hosts"], implied, fmt(run["page_phase"], "%.1f"),
            fmt(run["page_phase"] / implied if run["page_phase"] and implied else None, "%.2f"), run["wall"],
            " (**stopped**)" if run["timed_out"] else "", run["page_requests"], run["pages"], run["cpu"],
            fmt(run["peak_kb"] / 1024 if run["peak_kb"] else None, "%.0f"), triple(run["lateness"]["all"]),
            fmt(run["spacing"]["min_gap_ms"], "%.0f"), short_gaps(run["spacing"])))
    add("")
    add("**How lateness and memory grow with sources.** " + growth(hosts))
    return lines


def series(sizes, value):
    """'a → b → c' over the sizes."""
    return " → ".join(value(size) for size in sizes)


def growth(hosts):
    """A first draft of the paragraph the issue asks for, written from the numbers."""
    sizes = hosts["sizes"]
    long = lambda key: (lambda size: key(size["long"]))
    parts = ["sources %s" % series(sizes, lambda s: "{:,}".format(s["sources"]))]
    if all(s["long"]["lateness"]["reported"] for s in sizes):
        parts.append("lateness p99 of the later crawls %s ms (start-up burst: max %s ms against floors of %s ms)" % (
            series(sizes, long(lambda r: fmt(r["lateness"]["later"]["p99"], "%d"))),
            series(sizes, long(lambda r: fmt(r["lateness"]["first"]["max"], "%d"))),
            series(sizes, lambda s: "%d" % (1000 * (s["per_host"] - 1) * hosts["delay_s"]))))
    else:
        parts.append("lateness n/a (the crawler under test prints no `late N ms`); as the site saw it, "
                     "the first crawl after start p99 %s s and the re-crawl interval p99 %s s for a %s schedule" % (
                         series(sizes, long(lambda r: fmt(r["first_delays"]["p99"], "%.1f"))),
                         series(sizes, long(lambda r: fmt(r["intervals"]["p99"], "%.1f"))), hosts["schedule"]))
    parts.append("peak RSS %s MB, of which live heap after a full GC %s MB" % (
        series(sizes, long(lambda r: "%d" % (r["hwm_kb"] // 1024))),
        series(sizes, long(lambda r: fmt((r["heap"].get("after_gc") or {}).get("used_mb"), "%d")))))
    parts.append("warm CPU per page %s ms" % series(sizes, long(
        lambda r: per_page(r["last_period"]["cpu"], r["last_period"]["pages"]) if r.get("last_period") else "n/a")))
    parts.append("threads %s" % series(sizes, long(lambda r: "%d" % r["threads"])))
    parts.append("sources re-crawled in the last %s %s" % (hosts["schedule"], series(sizes, lambda s: (
        "%.0f%%" % (100 * s["long"]["last_period"]["recrawled"] / s["sources"]) if s["long"].get("last_period")
        else "n/a"))))
    return "; ".join(parts) + ". Flat is the goal; 100% re-crawled in the last period means it kept up."
