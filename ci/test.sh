#!/usr/bin/env bash
# The GitHub Actions test step (Linux and Windows runners, under bash): README.md's test command,
# with the versions of the tools printed first so that a failure log says what ran.
set -euo pipefail
cd "$(dirname "$0")/.."
java -version
python3 --version || python --version
if [[ "${RUNNER_OS:-}" == "Windows" ]]; then
  ./mvnw.cmd -B verify
else
  gcc --version | head -n 1
  ./mvnw -B verify
fi
