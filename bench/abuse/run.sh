#!/usr/bin/env bash
# Abuse (issue 11): POST /api/auth/token flooded from loopback while a listener votes, beside quiet rounds of the
# same votes, in one run. Shows that the rate limits hold (how many token requests got 429, how many reached a
# password check) and the listener's vote latency (p50/p99) under the flood against the quiet rounds.
#
#   bash bench/abuse/run.sh
#
# What it does: runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the port); drops and creates
# soundscape_bench_abuse; builds the API and bench/Soundscape.Benchmarks.Abuse (Release); starts the API on a
# loopback port with the production defaults for rate limits (RateLimiting:PerAddress 30 a minute in
# bursts of at most 5, RateLimiting:PerAccount 10 a minute in bursts of at most 3, RateLimiting:PasswordHashing one
# hash at a time on 2 cores), the tick off and logging at Warning; signs up one listener through the API and
# inserts 50 sounds as the owner. The driver then alternates BENCH_ROUNDS pairs of rounds of BENCH_SECONDS each:
# quiet (the listener votes at BENCH_VOTE_RATE a second, open loop) and flood (the same votes while token requests for
# unknown e-mails, each a password hash if it got through, are sent at BENCH_FLOOD_RATE a second over
# BENCH_FLOOD_CONNECTIONS connections, at most BENCH_FLOOD_MAX a round). With BENCH_UNPROTECTED=1 (the default) it
# then restarts the API with the limits lifted and runs one pair more, for contrast. Every load ends by itself; the
# API is stopped and the temporary files removed on exit. The run fails if a vote fails.
#
# Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS (15), BENCH_VOTE_RATE (20), BENCH_FLOOD_RATE (400),
# BENCH_FLOOD_CONNECTIONS (32), BENCH_FLOOD_MAX (20000), BENCH_UNPROTECTED (1), BENCH_API_PORT (5183),
# BENCH_DB (soundscape_bench_abuse), SOUNDSCAPE_DB_PORT (55432), BENCH_RESULTS (a file to copy the summary to).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=abuse
DB_NAME=${BENCH_DB:-soundscape_bench_abuse}
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_ROUND=${BENCH_SECONDS:-15}
VOTE_RATE=${BENCH_VOTE_RATE:-20}
FLOOD_RATE=${BENCH_FLOOD_RATE:-400}
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-32}
FLOOD_MAX=${BENCH_FLOOD_MAX:-20000}
UNPROTECTED=${BENCH_UNPROTECTED:-1}
API_PORT=${BENCH_API_PORT:-5183}
API_URL=http://127.0.0.1:$API_PORT
SOUNDS=50
# lib.sh finds the checkout from HERE (two levels up), so it serves this folder too.
# shellcheck source=../engine/lib.sh
source "$HERE/../engine/lib.sh"
DRIVER="$ROOT/bench/Soundscape.Benchmarks.Abuse/bin/Release/net10.0/Soundscape.Benchmarks.Abuse.dll"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-abuse.XXXXXX")
API_PID=""
stop_api() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API (process group $API_PID)"
    # setsid made the API its own process group: this reaches dotnet and nothing else.
    kill -TERM -- "-$API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$API_PID" 2>/dev/null || true
  fi
  API_PID=""
}
cleanup() {
  local rc=$?
  stop_api
  if [ "$rc" != 0 ] && [ -f "$WORK/api.log" ]; then log "last lines of the API's log:"; tail -n 20 "$WORK/api.log" >&2 || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in curl awk sed; do command -v "$tool" >/dev/null || die "$tool is required"; done

ensure_database_server
fresh_database

if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
log "building the API and the load driver (Release)"
(cd "$ROOT" && dotnet build bench/Soundscape.Benchmarks.Abuse -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1 \
  && dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >>"$WORK/build.log" 2>&1) \
  || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build"; }

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
# start_api [NAME=VALUE ...]: the API on API_URL with these settings on top of the defaults.
start_api() {
  log "starting the API on $API_URL ($*)"
  (
    cd "$ROOT"
    exec env \
      ConnectionStrings__Soundscape="$(conn soundscape_app)" \
      ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
      ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
      Auth__Jwt__SigningKey="$SIGNING_KEY" \
      Database__MigrateOnStartup=true \
      Recommendation__Engine__Enabled=false \
      ASPNETCORE_ENVIRONMENT=Production \
      Logging__LogLevel__Default=Warning \
      Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning \
      "$@" \
      setsid dotnet run --project src/Api -c Release --no-build --no-launch-profile --urls "$API_URL"
  ) >>"$WORK/api.log" 2>&1 &
  API_PID=$!
  wait_for_api "$API_PID"
}

start_api "RateLimiting__PerAddress__PermitLimit=30" "RateLimiting__PerAddress__Burst=5"

log "signing up the listener and inserting $SOUNDS sounds"
out=$(curl -s --max-time 30 -w '\n%{http_code}' -X POST "$API_URL/api/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"voter@bench.soundscape.test","password":"bench-voter-password","displayName":"Voter"}')
code=${out##*$'\n'}; json=${out%$'\n'*}
[ "$code" = 201 ] || die "signup answered $code: $json"
printf '%s' "$json" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' >"$WORK/token.txt"
[ -s "$WORK/token.txt" ] || die "no token in $json"
as_owner -d "$DB_NAME" -v sounds="$SOUNDS" <<'SQL'
INSERT INTO sounds (id, title, file_path, embedding, content_hash)
SELECT gen_random_uuid(), 'Abuse bench sound ' || g, 'bench/abuse-' || g || '.wav',
       ('[' || (0.1 + (g % 5) * 0.2) || ',0.5,' || (1.0 - (g % 7) * 0.1) || ',0.3,0.2]')::vector(5),
       encode(sha256(convert_to('soundscape-abuse-bench-' || g, 'UTF8')), 'hex')
FROM generate_series(1, :sounds) AS g;
SQL
as_owner -d "$DB_NAME" -tAc "SELECT id FROM sounds ORDER BY title" >"$WORK/sounds.txt"

drive() { # rounds label
  dotnet "$DRIVER" "$API_URL" "$WORK/token.txt" "$WORK/sounds.txt" "$1" "$SECONDS_PER_ROUND" "$VOTE_RATE" \
    "$FLOOD_RATE" "$FLOOD_CONNECTIONS" "$FLOOD_MAX" "$2" | tee -a "$WORK/summary.txt"
}
{
  echo "Abuse: token flood beside a voting listener, ${SECONDS_PER_ROUND} s rounds, votes ${VOTE_RATE}/s, flood ${FLOOD_RATE}/s over ${FLOOD_CONNECTIONS} connections (at most ${FLOOD_MAX} a round), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
} >"$WORK/summary.txt"
log "rate limits on (production defaults): $ROUNDS x (quiet, flood)"
drive "$ROUNDS" "limits on"
if [ "$UNPROTECTED" = 1 ]; then
  stop_api
  start_api "RateLimiting__PerAddress__PermitLimit=100000000" "RateLimiting__PerAddress__Burst=100000000" \
    "RateLimiting__PerAccount__PermitLimit=100000000" "RateLimiting__PerAccount__Burst=100000000" \
    "RateLimiting__PasswordHashing__Concurrency=100000"
  log "rate limits lifted, for contrast: 1 x (quiet, flood)"
  echo >>"$WORK/summary.txt"
  # Votes may fail here (time out): that is what the limits prevent, so it does not fail the run.
  drive 1 "limits lifted" || log "votes failed with the limits lifted (expected: that is the contrast)"
fi

echo
cat "$WORK/summary.txt"
if [ -n "${BENCH_RESULTS:-}" ]; then cp "$WORK/summary.txt" "$BENCH_RESULTS"; log "summary copied to $BENCH_RESULTS"; fi
