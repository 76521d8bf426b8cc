#!/usr/bin/env bash
# Recommendation for one player with 100,000 sounds (issue 5): public.recommend_with_penalty with the HNSW index
# against the same call with index scans off (an exact, sequential scan), latency p50 / p99 of each side by side in
# one run, and the recall of the index against the exact answer.
#
#   bash bench/engine/recommend.sh
#
# What it does: runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the port); drops and creates
# the database soundscape_bench_engine; migrates it (bench/Soundscape.Benchmarks.Engine migrate); inserts 100,000
# sounds with random non-zero 5-d embeddings and builds the migration's HNSW index over them; one online player with
# 300 plays in the last 3 hours; 500 random tastes. Then BENCH_ROUNDS alternating rounds (index, exact) of
# BENCH_QUERIES calls each, one client (pgbench -c 1, recommend.sql, per-call latencies from --log), connected as
# soundscape_service like the engine. The exact side runs with PGOPTIONS="-c enable_indexscan=off"; the script
# checks from pg_stat_user_indexes / pg_stat_user_tables that the index side scanned the HNSW index once per call
# and the exact side never did (a sequential scan of sounds per call instead). Recall: recall.sql for every taste,
# both ways; mean |index ∩ exact| / k for the raw nearest 40 and for the function's final top 3.
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_QUERIES (200 per round and side), BENCH_SOUNDS (100000),
# BENCH_TASTES (500), BENCH_PLAYS (300), BENCH_DB (soundscape_bench_engine), SOUNDSCAPE_DB_PORT (55432),
# BENCH_RESULTS (a file to copy the summary to).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=recommend
DB_NAME=${BENCH_DB:-soundscape_bench_engine}
ROUNDS=${BENCH_ROUNDS:-3}
QUERIES=${BENCH_QUERIES:-200}
SOUNDS=${BENCH_SOUNDS:-100000}
TASTES=${BENCH_TASTES:-500}
PLAYS=${BENCH_PLAYS:-300}
PLAYER=00000000-0000-4000-8000-0000000000b1
# shellcheck source=lib.sh
source "$HERE/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-recommend.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

ensure_database_server
[ -x "$PG_BIN/pgbench" ] || die "$PG_BIN/pgbench is missing (package postgresql-15)"
build_engine_bench "$WORK/build.log"
fresh_database
engine_bench migrate || die "migrate"

log "inserting $SOUNDS sounds, building the HNSW index, one player with $PLAYS plays, $TASTES tastes"
as_owner -d "$DB_NAME" -v sounds="$SOUNDS" -v plays="$PLAYS" -v tastes="$TASTES" -v player="$PLAYER" \
  -f "$HERE/recommend_setup.sql" >"$WORK/setup.txt"
INDEX_BUILD_MS=$(awk '/^Time:/ { print $2; exit }' "$WORK/setup.txt")
log "HNSW index built in $INDEX_BUILD_MS ms"

stats() { as_owner -d "$DB_NAME" -tAc "SELECT (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_sounds_embedding_hnsw'),
                                              (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'sounds')" | tr '|' ' '; }
# Statistics reach the shared counters when a backend ends: wait until two readings agree (bounded).
settled_stats() { local a b; a=$(stats); for _ in 1 2 3 4 5 6 7 8 9 10; do sleep 0.5; b=$(stats); [ "$a" = "$b" ] && break; a=$b; done; echo "$b"; }

# One round: prints p50 p99 (ms) idx_scan-delta seq_scan-delta
bench_round() { # variant seed
  local prefix="$WORK/log-$1-$2" opts="" before after
  [ "$1" = exact ] && opts="-c enable_indexscan=off"
  before=$(settled_stats)
  PGPASSWORD=soundscape_service_local PGOPTIONS="$opts" "$PG_BIN/pgbench" -h "$DB_HOST" -p "$DB_PORT" -U soundscape_service -d "$DB_NAME" \
    -n -M extended -c 1 -j 1 -t "$QUERIES" --random-seed="$2" -D tastes="$TASTES" -D player="$PLAYER" \
    -f "$HERE/recommend.sql" -l --log-prefix="$prefix" >"$WORK/pgbench-$1-$2.txt" 2>&1 \
    || { cat "$WORK/pgbench-$1-$2.txt" >&2; die "pgbench ($1)"; }
  after=$(settled_stats)
  cat "$prefix".* | awk '{ printf "%.3f\n", $3 / 1000 }' >"$WORK/ms-$1-$2.txt"
  [ "$(wc -l <"$WORK/ms-$1-$2.txt")" = "$QUERIES" ] || die "pgbench ($1) logged $(wc -l <"$WORK/ms-$1-$2.txt") calls, not $QUERIES"
  printf '%s %s %s\n' "$(pct "$WORK/ms-$1-$2.txt" 0.50)" "$(pct "$WORK/ms-$1-$2.txt" 0.99)" \
    "$(awk -v a="$before" -v b="$after" 'BEGIN { split(a, x, " "); split(b, y, " "); print y[1] - x[1], y[2] - x[2] }')"
}

log "warm-up: 20 calls each way (not counted)"
QUERIES_SAVED=$QUERIES; QUERIES=20
bench_round index 1 >/dev/null; bench_round exact 1 >/dev/null
QUERIES=$QUERIES_SAVED

: >"$WORK/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  seed=$((1000 + r))
  read -r i50 i99 i_idx i_seq <<<"$(bench_round index "$seed")"
  log "round $r/$ROUNDS index: p50 $i50 ms, p99 $i99 ms (HNSW scans +$i_idx, sequential scans of sounds +$i_seq)"
  read -r e50 e99 e_idx e_seq <<<"$(bench_round exact "$seed")"
  log "round $r/$ROUNDS exact: p50 $e50 ms, p99 $e99 ms (HNSW scans +$e_idx, sequential scans of sounds +$e_seq)"
  echo "$r $i50 $i99 $e50 $e99 $i_idx $i_seq $e_idx $e_seq" >>"$WORK/results.txt"
done

log "recall: nearest 40 and the function's top 3 for all $TASTES tastes, with the index and exact"
as_owner -d "$DB_NAME" -v variant=index -v player="$PLAYER" -f "$HERE/recall.sql"
PGOPTIONS="-c enable_indexscan=off" as_owner -d "$DB_NAME" -v variant=exact -v player="$PLAYER" -f "$HERE/recall.sql"
recall() { # k
  as_owner -d "$DB_NAME" -tAc "
    SELECT round(avg(hits)::numeric / $1, 4), min(hits), count(*) FILTER (WHERE hits = $1), count(*)
    FROM (SELECT e.n, count(i.id) AS hits
          FROM (SELECT DISTINCT n FROM bench_top${1}_exact) e
          LEFT JOIN bench_top${1}_exact x ON x.n = e.n
          LEFT JOIN bench_top${1}_index i ON i.n = x.n AND i.id = x.id
          GROUP BY e.n) per_taste" | tr '|' ' '
}
read -r R40 MIN40 FULL40 N40 <<<"$(recall 40)"
read -r R3 MIN3 FULL3 N3 <<<"$(recall 3)"
[ "$N40" = "$TASTES" ] && [ "$N3" = "$TASTES" ] || die "recall covered $N40 / $N3 tastes, not $TASTES"

# --- summary -------------------------------------------------------------------------------------------------
col() { awk -v c="$1" '{print $c}' "$WORK/results.txt" | median; }
{
  echo "recommend_with_penalty with $SOUNDS sounds, one client, $QUERIES calls per round and side, $(date -u +%Y-%m-%dT%H:%MZ)," \
    "$(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); HNSW index built in $INDEX_BUILD_MS ms"
  echo
  echo "| round | index p50 ms | index p99 ms | exact p50 ms | exact p99 ms | exact / index (p50) | HNSW scans (index / exact) | seq scans of sounds (index / exact) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r r i50 i99 e50 e99 i_idx i_seq e_idx e_seq; do
    printf '| %s | %s | %s | %s | %s | %.1f | %s / %s | %s / %s |\n' "$r" "$i50" "$i99" "$e50" "$e99" \
      "$(awk -v a="$e50" -v b="$i50" 'BEGIN { print a / b }')" "$i_idx" "$e_idx" "$i_seq" "$e_seq"
  done <"$WORK/results.txt"
  mi=$(col 2); me=$(col 4)
  printf '| **median** | **%s** | %s | **%s** | %s | **%.1f** | | |\n' "$mi" "$(col 3)" "$me" "$(col 5)" "$(awk -v a="$me" -v b="$mi" 'BEGIN { print a / b }')"
  echo
  echo "Recall of the index against the exact answer over $TASTES tastes: nearest 40 $R40 (worst taste $MIN40/40, all 40 for $FULL40);" \
    "the function's top 3 $R3 (worst $MIN3/3, all 3 for $FULL3)."
} >"$WORK/summary.md"
cat "$WORK/summary.md"
[ -z "${BENCH_RESULTS:-}" ] || cp "$WORK/summary.md" "$BENCH_RESULTS"
