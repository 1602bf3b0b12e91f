#!/usr/bin/env python3
"""A local many-host site for benchmarking the crawler (Python 3 standard library only).

Two subcommands:

  site.py serve  --hosts 50 --sources 200 --port 18431 --control-port 18430
      Serves HOSTS "hosts" on 127.0.0.2 .. 127.0.0.(HOSTS+1), each bound explicitly on PORT
      (never 0.0.0.0), plus a control endpoint on 127.0.0.1:CONTROL_PORT:
        GET /stats  -> JSON counters (requests, bytes, per kind, first/last request time)
        GET /reset  -> zeroes the counters
      Every host has a robots.txt allowing everything and its share of the SOURCES pages:
        /s/<n>.html  Hacker-News-like page, 30 items (tr.athing + subtext row), ~40 KB
        /s/<n>.rss   RSS 2.0 feed, 30 items
        /s/<n>.json  JSON feed, an array of 30 topics (V2EX-like)
      Each page exists in two variants (different scores / comment counts) served alternately,
      so a re-crawl finds changed items. No ETag / Last-Modified: every crawl is a full 200.

  site.py config --hosts 50 --sources 200 --port 18431 --delay 0ms [--concurrency 1]
                 [--schedule 1m] [--default-politeness] [--limit N]
      Prints a crawler YAML config for the same layout. Source i is on host i % HOSTS, so
      consecutive sources hit different hosts; kinds (html, rss, json, html) are mixed
      both along the list and on each host.

Both subcommands must get the same --hosts/--sources/--port.
"""
import argparse
import json
import random
import signal
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

KINDS = ("html", "rss", "json", "html")
ITEMS = 30
WORDS = ("rust java kernel postgres compiler latency memory cache shared segment lock free queue "
         "crawler parser browser protocol vector database cloud outage startup hiring show ask "
         "release benchmark linux windows apple google open source model inference gpu chip "
         "security exploit privacy law court energy battery solar physics math proof history").split()
DOMAINS = ("github.com", "example.org", "blog.example.net", "arxiv.org", "lwn.net", "nytimes.com",
           "theverge.com", "medium.com", "news.example.com", "research.example.edu")
USERS = ("alice", "bob", "carol", "dave", "eve", "mallory", "trent", "peggy", "victor", "walter")
BASE_TIME = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


def host_ip(h):
    return "127.0.0.%d" % (h + 2)


def layout(hosts, sources):
    """(source index, host index, kind, path) for every source."""
    out = []
    for i in range(sources):
        kind = KINDS[(i + i // hosts) % len(KINDS)]  # mixed in time, mixed per host
        ext = "html" if kind == "html" else kind
        out.append((i, i % hosts, kind, "/s/%d.%s" % (i, ext)))
    return out


def story(rng, n, variant):
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
    if rng.random() < 0.15:
        title = rng.choice(("Show HN: ", "Ask HN: ", "Launch HN: ")) + title
    domain = rng.choice(DOMAINS)
    slug = "-".join(title.lower().split()[:6]).replace(":", "")
    url = "https://%s/%d/%s" % (domain, rng.randint(2019, 2024), slug)
    age = timedelta(minutes=rng.randint(1, 600))
    score = rng.randint(1, 900) + variant * rng.randint(1, 40)
    comments = rng.randint(0, 400) + variant * rng.randint(0, 12)
    return {
        "id": 40000000 + n,
        "title": title,
        "url": url,
        "domain": domain,
        "user": rng.choice(USERS) + str(rng.randint(1, 999)),
        "score": score,
        "comments": comments,
        "time": BASE_TIME - age,
        "age": age,
        "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 45))),
    }


def stories(seed, variant):
    rng = random.Random(seed)  # same seed: same stories, the variant only moves the numbers
    items = [story(rng, seed * 100 + k, 0) for k in range(ITEMS)]
    vrng = random.Random(seed * 7 + variant)
    for s in items:
        s["score"] += variant * vrng.randint(1, 40)
        s["comments"] += variant * vrng.randint(0, 12)
    return items


def ago(age):
    minutes = int(age.total_seconds() // 60)
    return "%d minutes ago" % minutes if minutes < 60 else "%d hours ago" % (minutes // 60)


HTML_HEAD = """<html lang="en" op="news"><head><meta name="referrer" content="origin">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" type="text/css" href="news.css?v=%(n)d">
<link rel="icon" href="y18.svg"><link rel="alternate" type="application/rss+xml" title="RSS" href="rss">
<title>Bench News %(n)d</title>
<style>
  body { font-family: Verdana, Geneva, sans-serif; font-size: 10pt; color: #828282; }
  td { font-family: Verdana, Geneva, sans-serif; font-size: 10pt; color: #828282; }
  .admin td { font-family: Verdana, Geneva, sans-serif; font-size: 8.5pt; color: #000000; }
  .subtext td { font-family: Verdana, Geneva, sans-serif; font-size: 7pt; color: #828282; }
  input { font-family: monospace; font-size: 10pt; } input[type='submit'] { font-family: Verdana, Geneva, sans-serif; }
  textarea { font-family: monospace; font-size: 10pt; } a:link { color: #000000; text-decoration: none; }
  a:visited { color: #828282; text-decoration: none; } .default { font-family: Verdana, Geneva, sans-serif; }
  .title { font-family: Verdana, Geneva, sans-serif; font-size: 10pt; color: #828282; overflow: hidden; }
  .subtext { font-family: Verdana, Geneva, sans-serif; font-size: 7pt; color: #828282; }
  .yclinks { font-family: Verdana, Geneva, sans-serif; font-size: 8pt; color: #828282; }
  .pagetop { font-family: Verdana, Geneva, sans-serif; font-size: 10pt; color: #222222; line-height: 12px; }
  .comhead { font-family: Verdana, Geneva, sans-serif; font-size: 8pt; color: #828282; }
  .hnname { margin-right: 5px; } #hnmain { min-width: 796px; } .votearrow { width: 10px; height: 10px; }
</style></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%%" style="padding:2px"><tr>
<td style="width:18px;padding-right:4px"><a href="https://bench.example/"><img src="y18.svg" width="18" height="18" style="border:1px white solid; display:block"></a></td>
<td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Bench News</a></b>
<a href="newest">new</a> | <a href="front">past</a> | <a href="newcomments">comments</a> | <a href="ask">ask</a> | <a href="show">show</a> | <a href="jobs">jobs</a> | <a href="submit" rel="nofollow">submit</a></span></td>
<td style="text-align:right;padding-right:4px;"><span class="pagetop"><a href="login?goto=news">login</a></span></td>
</tr></table></td></tr>
<tr id="pagespace" title="" style="height:10px"></tr><tr><td><table border="0" cellpadding="0" cellspacing="0">
"""

HTML_ITEM = """<tr class="athing submission" id="%(id)d">
      <td align="right" valign="top" class="title"><span class="rank">%(rank)d.</span></td>      <td valign="top" class="votelinks"><center><a id="up_%(id)d" href="vote?id=%(id)d&amp;how=up&amp;goto=news"><div class="votearrow" title="upvote"></div></a></center></td><td class="title"><span class="titleline"><a href="%(url)s" rel="nofollow">%(title)s</a><span class="sitebit comhead"> (<a href="from?site=%(domain)s"><span class="sitestr">%(domain)s</span></a>)</span></span></td></tr><tr><td colspan="2"></td><td class="subtext"><span class="subline">
          <span class="score" id="score_%(id)d">%(score)d points</span> by <a href="user?id=%(user)s" class="hnuser">%(user)s</a> <span class="age" title="%(iso)s %(epoch)d"><a href="item?id=%(id)d">%(ago)s</a></span> <span id="unv_%(id)d"></span> | <a href="flag?id=%(id)d&amp;auth=%(auth)s&amp;goto=news">flag</a> | <a href="hide?id=%(id)d&amp;goto=news" class="clicky hider">hide</a> | <a href="item?id=%(id)d">%(comments)d&nbsp;comments</a>        </span>
              </td></tr>
      <tr class="spacer" style="height:5px"></tr>
"""

HTML_FOOT = """<tr class="morespace" style="height:10px"></tr><tr><td colspan="2"></td><td class="title"><a href="?p=2" class="morelink" rel="next">More</a></td></tr>
</table></td></tr><tr><td><img src="s.gif" height="10" width="0"><table width="100%%" cellspacing="0" cellpadding="1"><tr><td bgcolor="#ff6600"></td></tr></table><br>
<center><span class="yclinks"><a href="newsguidelines.html">Guidelines</a> | <a href="newsfaq.html">FAQ</a> | <a href="lists">Lists</a> | <a href="https://github.com/bench/api">API</a> | <a href="security.html">Security</a> | <a href="https://bench.example/legal">Legal</a> | <a href="https://bench.example/apply">Apply</a> | <a href="mailto:bench@example.org">Contact</a></span><br><br>
<form method="get" action="//hn.algolia.com/">Search: <input type="text" name="q" size="17" autocorrect="off" spellcheck="false" autocapitalize="off" autocomplete="false"></form></center>
%(comment)s
</td></tr></table></center><script type="text/javascript" src="hn.js?v=%(n)d"></script></body></html>
"""


def html_page(seed, variant):
    parts = [HTML_HEAD % {"n": seed}]
    for rank, s in enumerate(stories(seed, variant), 1):
        parts.append(HTML_ITEM % {
            "id": s["id"], "rank": rank, "url": escape(s["url"]), "title": escape(s["title"]),
            "domain": s["domain"], "score": s["score"], "user": s["user"],
            "iso": s["time"].strftime("%Y-%m-%dT%H:%M:%S"), "epoch": int(s["time"].timestamp()),
            "ago": ago(s["age"]), "auth": "%040x" % random.Random(s["id"]).getrandbits(160),
            "comments": s["comments"]})
    # Real front pages carry some non-item weight (inline data, tracking markup); pad to ~40 KB.
    body = "".join(parts)
    filler = []
    size = len(body) + len(HTML_FOOT)
    k = 0
    while size < 40 * 1024:
        line = "<!-- cache-key %d %s -->\n" % (k, "%064x" % random.Random(seed * 1000 + k).getrandbits(256))
        filler.append(line)
        size += len(line)
        k += 1
    return (body + HTML_FOOT % {"n": seed, "comment": "".join(filler)}).encode("utf-8")


def rss_feed(seed, variant):
    items = []
    for s in stories(seed, variant):
        items.append(
            "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">bench-%d</guid>"
            "<description>%s</description><author>%s@users.bench.example (%s)</author>"
            "<pubDate>%s</pubDate><comments>https://bench.example/item?id=%d</comments>"
            "<slash:comments>%d</slash:comments></item>\n" % (
                escape(s["title"]), escape(s["url"]), s["id"], escape(s["text"]), s["user"], s["user"],
                format_datetime(s["time"], usegmt=True), s["id"], s["comments"]))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench feed %d</title>'
            '<link>https://bench.example/</link><description>Benchmark feed</description>\n%s'
            '</channel></rss>\n' % (seed, "".join(items))).encode("utf-8")


def json_feed(seed, variant):
    out = []
    for s in stories(seed, variant):
        out.append({"id": s["id"], "title": s["title"], "url": s["url"], "content": s["text"],
                    "replies": s["comments"], "member": {"id": s["id"] % 9973, "username": s["user"]},
                    "node": {"name": s["domain"].split(".")[0], "title": s["domain"]},
                    "created": int(s["time"].timestamp()), "last_modified": int(s["time"].timestamp())})
    return json.dumps(out, indent=1).encode("utf-8")


CONTENT_TYPES = {"html": "text/html; charset=utf-8", "rss": "application/rss+xml; charset=utf-8",
                 "json": "application/json; charset=utf-8"}
ROBOTS = b"User-agent: *\nAllow: /\n"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.requests = 0
            self.bytes = 0
            self.kinds = {}
            self.first = None
            self.last = None

    def hit(self, kind, size):
        now = time.time()
        with self.lock:
            self.requests += 1
            self.bytes += size
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            if self.first is None:
                self.first = now
            self.last = now

    def snapshot(self):
        with self.lock:
            return {"requests": self.requests, "bytes": self.bytes, "kinds": dict(self.kinds),
                    "first": self.first, "last": self.last}


def serve(args):
    pages = {}  # (host index, path) -> (content type, [variant bytes], counter)
    sizes = {}
    for i, h, kind, path in layout(args.hosts, args.sources):
        make = {"html": html_page, "rss": rss_feed, "json": json_feed}[kind]
        variants = [make(i + 1, v) for v in (0, 1)]
        pages[(h, path)] = (kind, variants, [0])
        sizes.setdefault(kind, []).append(len(variants[0]))
    stats = Stats()
    lock = threading.Lock()

    def handler_for(host):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real sites do
            server_version = "bench-site/1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path == "/robots.txt":
                    kind, body, ctype = "robots", ROBOTS, "text/plain; charset=utf-8"
                else:
                    page = pages.get((host, path))
                    if page is None:
                        self.send_error(404)
                        stats.hit("404", 0)
                        return
                    kind, variants, counter = page
                    with lock:
                        n = counter[0]
                        counter[0] += 1
                    body, ctype = variants[n % 2], CONTENT_TYPES[kind]
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                self.wfile.write(body)
                stats.hit(kind, len(body))
        return Handler

    class ControlHandler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path == "/reset":
                stats.reset()
                body = b"{}"
            elif self.path == "/stats":
                body = json.dumps(stats.snapshot()).encode()
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

    servers = [Server((host_ip(h), args.port), handler_for(h)) for h in range(args.hosts)]
    servers.append(Server(("127.0.0.1", args.control_port), ControlHandler))
    for s in servers:
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.5}, daemon=True).start()
    avg = {k: sum(v) // len(v) for k, v in sizes.items()}
    print("site: %d hosts %s..%s port %d, %d pages (avg bytes %s), control 127.0.0.1:%d" % (
        args.hosts, host_ip(0), host_ip(args.hosts - 1), args.port, len(pages), avg, args.control_port),
        flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    deadline = time.time() + args.max_seconds  # never outlive the benchmark by much
    while not stop.is_set() and time.time() < deadline:
        stop.wait(0.5)
    for s in servers:  # the serving threads are daemons: closing the sockets and exiting is enough
        s.server_close()


def config(args):
    n = min(args.limit or args.sources, args.sources)
    out = ["# generated by crawler/bench/site.py config: %d sources on %d hosts" % (n, min(n, args.hosts)),
           ]
    if not args.default_politeness:
        out.append("settings:")
        out.append("  perHostDelay: %s" % args.delay)
        out.append("  perHostConcurrency: %d" % args.concurrency)
        out.append("  retries: 0")
    out += ["sources:"]
    for i, h, kind, path in layout(args.hosts, args.sources)[:args.limit or args.sources]:
        out += ["  - id: b%04d-%s" % (i, kind),
                "    kind: %s" % kind,
                "    url: http://%s:%d%s" % (host_ip(h), args.port, path),
                "    schedule: %s" % args.schedule,
                "    maxItems: 30"]
        if kind == "html":
            out += ["    selectors:",
                    '      item: "tr.athing"',
                    '      title: "span.titleline > a"',
                    '      link: "span.titleline > a"',
                    "      detail: next-sibling",
                    '      score: "span.score"',
                    '      comments: "a[href^=item]:contains(comment)"',
                    '      author: "a.hnuser"',
                    '      time: "span.age@title"']
        elif kind == "json":
            out += ["    pointers:",
                    '      items: ""',
                    "      title: /title",
                    "      link: /url",
                    "      comments: /replies",
                    "      author: /member/username",
                    "      time: /created"]
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
    if not 1 <= args.hosts <= 250:
        sys.exit("--hosts must be 1..250 (127.0.0.2 .. 127.0.0.251)")
    serve(args) if args.cmd == "serve" else config(args)


if __name__ == "__main__":
    main()
