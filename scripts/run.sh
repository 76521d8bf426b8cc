#!/usr/bin/env bash
# Sets everything up and runs Soundscape on its embedded default: the local PostgreSQL under .data/, the demo
# library, the API on http://127.0.0.1:5080 and one player agent for the demo player (check-in code DEMO), playing
# to the sound card when the machine has one, else into .data/agent/room.wav. Ctrl+C stops both.
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
dotnet build src/PlayerAgent -c Release -nologo -clp:ErrorsOnly
# The listener web app, served by the API from web/dist: rebuilt only when its sources changed.
web_build
# Host commands and the server run in the project's folder, as `dotnet run` would, with its appsettings.json.
api() { (cd "$ROOT/src/Api" && exec dotnet bin/Release/net10.0/Soundscape.Api.dll "$@"); }
# The demo library: synthesized on the first run, only checked afterwards.
Logging__LogLevel__Default=Warning api demo-library >&2
# The demo player and its device key (created on the first run, reused afterwards; only its owner may read it).
agent_dir=$DATA_DIR/agent
device_key_file=$agent_dir/device-key
Logging__LogLevel__Default=Warning api demo-player "$device_key_file" >&2

api_pid="" agent_pid=""
stop() {
  trap - EXIT INT TERM
  for pid in $agent_pid $api_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# In a subshell that becomes the server (exec), so that $! is the server's own pid.
(cd "$ROOT/src/Api" && exec dotnet bin/Release/net10.0/Soundscape.Api.dll --urls "$API_URL") &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$API_URL/health" 2>/dev/null && break
  kill -0 "$api_pid" 2>/dev/null || { log "the API stopped during start-up (its log is above)"; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null "$API_URL/health" || { log "the API did not become healthy at $API_URL/health"; exit 1; }

# The agent picks ALSA itself when the kernel lists a sound card (SoundCardProbe); otherwise it writes this file.
room_wav=$agent_dir/room.wav
if grep -qE '^ *[0-9]' /proc/asound/cards 2>/dev/null; then output="the sound card (ALSA)"; else output="$room_wav (a ring of two files: every 300 s it moves to room.1.wav and starts again; Agent__Output__MaxFileSeconds)"; fi
Agent__ServerUrl=$API_URL \
Agent__DeviceKey=$(cat "$device_key_file") \
Agent__CacheFolder=$agent_dir/cache \
Agent__JournalPath=$agent_dir/play-journal.jsonl \
Agent__Output__FilePath=$room_wav \
  bash -c 'cd "$1" && exec dotnet bin/Release/net10.0/Soundscape.PlayerAgent.dll' agent "$ROOT/src/PlayerAgent" &
agent_pid=$!

log "Soundscape API: $API_URL  (Swagger UI: $API_URL/swagger, health: $API_URL/health)"
log "Listener web app: $API_URL/  (the demo player's tag: $API_URL/p/DEMO)"
log "Player agent for the demo player (check-in code DEMO) is playing to $output; Ctrl+C stops both"
# Either one ending ends the run (the trap stops the other).
wait -n "$api_pid" "$agent_pid"
