#!/usr/bin/env bash
# Crawler throughput benchmark: builds crawler.jar and shm.jar, serves a local many-host site on
# 127.0.0.2..127.0.0.51 (site.py), crawls it in several scenarios and prints a markdown report
# (also written to crawler/target/bench/report.md, with logs and results.json). Takes about
# 4 minutes on 2 shared cores. Linux only (all of 127.0.0.0/8 on lo, /proc); needs Java 17, Python 3.
#
#   crawler/bench/run.sh                      # everything
#   SKIP_BUILD=1 crawler/bench/run.sh         # reuse the jars in */target
#   crawler/bench/run.sh --repeats 3 --scenarios fast,polite             # a quicker look
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
    ./mvnw -B -q -pl crawler -am package -DskipTests >&2
fi
built=$(date +%s)

out="${BENCH_OUT:-$root/crawler/target/bench}"
rm -rf "$out"
mkdir -p "$out"
python3 "$here/bench.py" --jar "$root/crawler/target/crawler.jar" --shm-jar "$root/native-shm/target/shm.jar" \
    --out "$out" "$@"
end=$(date +%s)
echo
echo "run.sh: build $((built - start)) s, benchmark $((end - built)) s, total $((end - start)) s" \
     "(report: ${out#"$root/"}/report.md)"
