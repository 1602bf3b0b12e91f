#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""Runs site.py and talks to its control endpoint (site.py itself cannot be imported: the
standard library owns the module name `site`)."""
import json
import os
import subprocess
import sys
import urllib.request

from measure import log, proc_cpu, terminate

HERE = os.path.dirname(os.path.abspath(__file__))


class Site:
    """One `site.py serve` process; stop() it (or use it in a `with`) so that its ports are free again."""

    def __init__(self, hosts, sources, port, control_port, max_seconds):
        self.hosts, self.sources, self.port, self.control = hosts, sources, port, control_port
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "site.py"), "serve", "--hosts", str(hosts), "--sources",
             str(sources), "--port", str(port), "--control-port", str(control_port), "--max-seconds",
             str(max_seconds)], stdout=subprocess.PIPE, text=True)
        self.banner = self.proc.stdout.readline().strip()
        if not self.banner.startswith("site:"):
            self.stop()
            raise SystemExit("site.py did not start: " + self.banner)
        log(self.banner)

    def get(self, path):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.control, path), timeout=30) as r:
            return json.load(r)

    def reset(self):
        self.get("/reset")

    def stats(self):
        return self.get("/stats")

    def requests(self):
        """[(time, host address, kind), ...] of every request since the last reset."""
        return [tuple(r) for r in self.get("/requests")]

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def config(self, path, **opts):
        cmd = [sys.executable, os.path.join(HERE, "site.py"), "config", "--hosts", str(self.hosts),
               "--sources", str(self.sources), "--port", str(self.port)]
        for key, value in opts.items():
            flag = "--" + key.replace("_", "-")
            cmd += [flag] if value is True else [flag, str(value)]
        with open(path, "w") as f:
            subprocess.run(cmd, stdout=f, check=True)
        return path

    def stop(self):
        if self.proc.poll() is None:
            terminate(self.proc, 10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

