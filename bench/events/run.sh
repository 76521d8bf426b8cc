#!/usr/bin/env bash
# Live updates (issue 12): BENCH_STREAMS (2000) room event streams open on one API instance; the time from a queue
# change to its event arriving at every stream (p50/p99, aim <= 1 s) and the API's memory per open stream (RSS with
# all streams open minus RSS with none, divided by the streams; aim <= 20 KB).
#
#   bash bench/events/run.sh
#
# What it does: runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the port); drops and creates
# soundscape_bench_events; builds the API and bench/Soundscape.Benchmarks.Events (Release); starts the API's dll itself
# (so its RSS is the app's) on a loopback port with the production defaults, the tick off and logging at Warning;
# inserts one player as the owner. The client then opens the streams (20 first, unmeasured, to warm up), reads the
# API's VmRSS with none and with all open, and makes BENCH_CHANGES queue changes BENCH_INTERVAL_MS apart in the
# database (players.queue_version + 1, as the engine's re-plan does; the trigger moves room_version and NOTIFYs),
# timing each from just before its UPDATE to its event at every stream. The client and the API share the machine.
# The run fails if a stream misses an event (5 s) or breaks. The API is stopped and temporary files removed on exit.
#
# Settings (environment): BENCH_STREAMS (2000), BENCH_CHANGES (20), BENCH_INTERVAL_MS (1000), BENCH_API_PORT (5184),
# BENCH_DB (soundscape_bench_events), SOUNDSCAPE_DB_PORT (55432), BENCH_RESULTS (a file to copy the summary to),
# BENCH_API_DLL (another build of the API to measure, e.g. a copy of an older bin/Release/net10.0, for a side-by-side run).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=events
DB_NAME=${BENCH_DB:-soundscape_bench_events}
STREAMS=${BENCH_STREAMS:-2000}
CHANGES=${BENCH_CHANGES:-20}
INTERVAL_MS=${BENCH_INTERVAL_MS:-1000}
API_PORT=${BENCH_API_PORT:-5184}
API_URL=http://127.0.0.1:$API_PORT
# shellcheck source=../engine/lib.sh
source "$HERE/../engine/lib.sh"
DRIVER="$ROOT/bench/Soundscape.Benchmarks.Events/bin/Release/net10.0/Soundscape.Benchmarks.Events.dll"
API_DLL=${BENCH_API_DLL:-"$ROOT/src/Api/bin/Release/net10.0/Soundscape.Api.dll"}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-events.XXXXXX")
API_PID=""
cleanup() {
  local rc=$?
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$API_PID" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ -f "$WORK/api.log" ]; then log "last lines of the API's log:"; tail -n 20 "$WORK/api.log" >&2 || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in curl awk; do command -v "$tool" >/dev/null || die "$tool is required"; done
# Each stream is a socket on both sides (client and API are separate processes, but keep room for both).
ulimit -n "$(( STREAMS * 2 + 1024 ))" 2>/dev/null || log "could not raise the open-file limit to $(( STREAMS * 2 + 1024 )): $(ulimit -n)"

ensure_database_server
fresh_database

if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
if [ -n "${BENCH_API_DLL:-}" ]; then log "building the client (Release); the API in BENCH_API_DLL is run as it is"; else log "building the API and the client (Release)"; fi
(cd "$ROOT" && dotnet build bench/Soundscape.Benchmarks.Events -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1 \
  && { [ -n "${BENCH_API_DLL:-}" ] || dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >>"$WORK/build.log" 2>&1; }) \
  || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build"; }
[ -f "$API_DLL" ] || die "no API at $API_DLL"

log "starting the API on $API_URL"
(cd "$ROOT" && exec env \
  ConnectionStrings__Soundscape="$(conn soundscape_app)" \
  ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
  ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
  Auth__Jwt__SigningKey="bench-events-signing-key-not-a-secret-0123456789" \
  Database__MigrateOnStartup=true \
  Recommendation__Engine__Enabled=false \
  ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
  dotnet "$API_DLL" --urls "$API_URL") >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_for_api "$API_PID"

PLAYER=$(as_owner -d "$DB_NAME" -tA <<'SQL'
INSERT INTO players (id, name, checkin_code, device_key_hash, status)
VALUES (gen_random_uuid(), 'Events bench room', 'events-bench', 'not-a-device-key-hash', 'online')
RETURNING id;
SQL
)
PLAYER=$(printf '%s' "$PLAYER" | head -n 1)
[ -n "$PLAYER" ] || die "no player inserted"

{
  echo "Live updates: $STREAMS room event streams on one API, $CHANGES queue changes ${INTERVAL_MS} ms apart, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
} >"$WORK/summary.txt"
log "opening $STREAMS streams, then $CHANGES queue changes"
dotnet "$DRIVER" "$API_URL" "$PLAYER" "$(conn soundscape_owner)" "$API_PID" "$STREAMS" "$CHANGES" "$INTERVAL_MS" | tee -a "$WORK/summary.txt"
echo
cat "$WORK/summary.txt"
if [ -n "${BENCH_RESULTS:-}" ]; then cp "$WORK/summary.txt" "$BENCH_RESULTS"; log "summary copied to $BENCH_RESULTS"; fi
