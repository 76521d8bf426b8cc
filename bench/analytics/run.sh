#!/usr/bin/env bash
# Room analytics queries (issue 13) on a generated year: 100 players x 20 plays an hour (17.5 M plays), 4.4 M votes,
# 1.75 M sessions and 5.3 M recorded tastes (generate.sql, one INSERT ... SELECT generate_series per table).
#
#   SOUNDSCAPE_DB_PORT=55432 bash bench/analytics/run.sh
#
# Creates the database soundscape_bench_analytics (dropped first unless BENCH_KEEP_DATA=1 and it is already
# filled), migrates it with the engine bench's "migrate", generates the data, then runs each query with pgbench as
# soundscape_app (row-level security on; the caller is an admin, set through PGOPTIONS the way the API's interceptor
# sets it) for a random player and a random 7- or 30-day period of the year, one client, BENCH_SECONDS (20) each,
# and prints p50 and p95 in ms from pgbench's per-transaction log. The queries are those the API sends:
# room_analytics_summary, room_analytics_sounds and the bucketed taste (1 h buckets for 7 days, 6 h for 30).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../engine" && pwd)
OWN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=analytics
DB_NAME=${BENCH_DB:-soundscape_bench_analytics}
SECONDS_PER_QUERY=${BENCH_SECONDS:-20}
PLAYERS=100
source "$HERE/lib.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-analytics.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

ensure_database_server
filled=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM players" 2>/dev/null || echo 0)
if [ "${BENCH_KEEP_DATA:-0}" = 1 ] && [ "$filled" = "$PLAYERS" ]; then
  log "keeping the data in $DB_NAME"
else
  fresh_database
  build_engine_bench "$WORK/build.log"
  engine_bench migrate >"$WORK/migrate.log" 2>&1 || { tail -n 30 "$WORK/migrate.log" >&2; die "migrate"; }
  log "generating a year of data (this takes a while)"
  start=$(date +%s)
  as_owner -d "$DB_NAME" -v players=$PLAYERS -f "$OWN/generate.sql"
  log "generated in $(( $(date +%s) - start )) s"
fi
as_owner -d "$DB_NAME" -tAc "SELECT 'rows: play_history ' || (SELECT count(*) FROM play_history) || ', votes ' || (SELECT count(*) FROM votes)
  || ', sessions ' || (SELECT count(*) FROM sessions) || ', room_taste_history ' || (SELECT count(*) FROM room_taste_history)" >&2

ADMIN=$(as_owner -d "$DB_NAME" -tAc "SELECT md5('bench-user-2001')::uuid")
printf '%-8s %-7s %8s %8s %6s\n' query period p50_ms p95_ms n
for days in 7 30; do
  bucket=$([ "$days" = 7 ] && echo 3600 || echo 21600)
  for query in summary sounds taste; do
    rm -f "$WORK"/pgbench_log.*
    (cd "$WORK" && PGPASSWORD=soundscape_app_local PGOPTIONS="-c request.jwt.claim.sub=$ADMIN" \
      "$PG_BIN/pgbench" -n -h "$DB_HOST" -p "$DB_PORT" -U soundscape_app -c 1 -T "$SECONDS_PER_QUERY" \
        -D days="$days" -D bucket="$bucket" -f "$OWN/$query.sql" -l "$DB_NAME" >"$WORK/pgbench.out" 2>&1) \
      || { cat "$WORK/pgbench.out" >&2; die "pgbench $query"; }
    awk '{ print $3 / 1000 }' "$WORK"/pgbench_log.* >"$WORK/latencies"
    printf '%-8s %-7s %8.1f %8.1f %6d\n' "$query" "${days}d" "$(pct "$WORK/latencies" 0.5)" "$(pct "$WORK/latencies" 0.95)" "$(wc -l <"$WORK/latencies")"
  done
done
