#!/usr/bin/env bash
# Sets everything up (system packages, pgvector, the local cluster) and runs the whole test suite.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"
# Tests always use the project's own cluster, even when the app is pointed at an external database.
ConnectionStrings__Soundscape="" bash "$ROOT/scripts/db.sh"
cd "$ROOT"
dotnet build Soundscape.sln -c Release -nologo -clp:ErrorsOnly
# Test projects run one after another: they share the machine's two cores and one PostgreSQL.
mkdir -p "$DATA_DIR"
results=$DATA_DIR/test-output.log
set +e
dotnet test Soundscape.sln -c Release --no-build -nologo -m:1 "$@" 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
# The listener web app: component tests (Vitest), then the browser tests (Playwright in Debian's Chromium) against
# the built API, web/dist, PostgreSQL and a PlayerAgent; their counts join the closing line below.
rm -rf web/test-results
web_build 2>&1 | tee -a "$results" || status=1
(cd web && npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-report.json) 2>&1 | tee -a "$results"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
(cd web && npx playwright test) 2>&1 | tee -a "$results"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
node web/scripts/summary.mjs | tee -a "$results"
set -e
# One closing line over all test projects, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { v = $(i+1); gsub(/,/, "", v); if ($i == "Failed:") f += v; if ($i == "Passed:") p += v }
     }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$results"
exit "$status"
