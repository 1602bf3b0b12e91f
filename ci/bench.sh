#!/usr/bin/env bash
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

# Builds what the benchmarks need, runs every benchmark step and writes docs/benchmarks.md: the
# machine, a summary of the targets, one section per step, and how to reproduce. About 7 minutes
# on a 2-core machine. Not part of the test run. The app step needs wrk (apt-get install wrk).
#
#   ci/bench.sh            the full run that docs/benchmarks.md records
#   ci/bench.sh --quick    a smoke run (about 2 minutes, numbers not worth quoting), written to
#                          benchmarks/target/results/benchmarks.md
#
# JAVA=/path/to/java picks the JDK (default: java on the PATH); JAVA22=/path/to/java a JDK 22+ for
# the ffm step (default: $JAVA if it is one, else /usr/lib/jvm/temurin-25-jdk-amd64; without one the
# step is skipped) and JAVA17 the JDK 17-21 it is compared with (default: $JAVA if it is one, else
# /usr/lib/jvm/java-17-openjdk-amd64); BENCH_JAVA_OPTS adds JVM options
# to the benchmark JVMs (their child processes get the same options); BENCH_DOC writes the
# document elsewhere. A step that fails is reported as such in the document; the others still run.
#
# Adding a benchmark: write a function step_<id> that writes its Markdown section (starting with
# a "## " heading) to the file named by its first argument, optionally with target rows
# ("| target | verdict |", no header) in "$1.targets", and append <id> to STEPS below.
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=(latency throughput seqlock typed ffm rings app)

java=${JAVA:-java}
opts=${BENCH_JAVA_OPTS:-}
results=benchmarks/target/results
notes=benchmarks/NOTES.md
jar=benchmarks/target/benchmarks.jar

quick=false
case "${1:-}" in
  "") ;;
  --quick) quick=true ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
if $quick; then
  jmh=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  pairs=1
  latency=(--warmup 5000 --warmup-seconds 1 --samples 20000 --max-seconds 1 --rounds 1)
  throughput=(--warmup 200000 --block 500000 --blocks 2 --rounds 1)
  app=(--seconds 3 --events 300)
  mode="quick smoke run, not for quoting"
  doc=${BENCH_DOC:-$results/benchmarks.md}
else
  jmh=(-f 1 -wi 2 -w 1s -i 5 -r 1s)
  pairs=3
  latency=(--warmup 20000 --warmup-seconds 1 --samples 100000 --max-seconds 3 --rounds 3)
  throughput=(--warmup 1000000 --block 2000000 --blocks 6 --rounds 3)
  app=(--seconds 6 --events 2000)
  mode="full run"
  doc=${BENCH_DOC:-docs/benchmarks.md}
fi

run_java() { # the benchmark JVM, with the run's JDK and options
  # shellcheck disable=SC2086
  "$java" $opts -cp "$jar" "$@"
}

# ---- the steps: each writes its section to $1 ------------------------------------------------

step_latency() {
  run_java io.github.nativeshm.bench.ipc.LatencyHarness "${latency[@]}" --out "$1.body" || return
  {
    cat <<'TEXT'
## 1. Cross-process round trip (two JVMs, HdrHistogram)

The harness starts a second JVM (same JDK, JVM options and jar) per peer and round; the parent
sends message n and waits for n to come back, timing each round trip with `System.nanoTime()`.
Shared-memory peers busy-spin on both sides, their measuring threads pinned to one core each; the
sockets block in the kernel. The floor (one raw long each way, release/acquire on a mapped
segment) runs in the same two processes as each shared-memory peer, alternating with it in blocks
of 2,000 round trips: on this VM the cost of moving a cache line between the two vCPUs changes
2-4× as the host moves them, and a floor measured alongside sees the same placement, so **the
ratio to the floor is the number to compare**. "In place" peers use the zero-allocation API
(`SlotWriter`, `SlotReader` into a reused object); `ring-record` appends and reads `Event` records.

TEXT
    cat "$1.body"
  } > "$1"
  mv "$1.body.targets" "$1.targets"
}

step_throughput() {
  run_java io.github.nativeshm.bench.ipc.ThroughputHarness "${throughput[@]}" --out "$1.body" || return
  {
    cat <<'TEXT'
## 2. Cross-process one-way throughput (64-byte records)

This process writes as fast as the ring lets it; a second JVM reads (threads pinned to one core
each). All rings run in the same two processes and take turns in blocks of records, so that each
block of native-shm is compared with Agrona's block of the same turn: on this VM one ring's rate
moves 3-4× from one second to the next as the host moves the vCPUs. The reader's rate counts the
records it received between the first and the last of a block. native-shm's ring is a broadcast
ring whose writer never waits: a reader slower than the writer is lapped and counts the records it
lost. Agrona's ring has one consumer and back-pressure: its writer waits, so writer and reader
rates are equal. Both sides of native-shm work in place; its writer writes every field of the
64-byte record (as Agrona's copies in a whole message), except in the "zeroed" row, where it
writes one field into a slot the ring zeroes first.

TEXT
    cat "$1.body"
  } > "$1"
  mv "$1.body.targets" "$1.targets"
}

jmh_step() { # $1 out, $2 section
  run_java io.github.nativeshm.bench.report.JmhSuite --section "$2" --pairs "$pairs" --out "$1" "${jmh[@]}" \
    -rf json -rff "$1.json"
}

step_app() {
  run_java io.github.nativeshm.bench.app.AppBenchmark --jar api/target/app.jar "${app[@]}" --out "$1.body" || return
  {
    cat <<'TEXT'
## 5. The app: `/api/items`, freshness, memory

`java -jar api/target/app.jar` as users run it (the api and its crawler child, two processes).
Throughput: `wrk` (Debian's) against `/api/items?limit=50` while the crawler crawls the demo
site, and against `/bench/items?limit=50`, which runs the same query code over a snapshot kept on
the heap (enabled with `-Dapp.bench-control=true`): the ratio is the cost of serving from shared
memory. Freshness: the harness plays the crawler (the api runs with `--no-crawler`), writes an
item and its event, and times its arrival at an SSE client on `/api/events`.

TEXT
    cat "$1.body"
  } > "$1"
  mv "$1.body.targets" "$1.targets"
}

feature_of() { # the feature version of a java: 17, 25; 0 if it does not run
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1) || true
  echo "${v:-0}"
}

step_ffm() { # the typed pair on both paths of native-shm's multi-release jar (JDK 22+ vs 17)
  local java22=${JAVA22:-} java17=${JAVA17:-} f
  f=$(feature_of "$java")
  if [[ -z $java22 ]]; then
    if ((f >= 22)); then java22=$java; else java22=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; fi
  fi
  if [[ -z $java17 ]]; then
    if ((f >= 17 && f < 22)); then java17=$java; else java17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java; fi
  fi
  if (($(feature_of "$java22") < 22)); then
    { echo "## 4b. Typed access on JDK 22+: the FFM path of the multi-release jar"; echo
      echo "_Not run: no JDK 22+ found (\`$java22\`); set JAVA22=/path/to/bin/java._"; } > "$1"
    return
  fi
  local old=()
  f=$(feature_of "$java17")
  if ((f >= 17 && f < 22)); then old=(--java17 "$java17"); fi
  run_java io.github.nativeshm.bench.report.FfmPaths --java22 "$java22" "${old[@]}" --pairs "$pairs" --out "$1" \
    "${jmh[@]}" -rf json -rff "$1.json"
}

step_seqlock() { jmh_step "$1" seqlock; }
step_typed() { jmh_step "$1" typed; }
step_rings() { jmh_step "$1" rings; }

# ---- running them -----------------------------------------------------------------------------

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

started=$(date +%s)
load_start=$(loadavg)
echo "== build (load average $load_start)"
./mvnw -B -q -pl native-shm,benchmarks,api -am package -DskipTests
rm -rf "$results" && mkdir -p "$results"
built=$(date +%s)

timings=()
for step in "${STEPS[@]}"; do
  echo "== $step (load average $(loadavg))"
  began=$(date +%s)
  if ! "step_$step" "$results/$step.md" 2>&1 | tee "$results/$step.log"; then
    echo "== the $step step failed"
  fi
  timings+=("$step $(( $(date +%s) - began )) s, load $(loadavg)")
done
finished=$(date +%s)

# ---- the document -----------------------------------------------------------------------------

section() { # a step's section, or a note that it produced nothing
  if [[ -s "$results/$1.md" ]]; then cat "$results/$1.md"; else
    echo "## $1"; echo; echo "_No results: this step failed; see \`$results/$1.log\`._"; fi
}

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
hypervisor=$(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/{gsub(/^ +/,"",$2); print ", virtualised (" $2 ")"}')
jdk=$("$java" $opts -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')
mkdir -p "$(dirname "$doc")"
{
  cat <<HEADER
# native-shm benchmarks

native-shm against its peers, all measured in the same run by \`ci/bench.sh\` ($mode). The
machine is a small shared VM: trust **medians and ratios** between peers of the same run, not
single timings, and expect a different machine to differ.

## Targets (issue 7), this run

| target | verdict |
| --- | ---: |
HEADER
  for step in "${STEPS[@]}"; do
    if [[ -s "$results/$step.md.targets" ]]; then cat "$results/$step.md.targets"; fi
  done
  echo
  if [[ -s "$notes" ]]; then cat "$notes"; echo; fi
  cat <<MACHINE
## Machine and run

| | |
| --- | --- |
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| cores (\`nproc\`) | $(nproc)$hypervisor |
| CPU | ${cpu_model:-unknown} |
| memory | $(free -g | awk '/Mem:/{print $2 " GiB"}') |
| OS | $(uname -sr) |
| JDK (\`java -version\`) | $jdk |
| JVM options | ${opts:-none} |
| load average (1, 5, 15 min) | $load_start at the start, $(loadavg) at the end |
| duration | $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s ($(( built - started )) s of build) |
| steps | $(IFS=';'; echo "${timings[*]}" | sed 's/;/; /g') |
| JMH settings | \`${jmh[*]}\`; the typed target's pair in $pairs paired rounds, and so each comparison of the ffm step |
| harness settings | latency \`${latency[*]}\`; throughput \`${throughput[*]}\`; app \`${app[*]}\` |

The benchmarks keep both cores busy (the spinning peers, the JMH threads), so a 1-minute load of
about 2 is this run alone; above that, other work on this shared machine competed for the CPUs.
That shows first in the tails (p99 and beyond) and in the spread of per-round values.

MACHINE
  for step in "${STEPS[@]}"; do
    section "$step"
    echo
  done
  cat <<'REPRODUCE'
## How to reproduce

```sh
ci/bench.sh                               # build, run every step, rewrite docs/benchmarks.md (~7 min)
ci/bench.sh --quick                       # smoke run (~2 min), into benchmarks/target/results/
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java ci/bench.sh   # another JDK
# or piecemeal, after ./mvnw -B -pl native-shm,benchmarks -am package -DskipTests:
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.ipc.LatencyHarness --peers ring,agrona,uds
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.ipc.ThroughputHarness
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.report.JmhSuite --section typed   # or seqlock, rings
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.report.FfmPaths \
    --java22 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --java17 /usr/lib/jvm/java-17-openjdk-amd64/bin/java \
    -f 1 -wi 3 -w 1s -i 5 -r 1s        # the typed pair on the JDK 22+ (FFM) and JDK 17 paths
java -jar benchmarks/target/benchmarks.jar StructRead -f 1 -wi 3 -i 5     # any JMH benchmark, JMH's own options
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.app.AppBenchmark --jar api/target/app.jar  # needs wrk
```

Raw output of the run: `benchmarks/target/results/` (each step's log, JMH JSON, one HdrHistogram
percentile distribution per round-trip peer, `latency-*.hgrm`).
REPRODUCE
} > "$doc.tmp"
# The crawler's section comes from crawler/bench/run.sh: keep it.
if [[ -f "$doc" ]] && grep -q '^## Crawler throughput' "$doc"; then
  { echo; sed -n '/^## Crawler throughput/,$p' "$doc"; } >> "$doc.tmp"
fi
mv "$doc.tmp" "$doc"
echo "== wrote $doc (the run took $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s)"
