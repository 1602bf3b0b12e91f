#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

"""What the benchmark site serves, and on which address (Python 3 standard library only).

Source i of a layout lives on host i % HOSTS, so consecutive sources hit different hosts. Host h
answers on 127.0.0.(h+2) .. 127.0.0.254, then 127.0.1.1 .. 127.0.1.254, and so on: all of
127.0.0.0/8 is loopback on Linux, so up to ~1,000 hosts need no set-up. Each source is one of
  /s/<n>.html  Hacker-News-like page, 30 items (tr.athing + subtext row), ~40 KB
  /s/<n>.rss   RSS 2.0 feed, 30 items
  /s/<n>.json  JSON feed, an array of 30 topics (V2EX-like)
in two variants (different scores / comment counts) that the server hands out in turn.
"""
import json
import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

MAX_HOSTS = 1000
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
    """Address of host h. 127.0.0.1 is the control endpoint; a last octet of 0 or 255 is skipped
    because it reads like a network or broadcast address, though on lo neither is special."""
    third, last = divmod(h + 1, 254)
    return "127.0.%d.%d" % (third, last + 1)


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


def build(hosts, sources):
    """{(host index, path): (kind, [variant 0 bytes, variant 1 bytes])} for a whole layout."""
    make = {"html": html_page, "rss": rss_feed, "json": json_feed}
    return {(h, path): (kind, [make[kind](i + 1, v) for v in (0, 1)])
            for i, h, kind, path in layout(hosts, sources)}
