#!/usr/bin/env bash
# Device polls per second on the 304 path (issue 5): GET /api/device/queue with Authorization: Device <key> and
# If-None-Match: "<current version>", answered from the in-process version cache, beside GET /ping (204, no
# database, no authentication) on the same API process in the same run, alternating rounds.
#
#   bash bench/engine/polls.sh
#
# What it does: installs wrk when missing; runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the
# port); drops and creates soundscape_bench_polls; builds and starts the API (Release, logging at Warning, the tick
# off) on a loopback port, which migrates the database; inserts one online player whose device_key_hash is the
# lower-case hex SHA-256 of a known key; one GET /api/device/queue (200) gives the ETag, a second with If-None-Match
# must answer 304. Then BENCH_ROUNDS alternating rounds (poll, bare) of wrk -t2 -cBENCH_CONNECTIONS -dBENCH_SECONDS
# --latency with poll.lua, which fails the run on any unexpected status or socket error. For each round it reads
# pg_stat_database.xact_commit + xact_rollback of the benchmark database before and after: the 304 path should add
# no transaction. The API is stopped and temporary files removed on exit; every load ends by itself (-d).
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (5), BENCH_CONNECTIONS (64),
# BENCH_API_PORT (5181), BENCH_DB (soundscape_bench_polls), SOUNDSCAPE_DB_PORT (55432), BENCH_RESULTS.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=polls
DB_NAME=${BENCH_DB:-soundscape_bench_polls}
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_ROUND=${BENCH_SECONDS:-15}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
API_PORT=${BENCH_API_PORT:-5181}
API_URL=http://127.0.0.1:$API_PORT
PLAYER=00000000-0000-4000-8000-0000000000c1
# shellcheck source=lib.sh
source "$HERE/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-polls.XXXXXX")
API_PID=""
cleanup() {
  local rc=$?
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API (process group $API_PID)"
    # setsid made the API its own process group: this reaches dotnet and nothing else.
    kill -TERM -- "-$API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$API_PID" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ -f "$WORK/api.log" ]; then log "last lines of the API's log:"; tail -n 20 "$WORK/api.log" >&2 || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null; }
fi
for tool in curl awk sort sha256sum; do command -v "$tool" >/dev/null || die "$tool is required"; done

ensure_database_server
fresh_database

if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
log "building the API (Release)"
(cd "$ROOT" && dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1) \
  || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build"; }
log "starting the API on $API_URL (tick off, logging at Warning)"
(
  cd "$ROOT"
  exec env \
    ConnectionStrings__Soundscape="$(conn soundscape_app)" \
    ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
    ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
    Auth__Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" \
    Database__MigrateOnStartup=true \
    Recommendation__Engine__Enabled=false \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
    setsid dotnet run --project src/Api -c Release --no-build --no-launch-profile --urls "$API_URL"
) >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_for_api "$API_PID"
log "API healthy (migrated $DB_NAME)"

# --- the player ------------------------------------------------------------------------------------------------
KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
as_owner -d "$DB_NAME" -c "INSERT INTO players (id, name, checkin_code, device_key_hash, status, last_poll_at)
  VALUES ('$PLAYER', 'Bench poll player', 'bench-polls', '$HASH', 'online', now())"
AUTH="Device $KEY"
code=$(curl -s -D "$WORK/headers.txt" -o "$WORK/queue.json" -w '%{http_code}' --max-time 10 -H "Authorization: $AUTH" "$API_URL/api/device/queue")
[ "$code" = 200 ] || die "GET /api/device/queue answered $code: $(cat "$WORK/queue.json")"
ETAG=$(awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }' "$WORK/headers.txt")
[ -n "$ETAG" ] || die "no ETag on GET /api/device/queue"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: $AUTH" -H "If-None-Match: $ETAG" "$API_URL/api/device/queue")
[ "$code" = 304 ] || die "GET /api/device/queue with If-None-Match: $ETAG answered $code, not 304"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$API_URL/ping")
[ "$code" = 204 ] || die "GET /ping answered $code, not 204"
log "device queue version $ETAG; 304 and 204 answered"

# --- rounds ----------------------------------------------------------------------------------------------------
xacts() { as_owner -d postgres -tAc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB_NAME'"; }
# Statistics reach the shared counters at transaction end or within a second: read until two readings agree.
settled_xacts() { local a b; a=$(xacts); for _ in 1 2 3 4 5 6; do sleep 1; b=$(xacts); [ "$a" = "$b" ] && break; a=$b; done; echo "$b"; }

# Prints: requests/s p50 p99 transactions-in-the-database-during-the-round
load_round() { # kind seconds label
  local out="$WORK/wrk-$3.txt" before after
  before=$(settled_xacts)
  if [ "$1" = poll ]; then
    wrk -t2 -c"$CONNECTIONS" -d"${2}s" --timeout 10s --latency -s "$HERE/poll.lua" "$API_URL" -- /api/device/queue 304 "$AUTH" "$ETAG" >"$out" 2>"$WORK/wrk-$3.err" \
      || { cat "$out" "$WORK/wrk-$3.err" >&2; die "wrk ($3)"; }
  else
    wrk -t2 -c"$CONNECTIONS" -d"${2}s" --timeout 10s --latency -s "$HERE/poll.lua" "$API_URL" -- /ping 204 >"$out" 2>"$WORK/wrk-$3.err" \
      || { cat "$out" "$WORK/wrk-$3.err" >&2; die "wrk ($3)"; }
  fi
  after=$(settled_xacts)
  local bad sock
  bad=$(awk '$1 == "BENCH" && $2 == "unexpected" {print $3}' "$out")
  sock=$(awk '$1 == "BENCH" && $2 == "socket_errors" {print $3, $4, $5, $6}' "$out")
  [ -n "$bad" ] || { cat "$out" >&2; die "wrk ($3) printed no summary"; }
  if [ "$bad" != 0 ] || [ "$sock" != "connect=0 read=0 write=0 timeout=0" ]; then
    cat "$out" "$WORK/wrk-$3.err" >&2; die "round $3: $bad unexpected responses ($(awk '$2 == "statuses" {print $3}' "$out")); socket errors: $sock"
  fi
  printf '%s %s %s %s\n' "$(awk '$2 == "per_s" {print $3}' "$out")" "$(awk '$2 == "p50_ms" {print $3}' "$out")" \
    "$(awk '$2 == "p99_ms" {print $3}' "$out")" "$((after - before))"
}

log "warm-up: ${WARMUP_SECONDS} s of each (not counted)"
load_round poll "$WARMUP_SECONDS" warm-poll >/dev/null
load_round bare "$WARMUP_SECONDS" warm-bare >/dev/null
: >"$WORK/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  read -r p_rate p_50 p_99 p_x <<<"$(load_round poll "$SECONDS_PER_ROUND" "poll$r")"
  log "round $r/$ROUNDS poll (304): $p_rate/s, p50 $p_50 ms, p99 $p_99 ms, $p_x database transactions"
  read -r b_rate b_50 b_99 b_x <<<"$(load_round bare "$SECONDS_PER_ROUND" "bare$r")"
  log "round $r/$ROUNDS bare (/ping): $b_rate/s, p50 $b_50 ms, p99 $b_99 ms, $b_x database transactions"
  echo "$r $p_rate $p_50 $p_99 $p_x $b_rate $b_50 $b_99 $b_x" >>"$WORK/results.txt"
done

# --- summary ---------------------------------------------------------------------------------------------------
col() { awk -v c="$1" '{print $c}' "$WORK/results.txt" | median; }
{
  echo "Device polls on the 304 path vs GET /ping, wrk -t2 -c$CONNECTIONS, ${SECONDS_PER_ROUND} s rounds, $(date -u +%Y-%m-%dT%H:%MZ)," \
    "$(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "| round | poll 304/s | poll p50 ms | poll p99 ms | DB transactions | /ping 204/s | /ping p50 ms | /ping p99 ms | DB transactions | poll / bare |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r r p_rate p_50 p_99 p_x b_rate b_50 b_99 b_x; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.3f |\n' "$r" "$p_rate" "$p_50" "$p_99" "$p_x" "$b_rate" "$b_50" "$b_99" "$b_x" \
      "$(awk -v a="$p_rate" -v b="$b_rate" 'BEGIN { print a / b }')"
  done <"$WORK/results.txt"
  mp=$(col 2); mb=$(col 6)
  printf '| **median** | **%s** | %s | %s | | **%s** | %s | %s | | **%.3f** |\n' "$mp" "$(col 3)" "$(col 4)" "$mb" "$(col 7)" "$(col 8)" \
    "$(awk -v a="$mp" -v b="$mb" 'BEGIN { print a / b }')"
  echo
  echo "Aim (at least 5,000 polls/s on the 304 path): $(awk -v m="$mp" 'BEGIN { print (m >= 5000 ? "met" : "NOT met") }') (median $mp/s)." \
    "Every poll answered 304 and every ping 204, no socket errors."
} >"$WORK/summary.md"
cat "$WORK/summary.md"
[ -z "${BENCH_RESULTS:-}" ] || cp "$WORK/summary.md" "$BENCH_RESULTS"
