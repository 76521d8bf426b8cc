#!/usr/bin/env bash
# A full tick (issue 5): one planning round for 1,000 online players with 20 listeners each, as the API's engine runs
# it: QueueEngine.PlanRoundAsync (ClaimPlanningRoundCommand, then PlanQueuesCommand per batch of
# Recommendation:PlanningBatchSize claimed players, each batch in its own service scope and transaction,
# Recommendation:PlanningConcurrency batches at once), driven by bench/Soundscape.Benchmarks.Engine with the
# API's services (AddApplication + AddInfrastructure, the service role, logging at Warning as in the other benchmarks).
#
#   bash bench/engine/tick.sh
#
# What it does: runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the port); drops and creates
# soundscape_bench_tick; migrates it; inserts 2,000 sounds, 20 public mixes, 1,000 online players, 20,000 listeners
# (auth.users + profiles with random unit tastes) with an active session at one of the players, 10 plays in the last
# 3 hours per player. Then 1 + BENCH_ROUNDS rounds in one process, each with a new round number: the first fills
# every (empty) queue and pays for JIT and connection pools, and is shown apart; the median and spread are over the
# others, where most queues keep their items (only explanations and the penalty's clock move). Fails unless every
# round planned every player. CPU: the engine process's (per round, from the process) and its PostgreSQL backends'
# (sampled from /proc for the whole run, all rounds).
#
# Settings (environment): BENCH_ROUNDS (5), BENCH_PLAYERS (1000), BENCH_LISTENERS (20 per player), BENCH_SOUNDS (2000),
# BENCH_CONCURRENCY (Recommendation__PlanningConcurrency; the API's default, 2, when unset), BENCH_BATCH
# (Recommendation__PlanningBatchSize; the API's default, 100, when unset), BENCH_DB
# (soundscape_bench_tick), SOUNDSCAPE_DB_PORT (55432), BENCH_RESULTS (a file to copy the summary to).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=tick
DB_NAME=${BENCH_DB:-soundscape_bench_tick}
ROUNDS=${BENCH_ROUNDS:-5}
PLAYERS=${BENCH_PLAYERS:-1000}
PER_PLAYER=${BENCH_LISTENERS:-20}
SOUNDS=${BENCH_SOUNDS:-2000}
# shellcheck source=lib.sh
source "$HERE/lib.sh"
[ -z "${BENCH_CONCURRENCY:-}" ] || export Recommendation__PlanningConcurrency="$BENCH_CONCURRENCY"
[ -z "${BENCH_BATCH:-}" ] || export Recommendation__PlanningBatchSize="$BENCH_BATCH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-tick.XXXXXX")
SAMPLER_PID=""
cleanup() { [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_database_server
build_engine_bench "$WORK/build.log"
fresh_database
engine_bench migrate || die "migrate"

log "inserting $SOUNDS sounds, $PLAYERS players, $((PLAYERS * PER_PLAYER)) listeners with sessions, plays"
as_owner -d "$DB_NAME" -v sounds="$SOUNDS" -v players="$PLAYERS" -v per_player="$PER_PLAYER" -v mixes=20 -v plays=10 \
  -f "$HERE/tick_setup.sql"

# CPU of the PostgreSQL backends serving the engine (service role on this database), sampled every 0.25 s.
TICK=$(getconf CLK_TCK)
backend_ticks() { for p in $(pgrep -f "^postgres: soundscape_service $DB_NAME " || true); do
  awk -v p="$p" '{ print p, $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true; done; }
( for _ in $(seq 1 2400); do backend_ticks; sleep 0.25; done ) >"$WORK/backend.samples" 2>/dev/null &
SAMPLER_PID=$!

# Online means a poll in the last 2 minutes: fresh now, and the run is far shorter.
as_owner -d "$DB_NAME" -c "UPDATE players SET last_poll_at = now()"
log "running 1 + $ROUNDS rounds (batches of ${Recommendation__PlanningBatchSize:-100 (default)}, ${Recommendation__PlanningConcurrency:-2 (default)} at once)"
engine_bench tick $((1 + ROUNDS)) | tee "$WORK/rounds.txt" >&2 || die "engine tick"
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
DB_CPU_S=$(awk -v tick="$TICK" '{ if ($2 > last[$1]) last[$1] = $2 } END { for (p in last) t += last[p]; printf "%.2f", t / tick }' "$WORK/backend.samples")

grep '^ROUND ' "$WORK/rounds.txt" >"$WORK/r.txt" || die "no ROUND lines"
[ "$(wc -l <"$WORK/r.txt")" = $((1 + ROUNDS)) ] || die "expected $((1 + ROUNDS)) rounds"
awk -v n="$PLAYERS" '$4 != n { bad = 1 } END { exit bad }' "$WORK/r.txt" || die "a round did not plan all $PLAYERS players"
QUEUED=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM player_queue")
PLANNED=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM players WHERE planned_round = $(awk 'END { print $3 }' "$WORK/r.txt")")
[ "$PLANNED" = "$PLAYERS" ] || die "only $PLANNED players carry the last round number"

# --- summary -------------------------------------------------------------------------------------------------
tail -n +2 "$WORK/r.txt" >"$WORK/measured.txt"
col() { awk -v c="$1" '{print $c}' "$WORK/measured.txt" | median; }
MED=$(col 5); MIN=$(awk '{print $5}' "$WORK/measured.txt" | sort -g | head -1); MAX=$(awk '{print $5}' "$WORK/measured.txt" | sort -g | tail -1)
TOTAL_PLANS=$(awk '{ s += $4 } END { print s }' "$WORK/r.txt")
{
  echo "One tick: $PLAYERS players x $PER_PLAYER listeners, $SOUNDS sounds, batches of ${Recommendation__PlanningBatchSize:-100}," \
    "${Recommendation__PlanningConcurrency:-2} at once," \
    "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "| round | players planned | queues changed | wall ms | engine CPU ms | ms per player (wall / players) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  awk -v n="$PLAYERS" '{ printf "| %s%s | %s | %s | %s | %s | %.2f |\n", $2, ($2 == 1 ? " (first: fills the queues)" : ""), $4, $7, $5, $6, $5 / n }' "$WORK/r.txt"
  printf '| **median of rounds 2–%s** | | | **%s** | %s | **%.2f** |\n' "$((1 + ROUNDS))" "$MED" "$(col 6)" "$(awk -v m="$MED" -v n="$PLAYERS" 'BEGIN { print m / n }')"
  echo
  echo "Spread of rounds 2–$((1 + ROUNDS)): $MIN–$MAX ms. PostgreSQL backends' CPU over all $((1 + ROUNDS)) rounds: $DB_CPU_S s" \
    "($(awk -v s="$DB_CPU_S" -v n="$TOTAL_PLANS" 'BEGIN { printf "%.2f", 1000 * s / n }') ms per plan). $QUEUED queue items," \
    "every player planned in every round."
  echo
  echo "Aim (a full tick under 2 s): $(awk -v m="$MED" 'BEGIN { print (m < 2000 ? "met" : "NOT met") }') (median $MED ms)."
} >"$WORK/summary.md"
cat "$WORK/summary.md"
[ -z "${BENCH_RESULTS:-}" ] || cp "$WORK/summary.md" "$BENCH_RESULTS"
