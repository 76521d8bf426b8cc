#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine: PostgreSQL 15, pgvector (built from
# Debian's source package of the next release), audio tools, and the pinned dotnet tools.
# Idempotent: when everything is there it only checks and returns.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# chromium: Debian's browser, driven by the web app's Playwright tests (browsers are not downloaded).
APT_PACKAGES=(postgresql-$PG_VERSION postgresql-contrib ffmpeg sox chromium)
apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_update_once
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pgvector is not packaged for bookworm; the next release's source package builds against our server.
if [ ! -f "/usr/lib/postgresql/$PG_VERSION/lib/vector.so" ]; then
  src_list=/etc/apt/sources.list.d/soundscape-pgvector-src.sources
  if [ ! -f "$src_list" ]; then
    # Derive the entry from the machine's own Debian source so no mirror is named here.
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    if [ -z "$uri" ]; then
      uri=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    fi
    [ -n "$uri" ] || { log "cannot find the machine's Debian apt source to derive a deb-src entry from"; exit 1; }
    log "adding a deb-src entry for trixie (pgvector source only)"
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | $SUDO tee "$src_list" >/dev/null
    apt_updated=0
  fi
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    postgresql-server-dev-$PG_VERSION dpkg-dev make gcc >/dev/null
  build=$(mktemp -d)
  log "building pgvector from source in $build"
  chmod 777 "$build"
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1)
  src=$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  [ -n "$src" ] || { log "apt-get source pgvector produced nothing"; exit 1; }
  # OPTFLAGS="" avoids -march=native so the library does not depend on this CPU's extensions.
  make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config OPTFLAGS="" -j"$(nproc)" >/dev/null
  $SUDO make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config OPTFLAGS="" install >/dev/null
  rm -rf "$build"
  log "pgvector installed"
fi

# s3rver, an S3-compatible server from npm, lets the tests check the S3 audio store against the real protocol.
if [ ! -x "$ROOT/tools/s3rver/node_modules/.bin/s3rver" ]; then
  if ! command -v npm >/dev/null; then
    apt_update_once
    log "installing nodejs and npm"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  log "installing s3rver (tools/s3rver) for the S3 store tests"
  (cd "$ROOT/tools/s3rver" && npm ci --silent --no-audit --no-fund >/dev/null)
fi

# The listener web app's packages (web/), from its committed lockfile; skipped when the lockfile is unchanged.
command -v npm >/dev/null || { apt_update_once; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
web_npm_ci

command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet on PATH)"; exit 1; }
(cd "$ROOT" && dotnet tool restore >/dev/null)
