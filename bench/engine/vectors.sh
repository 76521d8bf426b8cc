#!/usr/bin/env bash
# The vector queries before and after a change of the vector mapping (issue 14: the hand-written converter, type
# mapping and <=> translation against Pgvector + Pgvector.EntityFrameworkCore), side by side in one run.
#
#   BENCH_BASELINE=<git revision> bash bench/engine/vectors.sh
#
# What it does: builds bench/Soundscape.Benchmarks.Engine twice (Release): from BENCH_BASELINE (git archive into a
# temporary folder) and from this working tree; creates the database soundscape_bench_vectors, migrates it, and seeds
# it with recommend_setup.sql (BENCH_SOUNDS sounds with random 5-d embeddings, the HNSW index, one player with plays,
# BENCH_TASTES tastes). Then BENCH_ROUNDS alternating rounds (baseline, current) of `vectors BENCH_QUERIES`, which
# times FindNearestSoundsQuery (LINQ <=> on the index), RecommendWithPenaltyAsync (a TasteVector as a SQL parameter)
# and a raw Npgsql read of 1,000 embeddings; prints the median over rounds of each side's per-round medians and the
# ratio current / baseline.
#
# Settings (environment): BENCH_BASELINE or BENCH_BASELINE_DLL (an engine bench already built from the baseline), BENCH_ROUNDS (3), BENCH_QUERIES (300), BENCH_SOUNDS (20000),
# BENCH_TASTES (500), BENCH_PLAYS (300), BENCH_DB (soundscape_bench_vectors), SOUNDSCAPE_DB_PORT (55432).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=vectors
DB_NAME=${BENCH_DB:-soundscape_bench_vectors}
ROUNDS=${BENCH_ROUNDS:-3}
QUERIES=${BENCH_QUERIES:-300}
SOUNDS=${BENCH_SOUNDS:-20000}
TASTES=${BENCH_TASTES:-500}
PLAYS=${BENCH_PLAYS:-300}
PLAYER=00000000-0000-4000-8000-0000000000b1
BASELINE=${BENCH_BASELINE:-}
BASE_DLL=${BENCH_BASELINE_DLL:-}
[ -n "$BASELINE$BASE_DLL" ] || { echo "set BENCH_BASELINE (a git revision) or BENCH_BASELINE_DLL (its built engine bench)" >&2; exit 2; }
# shellcheck source=lib.sh
source "$HERE/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-vectors.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

ensure_database_server
if [ -z "$BASE_DLL" ]; then
  log "building the baseline ($BASELINE)"
  mkdir -p "$WORK/baseline"
  (cd "$ROOT" && git archive "$BASELINE" | tar -x -C "$WORK/baseline")
  (cd "$WORK/baseline" && dotnet build bench/Soundscape.Benchmarks.Engine -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build-baseline.log" 2>&1) \
    || { tail -n 30 "$WORK/build-baseline.log" >&2; die "dotnet build (baseline)"; }
  BASE_DLL="$WORK/baseline/bench/Soundscape.Benchmarks.Engine/bin/Release/net10.0/Soundscape.Benchmarks.Engine.dll"
fi
build_engine_bench "$WORK/build.log"

fresh_database
engine_bench migrate || die "migrate"
log "inserting $SOUNDS sounds, the HNSW index, one player with $PLAYS plays, $TASTES tastes"
as_owner -d "$DB_NAME" -v sounds="$SOUNDS" -v plays="$PLAYS" -v tastes="$TASTES" -v player="$PLAYER" \
  -f "$HERE/recommend_setup.sql" >/dev/null

for r in $(seq 1 "$ROUNDS"); do
  for side in baseline current; do
    dll=$ENGINE_BENCH; [ "$side" = baseline ] && dll=$BASE_DLL
    ENGINE_BENCH=$dll engine_bench vectors "$QUERIES" | awk -v s="$side" '/^VECTORS/ { print s, $2, $4, $5 }' >>"$WORK/results"
    log "round $r $side done"
  done
done

printf '%-10s %14s %14s %8s\n' query "baseline ms" "current ms" ratio
for q in nearest recommend read; do
  b=$(awk -v q="$q" '$1 == "baseline" && $2 == q { print $3 }' "$WORK/results" | median)
  c=$(awk -v q="$q" '$1 == "current" && $2 == q { print $3 }' "$WORK/results" | median)
  printf '%-10s %14s %14s %8s\n' "$q" "$b" "$c" "$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.2f", c / b }')"
done
