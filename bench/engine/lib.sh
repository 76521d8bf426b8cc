# Shared by bench/engine/*.sh (sourced, not run): tools, the local PostgreSQL, a fresh database, helpers.
# Expects HERE (bench/engine), NAME (for log lines) and DB_NAME set by the caller.
ROOT=$(cd "$HERE/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
DB_HOST=127.0.0.1
DB_PORT=${SOUNDSCAPE_DB_PORT:-55432}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\033[1m[bench/engine/%s]\033[0m %s\n' "$NAME" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# Waits until the API started as <pid> answers 200 on $API_URL/health (fails if it exits or takes over 120 s).
wait_for_api() {
  for i in $(seq 1 120); do
    kill -0 "$1" 2>/dev/null || die "the API exited during start-up"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API_URL/health" || true)" = 200 ] && return 0
    [ "$i" = 120 ] && die "the API's /health did not answer 200 within 120 s"
    sleep 1
  done
}

case "$DB_NAME" in soundscape|postgres|template0|template1) die "refusing to drop database $DB_NAME";; esac

conn() { echo "Host=$DB_HOST;Port=$DB_PORT;Database=$DB_NAME;Username=$1;Password=$1_local"; }
as_owner() { PGPASSWORD=soundscape_owner_local PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
  psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U soundscape_owner "$@"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Percentile (nearest rank) of a file of numbers, one a line: pct FILE 0.99
pct() { sort -g "$1" | awk -v q="$2" '{ v[NR] = $1 } END { i = int(NR * q + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'; }

# setup.sh is idempotent (installs PostgreSQL 15 + pgvector + dotnet tools when missing). db.sh would start a
# cluster under this checkout's .data/: only when nothing answers on the port (a cluster from another
# checkout of the project may already be running there).
ensure_database_server() {
  bash "$ROOT/scripts/setup.sh"
  if ! "$PG_BIN/pg_isready" -q -h "$DB_HOST" -p "$DB_PORT"; then
    log "no PostgreSQL on $DB_HOST:$DB_PORT: starting the project's own cluster"
    bash "$ROOT/scripts/db.sh"
  fi
}

# Drops and creates DB_NAME (as soundscape_owner, from template1, which has pgvector).
fresh_database() {
  log "creating database $DB_NAME"
  as_owner -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME" -c "CREATE DATABASE $DB_NAME TEMPLATE template1"
}

ENGINE_BENCH="$ROOT/bench/Soundscape.Benchmarks.Engine/bin/Release/net10.0/Soundscape.Benchmarks.Engine.dll"
build_engine_bench() { # log file
  log "building bench/Soundscape.Benchmarks.Engine (Release; builds the API too)"
  (cd "$ROOT" && dotnet build bench/Soundscape.Benchmarks.Engine -c Release -nologo -clp:ErrorsOnly -v quiet >"$1" 2>&1) \
    || { tail -n 30 "$1" >&2; die "dotnet build"; }
}

# Runs the engine console with the API's settings against DB_NAME: engine_bench migrate | tick <rounds> …
engine_bench() {
  env ConnectionStrings__Soundscape="$(conn soundscape_app)" \
      ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)" \
      ConnectionStrings__SoundscapeService="$(conn soundscape_service)" \
      Auth__Jwt__SigningKey="bench-engine-signing-key-not-a-secret-0123456789" \
      Logging__LogLevel__Default=Warning \
      dotnet "$ENGINE_BENCH" "$@"
}
