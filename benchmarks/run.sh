#!/usr/bin/env bash
# Builds the benchmarks, runs them all (JMH in-process benchmarks, then the cross-process latency
# and throughput harnesses) and writes docs/benchmarks.md. About 8-10 minutes on a 2-core machine.
#
#   benchmarks/run.sh                  the full run that docs/benchmarks.md records
#   benchmarks/run.sh --quick          a smoke test in about 2 minutes (numbers not worth quoting),
#                                      written to benchmarks/target/results/benchmarks.md
#   benchmarks/run.sh --report-only    rewrite the document from the last run's results (after
#                                      editing benchmarks/NOTES.md, say), measuring nothing
#
# JAVA=/path/to/java picks the JDK (default: java on the PATH); BENCH_JAVA_OPTS adds JVM options
# to the harness JVMs (their child processes get the same options). A stage that fails is
# reported as such in the document; the others still run.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA:-java}
opts=${BENCH_JAVA_OPTS:-}
results=benchmarks/target/results
info=$results/run-info.sh
notes=benchmarks/NOTES.md

quick=false
report_only=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --report-only) report_only=true ;;
    *) echo "usage: $0 [--quick] [--report-only]" >&2; exit 2 ;;
  esac
done

if $quick; then
  jmh=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  latency=(--warmup 10000 --warmup-seconds 1 --samples 50000 --max-seconds 3 --rounds 1)
  throughput=(--warmup 500000 --records 2000000 --rounds 1)
  mode="quick smoke run, not for quoting"
  doc=${BENCH_DOC:-benchmarks/target/results/benchmarks.md}
else
  jmh=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  latency=(--warmup 20000 --warmup-seconds 2 --samples 200000 --max-seconds 10 --rounds 3)
  throughput=(--warmup 1000000 --records 5000000 --rounds 3)
  mode="full run"
  doc=${BENCH_DOC:-docs/benchmarks.md}
fi

measure() {
  started=$(date +%s)
  loads=()
  load() { loads+=("$1: $(cut -d' ' -f1-3 /proc/loadavg)"); echo "== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))"; }

  load "start"
  uptime_before=$(uptime)
  read -r _ u0 n0 s0 i0 w0 q0 sq0 st0 _ < /proc/stat
  mkdir -p benchmarks/target
  samples=benchmarks/target/load-samples.txt
  : > "$samples"
  ( while sleep 10; do cut -d' ' -f1 /proc/loadavg >> "$samples"; done ) &
  sampler=$!
  trap 'kill "$sampler" 2>/dev/null || true' EXIT
  ./mvnw -B -q -pl native-shm,benchmarks -am package -DskipTests
  jar=benchmarks/target/benchmarks.jar
  rm -rf "$results" && mkdir -p "$results"
  built=$(date +%s)

  load "before JMH"
  # shellcheck disable=SC2086
  "$java" $opts -cp "$jar" io.github.nativeshm.bench.report.JmhSuite --out "$results/jmh.md" \
    "${jmh[@]}" -rf json -rff "$results/jmh.json" 2>&1 | tee "$results/jmh.log" || echo "== the jmh stage failed"

  load "before the latency harness"
  # shellcheck disable=SC2086
  "$java" $opts -cp "$jar" io.github.nativeshm.bench.ipc.LatencyHarness "${latency[@]}" \
    --out "$results/latency.md" 2>&1 | tee "$results/latency.log" || echo "== the latency stage failed"

  load "before the throughput harness"
  # shellcheck disable=SC2086
  "$java" $opts -cp "$jar" io.github.nativeshm.bench.ipc.ThroughputHarness "${throughput[@]}" \
    --out "$results/throughput.md" 2>&1 | tee "$results/throughput.log" || echo "== the throughput stage failed"

  load "end"
  uptime_after=$(uptime)
  finished=$(date +%s)
  kill "$sampler" 2>/dev/null || true
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
  total=$(( (u1+n1+s1+i1+w1+q1+sq1+st1) - (u0+n0+s0+i0+w0+q0+sq0+st0) ))
  busy_pct=$(( total > 0 ? 100 * (total - (i1 - i0) - (w1 - w0)) / total : 0 ))
  steal_pct=$(( total > 0 ? 100 * (st1 - st0) / total : 0 ))
  load_summary=$(sort -n "$samples" | awk '{a[NR]=$1} END {if (NR) printf "min %s, median %s, max %s (%d samples, every 10 s)", a[1], a[int((NR+1)/2)], a[NR], NR; else print "n/a"}')

  # What the report needs, for --report-only later.
  {
    declare -p mode jmh latency throughput opts started built finished uptime_before uptime_after loads load_summary \
      busy_pct steal_pct
    echo "date_utc='$(date -u '+%Y-%m-%d %H:%M UTC')'"
    echo "cpu_model='$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)'"
    echo "cpus='$(nproc) cores$(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/{gsub(/^ +/,"",$2); print " (virtualised, " $2 ")"}')'"
    echo "memory='$(free -g | awk '/Mem:/{print $2 " GiB"}')'"
    echo "os='$(uname -sr), clock source $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)'"
    echo "jdk='$("$java" $opts -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/{printf "%s ", $2}' | sed 's/ $//')'"
    echo "gc='$("$java" $opts -XX:+PrintCommandLineFlags -version 2>&1 | grep -o -- '-XX:+Use[A-Za-z0-9]*GC' | head -1 | sed 's/-XX:+Use//' || true)'"
  } > "$info"
}

section() { # the file, or a note that the stage produced nothing
  if [[ -s "$1" ]]; then cat "$1"; else echo "_No results: this stage failed; see \`$2\` of the run._"; fi
}

report() {
  # shellcheck disable=SC1090
  source "$info"

  mkdir -p "$(dirname "$doc")"
  {
    cat <<HEADER
# native-shm benchmarks

First numbers for native-shm against its peers, all measured in the same run by
\`benchmarks/run.sh\` ($mode). The machine is a small shared VM: trust **medians and ratios**
between peers of the same run, not single timings, and expect a different machine to differ.

HEADER
    if [[ -s "$notes" ]]; then cat "$notes"; echo; fi
    cat <<HEADER
## Machine and run

| | |
| --- | --- |
| date | $date_utc |
| CPU | ${cpu_model:-unknown} — $cpus |
| memory | $memory |
| OS | $os |
| JDK | $jdk |
| JVM options | ${opts:-none} (GC: ${gc:-default}) |
| JMH settings | \`${jmh[*]}\` |
| harness settings | latency \`${latency[*]}\`; throughput \`${throughput[*]}\` |
| duration | $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s in all ($(( built - started )) s of build) |
| uptime before | \`${uptime_before# }\` |
| uptime after | \`${uptime_after# }\` |

Load during the run (1-minute load average): $load_summary. CPUs busy $busy_pct % of the
run, $steal_pct % stolen by the hypervisor. Load average (1, 5, 15 min) as each stage began:
$(IFS=';'; echo "${loads[*]}" | sed 's/;/; /g').

The benchmarks themselves keep both cores busy (the spinning peers, the JMH threads), so a
1-minute load of about 2 is this run alone; above that, other work on this shared machine
(other builds and tests) competed for the CPUs. That shows first in the tails (p99 and beyond,
where a spinning process lost its core), and in the spread of each row's per-round or
per-iteration values.

## How to reproduce

\`\`\`sh
benchmarks/run.sh                         # build, run everything, rewrite docs/benchmarks.md (~8-10 min)
benchmarks/run.sh --quick                 # smoke test (~2 min), into benchmarks/target/results/
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/run.sh   # another JDK
# or piecemeal, after ./mvnw -B -pl native-shm,benchmarks -am package -DskipTests:
java -jar benchmarks/target/benchmarks.jar StructRead -f 1 -wi 3 -i 5            # any JMH benchmark
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.ipc.LatencyHarness --peers ring,agrona,uds
java -cp benchmarks/target/benchmarks.jar io.github.nativeshm.bench.ipc.ThroughputHarness
\`\`\`

Raw output of the run: \`benchmarks/target/results/\` (JMH log and JSON, harness logs, one HdrHistogram
percentile distribution per round-trip peer, \`latency-*.hgrm\`).

## In-process (JMH)

HEADER
    section "$results/jmh.md" jmh.log
    cat <<'MIDDLE'

## Cross-process round trip (two JVMs, HdrHistogram)

The harness starts a second JVM (same JDK, JVM options and jar) per peer and round; the parent
sends message n and waits for n to come back, timing each round trip with `System.nanoTime()`.
Shared-memory peers busy-spin on both sides, their measuring threads pinned to one core each; the
sockets block in the kernel. The floor (one raw long each way) runs in the same two processes as
each shared-memory peer, alternating with it in blocks of 2,000 round trips: on this VM the cost
of moving a cache line between the two vCPUs changes 2-4× as the host moves them, and a floor
measured alongside sees the same placement, so **the ratio to the floor is the number to
compare**; absolute times move from round to round (see the per-round columns).

MIDDLE
    section "$results/latency.md" latency.log
    cat <<'MIDDLE'

## Cross-process one-way throughput (64-byte records)

This process writes as fast as the ring lets it; a second JVM reads (threads pinned to one core
each). The reader's rate counts the records it received between the first and the last timed
record. native-shm's ring is a broadcast ring whose writer never waits: a reader slower than the
writer is lapped and counts the records it lost. Agrona's ring has one consumer and back-pressure:
its writer waits, so writer and reader rates are equal.

MIDDLE
    section "$results/throughput.md" throughput.log
  } > "$doc.tmp"
  # The crawler's section comes from crawler/bench/run.sh: keep it.
  if [[ -f "$doc" ]] && grep -q '^## Crawler throughput' "$doc"; then
    { echo; sed -n '/^## Crawler throughput/,$p' "$doc"; } >> "$doc.tmp"
  fi
  mv "$doc.tmp" "$doc"
  echo "== wrote $doc (the run took $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s)"
}

if ! $report_only; then
  measure
fi
if [[ ! -s "$info" ]]; then
  echo "no results of a run in $results: run $0 without --report-only first" >&2
  exit 1
fi
report
