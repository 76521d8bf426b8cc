#!/usr/bin/env bash
# Sets everything up and runs Soundscape on its embedded default: the local PostgreSQL under
# .data/ and the API on http://127.0.0.1:5080 (Ctrl+C stops it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/db.sh"
cd "$ROOT"
# A signing key of this checkout's own, kept under .data/ so tokens survive a restart (never committed).
key_file=$DATA_DIR/jwt-signing-key
if [ -z "${Auth__Jwt__SigningKey:-}" ]; then
  [ -s "$key_file" ] || (umask 077 && head -c 48 /dev/urandom | base64 -w0 > "$key_file")
  export Auth__Jwt__SigningKey=$(cat "$key_file")
fi
dotnet build src/Api -c Release -nologo -clp:ErrorsOnly
# The demo library: synthesized on the first run, only checked afterwards.
Logging__LogLevel__Default=Warning dotnet run --project src/Api -c Release --no-build --no-launch-profile -- demo-library >&2
log "Soundscape API: $API_URL  (Swagger UI: $API_URL/swagger, health: $API_URL/health)"
exec dotnet run --project src/Api -c Release --no-build --no-launch-profile --urls "$API_URL"
