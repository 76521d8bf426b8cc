#!/usr/bin/env bash
# Votes per second: POST /api/votes through the API (wrk) against the same transaction issued directly as
# SQL (pgbench, vote.sql) as the ceiling, side by side in one run, at the same concurrency (issue 3).
#
#   bash bench/votes/run.sh
#
# What it does: makes sure wrk and the local PostgreSQL are there; drops and creates the database
# soundscape_bench; starts the API (Release) on a loopback port against it; signs up 32 listeners through the
# API and inserts 200 sounds with random non-zero embeddings as the owner; then alternates rounds
# (API, SQL) x BENCH_ROUNDS and prints votes/s, p50 and p99 per round and their medians, and the ratio
# API / SQL. The API is stopped and the temporary files removed on exit. Every load ends by itself (-d / -T).
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS (20 per round), BENCH_WARMUP_SECONDS (5),
# BENCH_CONCURRENCY (32), BENCH_API_PORT (5180), BENCH_DB (soundscape_bench), SOUNDSCAPE_DB_PORT (55432),
# BENCH_RESULTS (a file to copy the summary to), BENCH_API_DB_OPTIONS (appended to the API's app-role
# connection string, for experiments such as "No Reset On Close=true"; empty for the recorded figures).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
DB_HOST=127.0.0.1
DB_PORT=${SOUNDSCAPE_DB_PORT:-55432}
DB_NAME=${BENCH_DB:-soundscape_bench}
API_PORT=${BENCH_API_PORT:-5180}
API_URL=http://127.0.0.1:$API_PORT
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_ROUND=${BENCH_SECONDS:-20}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
USERS=32
SOUNDS=200
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\033[1m[bench/votes]\033[0m %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

case "$DB_NAME" in soundscape|postgres|template0|template1) die "refusing to drop database $DB_NAME";; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-votes.XXXXXX")
API_PID=""
cleanup() {
  local rc=$?
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API (process group $API_PID)"
    # setsid made the API its own process group: this reaches dotnet run and the app it started, nothing else.
    kill -TERM -- "-$API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$API_PID" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ -f "$WORK/api.log" ]; then
    log "last lines of the API's log:"; tail -n 20 "$WORK/api.log" >&2 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------------------
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }
fi
for tool in curl awk sort; do command -v "$tool" >/dev/null || die "$tool is required"; done

# --- database ------------------------------------------------------------------------------------------------
# setup.sh is idempotent (installs PostgreSQL 15 + pgvector + dotnet tools when missing). db.sh would start a
# cluster under this checkout's .data/: only when nothing answers on the port (a cluster from another
# checkout of the project may already be running there).
bash "$ROOT/scripts/setup.sh"
[ -x "$PG_BIN/pgbench" ] || die "$PG_BIN/pgbench is missing (package postgresql-15)"
if ! "$PG_BIN/pg_isready" -q -h "$DB_HOST" -p "$DB_PORT"; then
  log "no PostgreSQL on $DB_HOST:$DB_PORT: starting the project's own cluster"
  bash "$ROOT/scripts/db.sh"
fi

conn() { echo "Host=$DB_HOST;Port=$DB_PORT;Database=$DB_NAME;Username=$1;Password=$1_local"; }
API_DB_OPTIONS=${BENCH_API_DB_OPTIONS:-}
app_conn() { local c; c=$(conn soundscape_app); echo "$c${API_DB_OPTIONS:+;$API_DB_OPTIONS}"; }
as_owner() { PGPASSWORD=soundscape_owner_local PGOPTIONS="-c client_min_messages=warning" \
  psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U soundscape_owner "$@"; }

log "creating database $DB_NAME (as soundscape_owner, from template1)"
as_owner -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME TEMPLATE template1"

# --- API -----------------------------------------------------------------------------------------------------
if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
log "building the API (Release)"
(cd "$ROOT" && dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1) \
  || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build"; }

log "starting the API on $API_URL (logging at Warning: no per-request lines)"
SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
(
  cd "$ROOT"
  # Names with dots cannot be bash assignments: env passes them as they are. Every listener signs up from
  # loopback, so the per-address limit on anonymous writes is lifted for this run.
  exec env \
    ConnectionStrings__Soundscape="$(app_conn)" \
    ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
    ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
    Auth__Jwt__SigningKey="$SIGNING_KEY" \
    Database__MigrateOnStartup=true \
    RateLimiting__PerAddress__PermitLimit=1000000 RateLimiting__PerAddress__Burst=1000000 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
    setsid dotnet run --project src/Api -c Release --no-build --no-launch-profile --urls "$API_URL"
) >"$WORK/api.log" 2>&1 &
API_PID=$!

for i in $(seq 1 120); do
  kill -0 "$API_PID" 2>/dev/null || die "the API exited during start-up"
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API_URL/health" || true)" = 200 ] && break
  [ "$i" = 120 ] && die "the API's /health did not answer 200 within 120 s"
  sleep 1
done
log "API healthy (migrated $DB_NAME)"

# --- data ----------------------------------------------------------------------------------------------------
log "signing up $USERS listeners through the API"
: >"$WORK/tokens.txt"; : >"$WORK/users.csv"
RUN_TAG=$(date +%s)
for n in $(seq 1 "$USERS"); do
  body="{\"email\":\"listener$n-$RUN_TAG@bench.soundscape.test\",\"password\":\"bench-password-$n\",\"displayName\":\"Bench listener $n\"}"
  out=$(curl -s --max-time 30 -w '\n%{http_code}' -X POST "$API_URL/api/auth/signup" -H 'Content-Type: application/json' -d "$body")
  code=${out##*$'\n'}; json=${out%$'\n'*}
  [ "$code" = 201 ] || die "signup $n answered $code: $json"
  token=$(printf '%s' "$json" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  user=$(printf '%s' "$json" | sed -n 's/.*"userId":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] && [ -n "$user" ] || die "signup $n: no token or user id in $json"
  printf '%s\n' "$token" >>"$WORK/tokens.txt"
  printf '%d,%s\n' "$n" "$user" >>"$WORK/users.csv"
done

log "inserting $SOUNDS sounds with random non-zero embeddings (as the owner) and the pgbench lookup tables"
as_owner -d "$DB_NAME" -v sounds="$SOUNDS" <<SQL
INSERT INTO sounds (id, title, file_path, embedding, content_hash)
SELECT gen_random_uuid(), 'Bench sound ' || g, 'bench/sound-' || g || '.wav',
       -- Each component in ±[0.05, 1]: never the zero vector, so every vote learns.
       ('[' || array_to_string(ARRAY(
           SELECT round(((0.05 + random() * 0.95) * CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)::numeric, 4)
           FROM generate_series(1, 5) WHERE g IS NOT NULL), ',') || ']')::vector(5),
       encode(sha256(convert_to('soundscape-bench-sound-' || g, 'UTF8')), 'hex')
FROM generate_series(1, :sounds) AS g;

CREATE TABLE bench_users (n int PRIMARY KEY, id uuid NOT NULL);
CREATE TABLE bench_sounds (n int PRIMARY KEY, id uuid NOT NULL);
\copy bench_users FROM '$WORK/users.csv' WITH (FORMAT csv)
INSERT INTO bench_sounds SELECT row_number() OVER (ORDER BY id), id FROM sounds;
GRANT SELECT ON bench_users, bench_sounds TO soundscape_app;
ANALYZE sounds, profiles, bench_users, bench_sounds;
SQL
as_owner -d "$DB_NAME" -tAc "SELECT id FROM bench_sounds ORDER BY n" >"$WORK/sounds.txt"
[ "$(wc -l <"$WORK/sounds.txt")" = "$SOUNDS" ] || die "expected $SOUNDS sound ids"
[ "$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM profiles p JOIN bench_users b USING (id)")" = "$USERS" ] \
  || die "not every listener has a profile"

# --- rounds --------------------------------------------------------------------------------------------------
THREADS=2
TICK=$(getconf CLK_TCK)

# CPU accounting, to tell where a vote's time goes whatever else runs on the machine: CPU ticks (utime + stime
# from /proc) of the API's processes, of the PostgreSQL backends serving soundscape_app on this database (found
# by their process titles), and of the load generator (bash's time). Backends that come and go within a round
# (pgbench's) are sampled every 0.25 s; the last reading of each counts.
proc_ticks() { for p in "$@"; do awk -v p="$p" '{ print p, $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true; done; }
backend_pids() { pgrep -f "^postgres: soundscape_app $DB_NAME " || true; }
SAMPLER_PID=""
cpu_begin() { # label
  proc_ticks $(backend_pids) >"$WORK/cpu-$1.before"
  : >"$WORK/cpu-$1.samples"
  ( for _ in $(seq 1 $(( (SECONDS_PER_ROUND + 30) * 4 ))); do proc_ticks $(backend_pids) >>"$WORK/cpu-$1.samples"; sleep 0.25; done ) >/dev/null 2>&1 &
  SAMPLER_PID=$!
}
cpu_end() { # label -> CPU seconds of the backends during the round
  proc_ticks $(backend_pids) >>"$WORK/cpu-$1.samples"
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true
  awk -v tick="$TICK" 'FNR == NR { before[$1] = $2; next } { if ($2 > last[$1]) last[$1] = $2 }
       END { for (p in last) t += last[p] - (p in before ? before[p] : 0); printf "%.3f", t / tick }' \
    "$WORK/cpu-$1.before" "$WORK/cpu-$1.samples"
}
api_ticks() { proc_ticks $(pgrep -g "$API_PID" || true) | awk '{ t += $2 } END { print t + 0 }'; }
per_vote_ms() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? 1000 * s / n : 0) }'; }

# wrk: prints BENCH lines (see vote.lua). Fails on any non-201 or socket error.
# Prints: votes/s p50 p99 api-cpu-ms/vote backend-cpu-ms/vote wrk-cpu-ms/vote
api_round() { # seconds label
  local out="$WORK/wrk-$2.txt" a0 a1 db gen
  cpu_begin "$2"; a0=$(api_ticks)
  { TIMEFORMAT='%3U %3S'; time wrk -t"$THREADS" -c"$CONCURRENCY" -d"${1}s" --timeout 10s --latency -s "$HERE/vote.lua" "$API_URL" \
      -- "$WORK/tokens.txt" "$WORK/sounds.txt" >"$out" 2>"$WORK/wrk-$2.err"; } 2>"$WORK/time-$2" \
    || { cat "$out" "$WORK/wrk-$2.err" >&2; die "wrk ($2)"; }
  a1=$(api_ticks); db=$(cpu_end "$2")
  local bad sock ok
  bad=$(awk '$1 == "BENCH" && $2 == "non201" {print $3}' "$out")
  ok=$(awk '$1 == "BENCH" && $2 == "ok201" {print $3}' "$out")
  sock=$(awk '$1 == "BENCH" && $2 == "socket_errors" {print $3, $4, $5, $6}' "$out")
  [ -n "$bad" ] || { cat "$out" >&2; die "wrk ($2) printed no summary"; }
  if [ "$bad" != 0 ] || [ "$sock" != "connect=0 read=0 write=0 timeout=0" ]; then
    cat "$out" "$WORK/wrk-$2.err" >&2
    die "API round $2: $bad responses were not 201 ($(awk '$2 == "statuses" {print $3}' "$out")); socket errors: $sock"
  fi
  gen=$(awk '{ print $1 + $2 }' "$WORK/time-$2")
  printf '%s %s %s %s %s %s\n' \
    "$(awk '$2 == "votes_per_s" {print $3}' "$out")" "$(awk '$2 == "p50_ms" {print $3}' "$out")" "$(awk '$2 == "p99_ms" {print $3}' "$out")" \
    "$(per_vote_ms "$(awk -v a="$a0" -v b="$a1" -v t="$TICK" 'BEGIN { print (b - a) / t }')" "$ok")" \
    "$(per_vote_ms "$db" "$ok")" "$(per_vote_ms "$gen" "$ok")"
}

# pgbench: votes/s from its tps line, p50 / p99 from the per-transaction logs (-l, microseconds in column 3).
# Prints: votes/s p50 p99 backend-cpu-ms/vote pgbench-cpu-ms/vote
sql_round() { # seconds label
  local out="$WORK/pgbench-$2.txt" prefix="$WORK/pgbench-$2-log" db gen
  cpu_begin "$2"
  { TIMEFORMAT='%3U %3S'; time PGPASSWORD=soundscape_app_local "$PG_BIN/pgbench" -h "$DB_HOST" -p "$DB_PORT" -U soundscape_app -d "$DB_NAME" \
      -n -M extended -c "$CONCURRENCY" -j "$THREADS" -T "$1" -f "$HERE/vote.sql" -l --log-prefix="$prefix" >"$out" 2>&1; } 2>"$WORK/time-$2" \
    || { cat "$out" >&2; die "pgbench ($2)"; }
  db=$(cpu_end "$2")
  local tps failed n
  tps=$(awk '/^tps = / {print $3; exit}' "$out")
  failed=$(awk '/number of failed transactions:/ {print $5}' "$out")
  n=$(awk '/number of transactions actually processed:/ {print $6}' "$out")
  [ -n "$tps" ] && [ -n "$n" ] || { cat "$out" >&2; die "pgbench ($2) printed no tps"; }
  [ "${failed:-0}" = 0 ] || { cat "$out" >&2; die "pgbench ($2): $failed failed transactions"; }
  cat "$prefix".* | awk '{print $3}' | sort -n >"$WORK/pgbench-$2-us.txt"
  gen=$(awk '{ print $1 + $2 }' "$WORK/time-$2")
  printf '%.1f %s %s %s\n' "$tps" "$(awk '
      { v[NR] = $1 }
      END { i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1;
            printf "%.2f %.2f", v[i50] / 1000, v[i99] / 1000 }' "$WORK/pgbench-$2-us.txt")" \
    "$(per_vote_ms "$db" "$n")" "$(per_vote_ms "$gen" "$n")"
  rm -f "$prefix".*
}

log "warm-up: ${WARMUP_SECONDS} s of each (not counted)"
api_round "$WARMUP_SECONDS" warmup >/dev/null
sql_round "$WARMUP_SECONDS" warmup >/dev/null

: >"$WORK/results.txt"; : >"$WORK/cpu.txt"
for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS: API (wrk -t$THREADS -c$CONCURRENCY, ${SECONDS_PER_ROUND} s)"
  res=$(api_round "$SECONDS_PER_ROUND" "api$r"); read -r a_rate a_p50 a_p99 a_app a_db a_gen <<<"$res"
  log "  API: $a_rate votes/s, p50 $a_p50 ms, p99 $a_p99 ms; CPU ms/vote: API $a_app, PostgreSQL $a_db, wrk $a_gen"
  log "round $r/$ROUNDS: SQL (pgbench -c$CONCURRENCY -j$THREADS, ${SECONDS_PER_ROUND} s)"
  res=$(sql_round "$SECONDS_PER_ROUND" "sql$r"); read -r s_rate s_p50 s_p99 s_db s_gen <<<"$res"
  log "  SQL: $s_rate votes/s, p50 $s_p50 ms, p99 $s_p99 ms; CPU ms/vote: PostgreSQL $s_db, pgbench $s_gen"
  echo "$r $a_rate $a_p50 $a_p99 $s_rate $s_p50 $s_p99" >>"$WORK/results.txt"
  echo "$r $a_app $a_db $a_gen $s_db $s_gen" >>"$WORK/cpu.txt"
done

votes=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM votes")
counted=$(as_owner -d "$DB_NAME" -tAc "SELECT sum(vote_count) FROM profiles")
[ "$votes" = "$counted" ] || die "votes ($votes) and the profiles' vote_count sum ($counted) disagree"

# --- summary -------------------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" '{print $c}' "${2:-$WORK/results.txt}" | median; }
{
  echo "Votes per second, concurrency $CONCURRENCY, ${SECONDS_PER_ROUND} s rounds, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
    "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  [ -z "$API_DB_OPTIONS" ] || echo "EXPERIMENT: the API's connection string had \"$API_DB_OPTIONS\" added."
  echo
  echo "| round | API votes/s | API p50 ms | API p99 ms | SQL votes/s | SQL p50 ms | SQL p99 ms | API / SQL |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r r a50 a_p50 a_p99 s50 s_p50 s_p99; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %.3f |\n' "$r" "$a50" "$a_p50" "$a_p99" "$s50" "$s_p50" "$s_p99" \
      "$(awk -v a="$a50" -v s="$s50" 'BEGIN { print a / s }')"
  done <"$WORK/results.txt"
  ma=$(col 2); ms=$(col 5)
  printf '| **median** | **%s** | %s | %s | **%s** | %s | %s | **%.3f** |\n' "$ma" "$(col 3)" "$(col 4)" "$ms" "$(col 6)" "$(col 7)" \
    "$(awk -v a="$ma" -v s="$ms" 'BEGIN { print a / s }')"
  echo
  echo "Ratio of medians API / SQL: $(awk -v a="$ma" -v s="$ms" 'BEGIN { printf "%.3f", a / s }') (aim: >= 0.500):" \
    "$(awk -v a="$ma" -v s="$ms" 'BEGIN { print (a / s >= 0.5 ? "met" : "NOT met") }')."
  echo
  echo "CPU milliseconds per vote (all cores; /proc utime + stime):"
  echo
  echo "| round | API process | its PostgreSQL backends | wrk | SQL: PostgreSQL backends | pgbench |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  while read -r r c1 c2 c3 c4 c5; do echo "| $r | $c1 | $c2 | $c3 | $c4 | $c5 |"; done <"$WORK/cpu.txt"
  echo "| **median** | **$(col 2 "$WORK/cpu.txt")** | $(col 3 "$WORK/cpu.txt") | $(col 4 "$WORK/cpu.txt") | **$(col 5 "$WORK/cpu.txt")** | $(col 6 "$WORK/cpu.txt") |"
  echo
  echo "Every API response was 201; pgbench had no failed transactions; $votes votes stored, matching the profiles' vote_count."
} >"$WORK/summary.md"
cat "$WORK/summary.md"
[ -z "${BENCH_RESULTS:-}" ] || cp "$WORK/summary.md" "$BENCH_RESULTS"
