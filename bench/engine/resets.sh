#!/usr/bin/env bash
# The test-database reset (issue 14): Respawn 7 against the hand-written TRUNCATE it replaced, side by side in one
# run (bench/Soundscape.Benchmarks.Engine resets; see DatabaseResets.cs for what each side does).
#
#   bash bench/engine/resets.sh
#
# Settings (environment): BENCH_RESETS (200 of each), BENCH_DB (soundscape_bench_resets), SOUNDSCAPE_DB_PORT (55432),
# BENCH_NO_BUILD=1 to reuse the Release build of the engine bench.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=resets
DB_NAME=${BENCH_DB:-soundscape_bench_resets}
RESETS=${BENCH_RESETS:-200}
# shellcheck source=lib.sh
source "$HERE/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-resets.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

ensure_database_server
[ "${BENCH_NO_BUILD:-}" = 1 ] || build_engine_bench "$WORK/build.log"
fresh_database
engine_bench migrate || die "migrate"
engine_bench resets "$RESETS"
