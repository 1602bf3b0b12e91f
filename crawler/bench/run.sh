#!/usr/bin/env bash
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

# Crawler benchmark: builds crawler.jar and shm.jar, serves a local many-host site (site.py;
# 127.0.0.2 onwards, each host bound explicitly), crawls it in several scenarios and prints a
# markdown report (also written to crawler/target/bench/report.md, with logs and results.json).
# Linux only (all of 127.0.0.0/8 on lo, /proc); needs Java 17, Python 3.
#
# Takes about 10 minutes on 2 shared cores (measured: 587 s, build 14 s): ~2.5 for the throughput
# scenarios on 50 hosts, ~7 for scenario `hosts` (issue 13: 100 / 1,000 / 5,000 sources over
# 25 / 250 / 500 hosts, 90 s each in the long-running mode plus a --once run each, which is
# stopped after 150 s; with the crawler before its scheduler rewrite they took 12, 41 and 86 s).
#
#   crawler/bench/run.sh                      # everything
#   SKIP_BUILD=1 crawler/bench/run.sh         # reuse the jars in */target
#   crawler/bench/run.sh --repeats 3 --scenarios fast,polite             # a quicker look
#   crawler/bench/run.sh --scenarios hosts                               # lateness / politeness / memory only, ~7.5 min
#   crawler/bench/run.sh --scenarios hosts --hosts-quick                 # its 2-minute smoke test
#   BENCH_OUT=/tmp/jfr crawler/bench/run.sh --scenarios jfr               # where the CPU goes (JFR)
#
# Extra arguments go to bench.py (see `python3 crawler/bench/bench.py --help`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

start=$(date +%s)
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "building crawler.jar and shm.jar ..." >&2
    ./mvnw -B -q -pl crawler,native-shm-cli -am package -DskipTests >&2
fi
built=$(date +%s)

out="${BENCH_OUT:-$root/crawler/target/bench}"
rm -rf "$out"
mkdir -p "$out"
python3 "$here/bench.py" --jar "$root/crawler/target/crawler.jar" --shm-jar "$root/native-shm-cli/target/shm.jar" \
    --out "$out" "$@"
end=$(date +%s)
echo
echo "run.sh: build $((built - start)) s, benchmark $((end - built)) s, total $((end - start)) s" \
     "(report: ${out#"$root/"}/report.md)"
