#!/usr/bin/env python3
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""A local many-host site for benchmarking the crawler (Python 3 standard library only; Linux).

Two subcommands:

  site.py serve  --hosts 50 --sources 200 --port 18431 --control-port 18430
      Serves HOSTS "hosts" on 127.0.0.2 .. 127.0.0.254, 127.0.1.1 .. (up to 1,000; see pages.py),
      each bound explicitly on PORT (never 0.0.0.0), plus a control endpoint on
      127.0.0.1:CONTROL_PORT:
        GET /stats     -> JSON counters (requests, bytes, per kind, first/last request time) and
                          the server loop's lag (p99, max): a lagging loop means the site, not the
                          crawler, may have set the pace
        GET /requests  -> JSON [[time, host address, kind, path], ...] of every request, for
                          checking the spacing of requests to each host; the time is the kernel's
                          receive time of the request (SO_TIMESTAMPNS), not when the site got to it
        GET /reset     -> zeroes the counters and the request log
      Every host has a robots.txt allowing everything and its share of the SOURCES pages
      (pages.py), each a full 200 without ETag / Last-Modified. One thread with one selector
      serves all addresses with a minimal HTTP/1.1 keep-alive responder (GET only, no request
      bodies), so a thousand hosts cost a thousand sockets, not a thousand threads.

  site.py config --hosts 50 --sources 200 --port 18431 --delay 0ms [--concurrency 1]
                 [--schedule 1m] [--default-politeness] [--limit N]
      Prints a crawler YAML config for the same layout. Source i is on host i % HOSTS, so
      consecutive sources hit different hosts; kinds (html, rss, json, html) are mixed
      both along the list and on each host.

Both subcommands must get the same --hosts/--sources/--port.
"""
import argparse
import json
import resource
import selectors
import signal
import socket
import struct
import sys
import time

from pages import CONTENT_TYPES, MAX_HOSTS, ROBOTS, build, host_ip, layout

LAG_PERIOD = 0.1  # s between two ticks of the loop-lag probe
MAX_HEAD = 64 * 1024  # a request head larger than this is not from the crawler: drop the connection
RECV_BYTES = 64 * 1024
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's value; Python 3.11 does not name it


class Stats:
    """Counters since the last reset. Only the server's one thread touches them: no lock."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.requests = 0
        self.bytes = 0
        self.kinds = {}
        self.first = None
        self.last = None
        self.log = []  # (time, host address, kind, path) per request
        self.lags = []  # s the loop got round to a tick late, one sample per LAG_PERIOD
        self.stamped = [0, 0]  # reads without, with a kernel receive time

    def hit(self, when, host, kind, path, size):
        self.requests += 1
        self.bytes += size
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.first is None:
            self.first = when
        self.last = when
        self.log.append((when, host, kind, path))

    def snapshot(self):
        lags = sorted(self.lags)
        return {"requests": self.requests, "bytes": self.bytes, "kinds": dict(self.kinds),
                "first": self.first, "last": self.last, "lag_samples": len(lags),
                "reads_kernel_stamped": self.stamped[1], "reads_site_stamped": self.stamped[0],
                "lag_p99_ms": 1000 * lags[int(0.99 * (len(lags) - 1))] if lags else None,
                "lag_max_ms": 1000 * lags[-1] if lags else None}


def response(status, ctype, body, close):
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 501: "Not Implemented"}[status]
    head = ("HTTP/1.1 %d %s\r\nServer: bench-site/2\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            "Cache-Control: no-cache\r\n%s\r\n" % (status, reason, ctype, len(body),
                                                 "Connection: close\r\n" if close else ""))
    return head.encode("latin-1") + body


def kernel_time(ancillary):
    """The receive time the kernel stamped on the data (SO_TIMESTAMPNS), or None."""
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            sec, nsec = struct.unpack("qq", data[:16])
            return sec + nsec / 1e9
    return None


class Connection:
    """One client connection: GET requests without a body in, responses out, keep-alive.

    route(path, when) -> (status, content type, body); `when` is the kernel's receive time of the
    request, so a busy or descheduled site does not distort the spacing it records.
    """

    def __init__(self, sock, route, stats):
        self.sock = sock
        self.route = route
        self.stats = stats
        self.inbox = b""
        self.outbox = b""
        self.closing = False

    def readable(self):
        """Reads and answers what arrived; False when the connection is finished."""
        try:
            data, ancillary, _, _ = self.sock.recvmsg(RECV_BYTES, socket.CMSG_SPACE(16))
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not data:
            return False
        when = kernel_time(ancillary)
        self.stats.stamped[when is not None] += 1
        when = when or time.time()
        self.inbox += data
        while not self.closing:
            end = self.inbox.find(b"\r\n\r\n")
            if end < 0:
                break
            head, self.inbox = self.inbox[:end].decode("latin-1"), self.inbox[end + 4:]
            self.answer(head, when)
        return len(self.inbox) <= MAX_HEAD and self.writable()

    def writable(self):
        """Sends what the socket takes now; False once everything is sent and it must close."""
        if self.outbox:
            try:
                sent = self.sock.send(self.outbox)
            except BlockingIOError:
                sent = 0
            except OSError:
                return False
            self.outbox = self.outbox[sent:]
        return bool(self.outbox) or not self.closing

    def answer(self, head, when):
        lines = head.split("\r\n")
        request = lines[0].split()
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if len(request) != 3 or not request[2].startswith("HTTP/1."):
            self.reply(400, "text/plain", b"bad request\n", True)
        elif request[0] != "GET" or headers.get("content-length", "0") != "0" or "transfer-encoding" in headers:
            # This server never reads a request body, so it could not find the next request.
            self.reply(501, "text/plain", b"GET only\n", True)
        else:
            connection = headers.get("connection", "")
            close = "close" in connection or (request[2] == "HTTP/1.0" and "keep-alive" not in connection)
            self.reply(*self.route(request[1].split("?", 1)[0], when), close)

    def reply(self, status, ctype, body, close):
        self.outbox += response(status, ctype, body, close)
        self.closing = close


class Server:
    """One thread, one selector, every listening address: a thousand hosts cost a thousand
    sockets, not a thousand threads."""

    def __init__(self, stats):
        self.stats = stats
        self.selector = selectors.DefaultSelector()
        self.stopped = False

    def listen(self, address, port, route):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)  # accepted sockets inherit it
        sock.bind((address, port))
        sock.listen(128)
        sock.setblocking(False)
        self.selector.register(sock, selectors.EVENT_READ, route)

    def run(self, seconds):
        """Serves until stop() or for `seconds`, sampling how late the loop gets round to a tick:
        requests that arrive meanwhile wait as long."""
        deadline = time.monotonic() + seconds
        tick = time.monotonic() + LAG_PERIOD
        while not self.stopped and time.monotonic() < deadline:
            for key, events in self.selector.select(max(0.0, tick - time.monotonic())):
                if isinstance(key.data, Connection):
                    self.serve(key.fileobj, key.data, events)
                else:
                    self.accept(key.fileobj, key.data)
            now = time.monotonic()
            if now >= tick:
                self.stats.lags.append(now - tick)
                tick = now + LAG_PERIOD
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()

    def stop(self):
        self.stopped = True

    def accept(self, listener, route):
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:  # none left (BlockingIOError), or the client already gave up
                return
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.selector.register(sock, selectors.EVENT_READ, Connection(sock, route, self.stats))

    def serve(self, sock, conn, events):
        alive = (conn.readable() if events & selectors.EVENT_READ else True)
        alive = alive and (conn.writable() if events & selectors.EVENT_WRITE else True)
        if not alive:
            self.selector.unregister(sock)
            sock.close()
            return
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if conn.outbox else 0)
        if self.selector.get_key(sock).events != wanted:
            self.selector.modify(sock, wanted, conn)


def host_route(host, pages, served, stats):
    """The route function of host index `host`: robots.txt, its pages, 404 for anything else."""
    address = host_ip(host)

    def route(path, when):
        if path == "/robots.txt":
            stats.hit(when, address, "robots", path, len(ROBOTS))
            return 200, "text/plain; charset=utf-8", ROBOTS
        page = pages.get((host, path))
        if page is None:
            stats.hit(when, address, "404", path, 0)
            return 404, "text/plain", b"not found\n"
        kind, variants = page
        n = served.get((host, path), 0)  # alternate the variants so that a re-crawl finds changes
        served[(host, path)] = n + 1
        body = variants[n % 2]
        stats.hit(when, address, kind, path, len(body))
        return 200, CONTENT_TYPES[kind], body
    return route


def control_route(stats):
    def route(path, when):
        if path == "/reset":
            stats.reset()
            body = {}
        elif path == "/stats":
            body = stats.snapshot()
        elif path == "/requests":
            body = stats.log
        else:
            return 404, "text/plain", b"not found\n"
        return 200, "application/json", json.dumps(body).encode()
    return route


def raise_open_files(hosts):
    """One listening socket per host plus the crawler's connections: lift a low soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 4 * hosts + 256
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want if hard == resource.RLIM_INFINITY else min(want, hard), hard))


def serve(args):
    raise_open_files(args.hosts)
    pages = build(args.hosts, args.sources)
    stats = Stats()
    server = Server(stats)
    served = {}
    for h in range(args.hosts):
        server.listen(host_ip(h), args.port, host_route(h, pages, served, stats))
    server.listen("127.0.0.1", args.control_port, control_route(stats))
    sizes = {}
    for kind, variants in pages.values():
        sizes.setdefault(kind, []).append(len(variants[0]))
    avg = {k: sum(v) // len(v) for k, v in sizes.items()}
    print("site: %d hosts %s..%s port %d, %d pages (avg bytes %s), control 127.0.0.1:%d" % (
        args.hosts, host_ip(0), host_ip(args.hosts - 1), args.port, len(pages), avg, args.control_port),
        flush=True)
    signal.signal(signal.SIGTERM, lambda *a: server.stop())
    signal.signal(signal.SIGINT, lambda *a: server.stop())
    server.run(args.max_seconds)  # never outlive the benchmark by much


def config(args):
    n = min(args.limit or args.sources, args.sources)
    out = ["# generated by crawler/bench/site.py config: %d sources on %d hosts" % (n, min(n, args.hosts)),
           ]
    if not args.default_politeness:
        out.append("settings:")
        out.append("  perHostDelay: %s" % args.delay)
        out.append("  perHostConcurrency: %d" % args.concurrency)
        out.append("  retries: 0")
    # One flow-style line per source, with the shortest selectors that read these pages as the
    # shipped HN selectors do: 5,000 sources stay within the crawler's 1 MiB limit on config
    # files (block style with the shipped selectors would take 1.4 MB).
    selectors = {
        "html": ", selectors: {item: .athing, title: .titleline>a, link: .titleline>a, detail: next-sibling,"
                " score: .score, comments: 'a[href^=item]:contains(comment)', author: .hnuser, time: .age@title}",
        "json": ", pointers: {items: '', title: /title, link: /url, comments: /replies, author: /member/username,"
                " time: /created}",
        "rss": "",
    }
    out += ["sources:"]
    for i, h, kind, path in layout(args.hosts, args.sources)[:args.limit or args.sources]:
        out.append("  - {id: b%04d, kind: %s, url: http://%s:%d%s, schedule: %s%s}"
                   % (i, kind, host_ip(h), args.port, path, args.schedule, selectors[kind]))
    print("\n".join(out))



def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("serve", "config"):
        s = sub.add_parser(name)
        s.add_argument("--hosts", type=int, default=50)
        s.add_argument("--sources", type=int, default=200)
        s.add_argument("--port", type=int, default=18431)
        if name == "serve":
            s.add_argument("--control-port", type=int, default=18430)
            s.add_argument("--max-seconds", type=int, default=900)
        else:
            s.add_argument("--delay", default="0ms")
            s.add_argument("--concurrency", type=int, default=1)
            s.add_argument("--schedule", default="1m")
            s.add_argument("--limit", type=int, default=0,
                           help="only the first LIMIT sources of the layout (source i is on host i %% HOSTS)")
            s.add_argument("--default-politeness", action="store_true",
                           help="leave perHostDelay / perHostConcurrency at the crawler's defaults")
    args = p.parse_args()
    if not 1 <= args.hosts <= MAX_HOSTS:
        sys.exit("--hosts must be 1..%d (127.0.0.2 .. %s)" % (MAX_HOSTS, host_ip(MAX_HOSTS - 1)))
    serve(args) if args.cmd == "serve" else config(args)


if __name__ == "__main__":
    main()
