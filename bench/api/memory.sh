#!/usr/bin/env bash
# The API's memory after a load burst (issue 11): RSS idle, under load and 60 s after, for several GC settings side
# by side in one run, loopback only.
#
#   bash bench/api/memory.sh
#
# For each setting: starts the API (Release, the built dll itself so its RSS is the app's) on a loopback port
# against a fresh database soundscape_bench_memory with 300 sounds; waits BENCH_IDLE_SECONDS and reads VmRSS
# ("idle"); runs wrk (BENCH_CONCURRENCY connections for BENCH_LOAD_SECONDS, so the load ends by itself) on
# GET /api/sounds?pageSize=100 while sampling VmRSS every 0.5 s ("peak"); then reads VmRSS BENCH_AFTER_SECONDS later
# ("after"); stops the API. Prints one line per setting and the ratio after/idle.
#
# Settings are GC environment variables (they override the API's runtimeconfig), so "before" reproduces the GC the
# API had before this change whatever the project file now says. BENCH_CONFIGS lists them (names below).
# Other settings (environment): BENCH_IDLE_SECONDS (10), BENCH_LOAD_SECONDS (20), BENCH_AFTER_SECONDS (60),
# BENCH_CONCURRENCY (64), BENCH_API_PORT (5190), SOUNDSCAPE_DB_PORT (55432).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../engine" && pwd)
NAME=api-memory
DB_NAME=soundscape_bench_memory
# shellcheck source=../engine/lib.sh
source "$HERE/lib.sh"
API_PORT=${BENCH_API_PORT:-5190}
API_URL=http://127.0.0.1:$API_PORT
IDLE=${BENCH_IDLE_SECONDS:-10}
LOAD=${BENCH_LOAD_SECONDS:-20}
AFTER=${BENCH_AFTER_SECONDS:-60}
CONCURRENCY=${BENCH_CONCURRENCY:-64}
CONFIGS=${BENCH_CONFIGS:-before workstation server-conserve}
API_DLL="$ROOT/src/Api/bin/Release/net10.0/Soundscape.Api.dll"

# name → GC environment
gc_env() {
  case "$1" in
    before) echo "DOTNET_gcServer=1 DOTNET_gcConcurrent=1 DOTNET_GCConserveMemory=0" ;;          # the Web SDK's default: Server GC (DATAS on in .NET 10)
    server-nodatas) echo "DOTNET_gcServer=1 DOTNET_gcConcurrent=1 DOTNET_GCDynamicAdaptationMode=0 DOTNET_GCConserveMemory=0" ;;
    server-conserve) echo "DOTNET_gcServer=1 DOTNET_gcConcurrent=1 DOTNET_GCConserveMemory=7" ;;
    workstation) echo "DOTNET_gcServer=0 DOTNET_gcConcurrent=1 DOTNET_GCConserveMemory=0" ;;
    shipped) echo "" ;;                                                                             # whatever the project file says
    *) die "unknown setting $1" ;;
  esac
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-memory.XXXXXX")
API_PID=""
stop_api() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$API_PID" 2>/dev/null || true
  fi
  API_PID=""
}
cleanup() { local rc=$?; stop_api; rm -rf "$WORK"; exit "$rc"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
ensure_database_server
fresh_database
log "building the API (Release)"
(cd "$ROOT" && dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1) \
  || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build"; }
if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi

rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$API_PID/status"; }

start_api() { # setting
  # shellcheck disable=SC2046
  (cd "$ROOT" && exec env $(gc_env "$1") \
    ConnectionStrings__Soundscape="$(conn soundscape_app)" \
    ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
    ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
    Auth__Jwt__SigningKey="bench-memory-signing-key-not-a-secret-0123456789" \
    Database__MigrateOnStartup=true \
    Recommendation__Engine__Enabled=false \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
    dotnet "$API_DLL" --urls "$API_URL") >"$WORK/api-$1.log" 2>&1 &
  API_PID=$!
  wait_for_api "$API_PID"
}

seeded=""
printf '%-16s %9s %9s %9s %9s %8s %12s\n' setting idle_MiB peak_MiB after_MiB low_MiB after/idle requests/s > "$WORK/results"
for setting in $CONFIGS; do
  log "setting '$setting': $(gc_env "$setting")"
  start_api "$setting"
  if [ -z "$seeded" ]; then
    as_owner -d "$DB_NAME" -c "INSERT INTO sounds (id, title, artist, type, file_path, content_hash, duration, created_at)
      SELECT gen_random_uuid(), 'sound ' || i, 'bench', 'soundscape', 'sounds/' || i || '.wav', md5(i::text) || md5((i + 1)::text), 60, now()
      FROM generate_series(1, 300) i"
    seeded=yes
  fi
  curl -sf -o /dev/null "$API_URL/api/sounds?pageSize=100" || die "GET /api/sounds failed"
  sleep "$IDLE"
  idle=$(rss_mib)
  wrk -t2 -c"$CONCURRENCY" -d"${LOAD}s" --timeout 10s "$API_URL/api/sounds?pageSize=100" >"$WORK/wrk-$setting.txt" &
  wrk_pid=$!
  peak=$idle
  while kill -0 "$wrk_pid" 2>/dev/null; do r=$(rss_mib); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.5; done
  wait "$wrk_pid"
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk-$setting.txt")
  low=$peak
  for _ in $(seq 1 "$((AFTER * 2))"); do r=$(rss_mib); [ "$r" -lt "$low" ] && low=$r; sleep 0.5; done
  after=$(rss_mib)
  printf '%-16s %9s %9s %9s %9s %8.2f %12s\n' "$setting" "$idle" "$peak" "$after" "$low" "$(echo "$after / $idle" | bc -l)" "$rps" >> "$WORK/results"
  stop_api
done
cat "$WORK/results"
