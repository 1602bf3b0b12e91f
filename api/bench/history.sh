#!/usr/bin/env bash
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

# The history database's benchmark (docs/benchmarks.md, "History database (issue 14)"):
#   api/bench/history.sh [h2|postgres] [items]      (default: both, 1,000,000 items)
# Builds the api's test classes, then runs io.github.nativeshm.api.history.HistoryBench, which
# starts the app without a crawler on a fresh data directory (or a PostgreSQL server of its own,
# as PostgresServer starts it for the tests) and prints its figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o -pl api -am test-compile dependency:build-classpath -Dexec.skip=true \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
classpath="api/target/test-classes:api/target/classes:$(cat api/target/bench.classpath)"
for database in ${1:-h2 postgres}; do
  java -Xmx2g -cp "$classpath" io.github.nativeshm.api.history.HistoryBench "$database" "${2:-1000000}"
done
