#!/usr/bin/env bash
# Regenerates the typed API client's input: web/openapi.json (the API's OpenAPI document, pretty-printed) and
# web/src/api/schema.d.ts (openapi-typescript). Run it after changing the API's endpoints or DTOs.
# The document comes from the API's `openapi <file>` host command (needs no database or server), or, with
# SOUNDSCAPE_API_URL set, from a running API's /swagger/v1/swagger.json.
set -euo pipefail
WEB=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(dirname "$WEB")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

if [ -n "${SOUNDSCAPE_API_URL:-}" ]; then
  curl -fsS "$SOUNDSCAPE_API_URL/swagger/v1/swagger.json" -o "$tmp"
else
  dotnet build "$ROOT/src/Api" -c Release -nologo -clp:ErrorsOnly >&2
  (cd "$ROOT/src/Api" && Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Soundscape.Api.dll openapi "$tmp")
fi
# One stable layout so the committed copy diffs cleanly (the API's functional test compares normalised JSON).
node -e 'const fs=require("fs");const [src,dst]=process.argv.slice(1);fs.writeFileSync(dst,JSON.stringify(JSON.parse(fs.readFileSync(src,"utf8")),null,2)+"\n")' "$tmp" "$WEB/openapi.json"
[ -d "$WEB/node_modules" ] || (cd "$WEB" && npm ci --no-audit --no-fund)
(cd "$WEB" && node node_modules/openapi-typescript/bin/cli.js openapi.json -o src/api/schema.d.ts)
echo "web/openapi.json and web/src/api/schema.d.ts regenerated" >&2
