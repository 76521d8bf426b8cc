#!/usr/bin/env bash
# Sets everything up and runs Soundscape on its embedded default: the local PostgreSQL under
# .data/ and the API on http://127.0.0.1:5080 (Ctrl+C stops it).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/db.sh"
cd "$ROOT"
dotnet build src/Api -c Release -nologo -clp:ErrorsOnly
log "Soundscape API: $API_URL  (Swagger UI: $API_URL/swagger, health: $API_URL/health)"
exec dotnet run --project src/Api -c Release --no-build --no-launch-profile --urls "$API_URL"
