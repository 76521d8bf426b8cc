# Shared settings for the project's scripts. Sourced, never run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
DATA_DIR=$ROOT/.data
PG_DATA=$DATA_DIR/pg
PG_SOCKET_DIR=$DATA_DIR/run
PG_LOG=$DATA_DIR/postgres.log
PG_PORT=${SOUNDSCAPE_DB_PORT:-55432}
export SOUNDSCAPE_DB_PORT=$PG_PORT
API_URL=${SOUNDSCAPE_API_URL:-http://127.0.0.1:5080}
# `dotnet run --project` starts the app in the project's folder, so the audio store's folder is given absolutely.
export Audio__Store__Path=${Audio__Store__Path:-$ROOT/.audio}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\033[1m[soundscape]\033[0m %s\n' "$*" >&2; }

# PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' OS user.
pg_os_user() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# An external database (for example Supabase) is used when a connection string is configured.
external_database() { [ -n "${ConnectionStrings__Soundscape:-}" ]; }

# The listener web app (web/): its dependencies from the committed lockfile, and its build when sources changed.
WEB_DIR=$ROOT/web
web_npm_ci() {
  local stamp=$WEB_DIR/node_modules/.soundscape-lock.sha256
  local want; want=$(sha256sum "$WEB_DIR/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing the web app's packages (npm ci in web/)"
    (cd "$WEB_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
}
web_build() {
  web_npm_ci
  local stamp=$WEB_DIR/dist/.sources.sha256 want
  want=$(cd "$WEB_DIR" && find src public index.html package-lock.json vite.config.ts tsconfig.json scripts/check-size.mjs -type f \
    ! -name '*.test.ts' ! -name '*.test.tsx' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "building the web app (web/dist)"
    (cd "$WEB_DIR" && npm run --silent build)
    echo "$want" > "$stamp"
  fi
}
