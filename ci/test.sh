#!/usr/bin/env bash
#
# Copyright 2026 The native-shm authors
# SPDX-License-Identifier: Apache-2.0
#

# The GitHub Actions test step (Linux and Windows runners, under bash): README.md's test command,
# with the versions of the tools printed first so that a failure log says what ran.
set -euo pipefail
cd "$(dirname "$0")/.."
java -version
python3 --version || python --version
if [[ "${RUNNER_OS:-}" == "Windows" ]]; then
  # No wrk or Debian Chromium there: the load check skips itself, the browser tests are skipped here.
  ./mvnw.cmd -B verify -De2e.skip=true
else
  gcc --version | head -n 1
  ./mvnw -B verify
fi
