#!/usr/bin/env bash
# Memory of the real PlayerAgent process while it plays a 16-layer mix served by the real API over the real
# database (issue 6, item 8).
#
#   bash bench/agent/memory.sh   (SOUNDSCAPE_DB_PORT=<port> for another cluster)
#
# What it does: runs scripts/setup.sh (and scripts/db.sh only when nothing answers on the port); drops and creates
# soundscape_bench_agent_memory; builds the API and the PlayerAgent (Release); starts the API (the tick off, logging
# at Warning, audio stored under a temporary folder) on a loopback port, which migrates the database; imports 16
# sounds with real audio: the 12 demo tracks (`demo-library` host command: 40–90 s, 44.1 kHz stereo PCM16, so
# they are resampled to the engine's 48 kHz) and 4 tracks synthesized by sox (`import` host command: 30–50 s,
# 48 kHz stereo PCM16); inserts a listener (the mix's creator), a public mix of those 16 sounds (every layer looping,
# volumes 0.05–0.35, start delays 0–3.75 s, duration 10 min) and a player whose device_key_hash is the SHA-256 of a
# known key. Then it starts the agent (Release build, `dotnet Soundscape.PlayerAgent.dll`, Output Null, paced in
# real time, cache and journal under the temporary folder, the Soundscape.PlayerAgent.Memory log at Debug) with an
# empty queue and samples /proc/<pid>/status (VmRSS, VmHWM) and /proc/<pid>/stat (CPU time) every BENCH_INTERVAL
# seconds: BENCH_IDLE_SECONDS while idle, then it puts the mix at the head of the player's queue the way the
# engine does (insert into player_queue, bump players.queue_version and pg_notify('soundscape_queue', …) in one
# transaction), waits for the agent's "Playing '…'" line (fails after BENCH_START_TIMEOUT seconds), and samples
# BENCH_PLAY_SECONDS while the mix plays. The agent's own Debug line gives the managed heap once a second. At the
# end it checks that play_history holds the mix's start (reported by the agent through the API) and that the agent
# is still running; the API and the agent are stopped (process groups) and the temporary folder removed on exit.
#
# BENCH_AGENT_BIN=<path> runs that binary instead (the packaged, self-contained apphost; bench/agent/footprint.sh
# unpacks it from dist/), with the environment in BENCH_AGENT_ENV (space-separated NAME=value, e.g. the unit's
# DOTNET_* settings). With BENCH_PLAY_SECONDS of 600 or more, the summary also compares RSS in minute 4–5 with the
# last minute. BENCH_WARM_RESTART=1 then stops the agent and starts it again on the same (warm) cache and state, with
# the mix still at the head of the queue, and reports the time from the start of the process to its "Playing" line.
#
# Settings (environment): BENCH_IDLE_SECONDS (20), BENCH_PLAY_SECONDS (60), BENCH_INTERVAL (0.5),
# BENCH_START_TIMEOUT (180), BENCH_API_PORT (5182), BENCH_DB (soundscape_bench_agent_memory),
# SOUNDSCAPE_DB_PORT (55432), BENCH_RESULTS (a file to copy the summary to), BENCH_KEEP (1: keep the temporary folder).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=memory
DB_NAME=${BENCH_DB:-soundscape_bench_agent_memory}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-20} # whole seconds
PLAY_SECONDS=${BENCH_PLAY_SECONDS:-60}
INTERVAL=${BENCH_INTERVAL:-0.5}
START_TIMEOUT=${BENCH_START_TIMEOUT:-180}
API_PORT=${BENCH_API_PORT:-5182}
API_URL=http://127.0.0.1:$API_PORT
PLAYER=00000000-0000-4000-8000-0000000000a6
CREATOR=00000000-0000-4000-8000-0000000000a7
MIX=00000000-0000-4000-8000-0000000000a8
MIX_NAME="Bench sixteen layers"
LAYERS=16
# shellcheck source=../engine/lib.sh
source "$HERE/../engine/lib.sh"
log() { printf '\033[1m[bench/agent/%s]\033[0m %s\n' "$NAME" "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-agent-memory.XXXXXX")
API_PID=""
AGENT_PID=""
SAMPLER_PID=""
stop_group() { # pid label
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping the $2 (process group $pid)"
  # setsid made each its own process group: this reaches that dotnet process and nothing else.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  stop_group "$AGENT_PID" agent
  stop_group "$API_PID" API
  if [ "$rc" != 0 ]; then
    [ ! -f "$WORK/agent.log" ] || { log "last lines of the agent's log:"; tail -n 25 "$WORK/agent.log" >&2 || true; }
    [ ! -f "$WORK/api.log" ] || { log "last lines of the API's log:"; tail -n 15 "$WORK/api.log" >&2 || true; }
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in curl awk sort sha256sum sox psql; do command -v "$tool" >/dev/null || die "$tool is required"; done

ensure_database_server
fresh_database

if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
log "building the API and the PlayerAgent (Release)"
for project in src/Api src/PlayerAgent; do
  (cd "$ROOT" && dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1) \
    || { tail -n 30 "$WORK/build.log" >&2; die "dotnet build $project"; }
done
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
AGENT_DLL="$ROOT/src/PlayerAgent/bin/Release/net10.0/Soundscape.PlayerAgent.dll"
[ -f "$API_DIR/Soundscape.Api.dll" ] && [ -f "$AGENT_DLL" ] || die "build outputs not found"

# The API's settings, for the server and for its host commands (same database, same audio folder).
API_ENV=(
  ConnectionStrings__Soundscape="$(conn soundscape_app)"
  ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)"
  ConnectionStrings__SoundscapeService="$(conn soundscape_service)"
  Auth__Jwt__SigningKey="bench-agent-memory-signing-key-not-a-secret-0123456789"
  Audio__Store__Kind=local Audio__Store__Path="$WORK/audio"
  Database__MigrateOnStartup=true
  Recommendation__Engine__Enabled=false
  ASPNETCORE_ENVIRONMENT=Production
  Logging__LogLevel__Default=Warning
  Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning
)

log "starting the API on $API_URL (tick off, logging at Warning)"
(cd "$API_DIR" && exec env "${API_ENV[@]}" setsid dotnet Soundscape.Api.dll --urls "$API_URL") >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_for_api "$API_PID"
log "API healthy (migrated $DB_NAME)"

# --- 16 sounds with real audio ---------------------------------------------------------------------------------
log "importing the demo library (12 synthesized tracks) through the API's host command"
(cd "$API_DIR" && exec env "${API_ENV[@]}" dotnet Soundscape.Api.dll demo-library) >"$WORK/import.log" 2>&1 \
  || { cat "$WORK/import.log" >&2; die "demo-library"; }
mkdir -p "$WORK/extra"
# -R: repeatable noise, so every run imports the same four files.
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-pink-surf.wav" synth 50 pinknoise tremolo 0.2 60 vol 0.4
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-brown-rumble.wav" synth 40 brownnoise vol 0.5
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-drone.wav" synth 30 sine 110 sine 165 vol 0.3
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-hiss.wav" synth 35 whitenoise lowpass 3000 vol 0.2
log "importing 4 sox tracks (48 kHz stereo) through the API's host command"
(cd "$API_DIR" && exec env "${API_ENV[@]}" dotnet Soundscape.Api.dll import "$WORK/extra") >>"$WORK/import.log" 2>&1 \
  || { cat "$WORK/import.log" >&2; die "import"; }
sounds=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM sounds")
[ "$sounds" = "$LAYERS" ] || { cat "$WORK/import.log" >&2; die "expected $LAYERS sounds in the library, found $sounds"; }

# --- the mix, the player ---------------------------------------------------------------------------------------
KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
as_owner -d "$DB_NAME" <<SQL
INSERT INTO auth.users (id, email, email_key, password_hash) VALUES ('$CREATOR', 'bench-mixer@example.com', 'bench-mixer@example.com', 'not-a-hash');
INSERT INTO profiles (id, display_name) VALUES ('$CREATOR', 'Bench mixer');
INSERT INTO mixes (id, name, creator_id, layers, is_public, duration)
SELECT '$MIX', '$MIX_NAME', '$CREATOR',
       jsonb_agg(jsonb_build_object('sound_id', id, 'volume', round((0.05 + 0.02 * (n - 1))::numeric, 2),
                                    'loop', true, 'delay_seconds', 0.25 * (n - 1)) ORDER BY n),
       true, GREATEST(600, $PLAY_SECONDS + 300)
FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM sounds) s;
INSERT INTO players (id, name, checkin_code, device_key_hash, status)
VALUES ('$PLAYER', 'Bench memory player', 'bench-memory', '$HASH', 'offline');
SQL
log "mix $MIX of $(as_owner -d "$DB_NAME" -tAc "SELECT jsonb_array_length(layers) FROM mixes WHERE id = '$MIX'") looping layers; player $PLAYER"

# --- the agent -------------------------------------------------------------------------------------------------
mkdir -p "$WORK/agent"
AGENT_BIN=${BENCH_AGENT_BIN:-}
read -r -a AGENT_EXTRA_ENV <<<"${BENCH_AGENT_ENV:-}"
start_agent() { # log file
  (
    cd "$WORK/agent"
    if [ -n "$AGENT_BIN" ]; then set -- "$AGENT_BIN"; else set -- dotnet "$AGENT_DLL"; fi
    exec env Agent__ServerUrl="$API_URL" Agent__DeviceKey="$KEY" \
      Agent__CacheFolder="$WORK/agent/cache" Agent__JournalPath="$WORK/agent/play-journal.jsonl" \
      Agent__StatePath="$WORK/agent/last-queue.json" Agent__StatusPath="$WORK/agent/status.json" \
      Agent__Output__Kind=Null Agent__RealTime=true \
      DOTNET_ENVIRONMENT=Production \
      Logging__LogLevel__Default=Information \
      Logging__LogLevel__System.Net.Http.HttpClient=Warning \
      Logging__LogLevel__Soundscape.PlayerAgent.Memory=Debug \
      Logging__Console__FormatterName=simple \
      Logging__Console__FormatterOptions__SingleLine=true \
      Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
      "${AGENT_EXTRA_ENV[@]}" \
      setsid "$@"
  ) >"$1" 2>&1 &
  AGENT_PID=$!
}
start_agent "$WORK/agent.log"
sleep 0.5
grep -q 'Soundscape.PlayerAgent' "/proc/$AGENT_PID/cmdline" 2>/dev/null \
  || die "process $AGENT_PID is not the agent ($(tr '\0' ' ' <"/proc/$AGENT_PID/cmdline" 2>/dev/null || echo gone))"
for i in $(seq 1 60); do
  kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited during start-up"
  grep -q 'PlayerAgent started for' "$WORK/agent.log" && break
  [ "$i" = 60 ] && die "the agent did not log its start within 60 s"
  sleep 1
done
log "agent running (pid $AGENT_PID, ${AGENT_BIN:-dotnet $AGENT_DLL}); letting it settle 5 s"
sleep 5

CLK_TCK=$(getconf CLK_TCK)
# One line per sample: phase seconds-since-epoch VmRSS-kB VmHWM-kB cpu-ticks(utime+stime) RssAnon-kB RssFile-kB
sample() { # phase seconds
  local end=$(($(date +%s) + $2))
  while [ "$(date +%s)" -lt "$end" ]; do
    kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited while being sampled ($1)"
    awk -v phase="$1" -v now="$(date +%s.%N)" \
      'FNR == 1 && FILENAME ~ /stat$/ { sub(/^.*\) /, ""); split($0, f, " "); ticks = f[12] + f[13] }
       /^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } /^RssAnon:/ { anon = $2 } /^RssFile:/ { file = $2 }
       END { printf "%s %s %s %s %s %s %s\n", phase, now, rss, hwm, ticks, anon, file }' \
      "/proc/$AGENT_PID/stat" "/proc/$AGENT_PID/status" >>"$WORK/samples.txt"
    sleep "$INTERVAL"
  done
}

: >"$WORK/samples.txt"
log "sampling the idle agent for ${IDLE_SECONDS} s (empty queue)"
sample idle "$IDLE_SECONDS"

log "putting the mix at the head of the player's queue (queue_version + 1, pg_notify)"
as_owner -d "$DB_NAME" >/dev/null <<SQL
BEGIN;
INSERT INTO player_queue (id, player_id, mix_id, position) VALUES (gen_random_uuid(), '$PLAYER', '$MIX', 0);
UPDATE players SET queue_version = queue_version + 1 WHERE id = '$PLAYER';
SELECT pg_notify('soundscape_queue', '$PLAYER:' || queue_version) FROM players WHERE id = '$PLAYER';
COMMIT;
SQL
ENQUEUED_AT=$(date +%s.%N)
for i in $(seq 1 "$START_TIMEOUT"); do
  kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited before the mix started"
  grep -q "Playing '$MIX_NAME'" "$WORK/agent.log" && break
  [ "$i" = "$START_TIMEOUT" ] && die "the mix did not start playing within $START_TIMEOUT s (no \"Playing '$MIX_NAME'\" in the agent's log)"
  sleep 1
done
STARTED_AT=$(date +%s.%N)
log "the mix plays ($(awk -v a="$ENQUEUED_AT" -v b="$STARTED_AT" 'BEGIN { printf "%.0f", b - a }') s after it was queued: download, cache, open); sampling for ${PLAY_SECONDS} s"
PLAY_LOG_FROM=$(wc -l <"$WORK/agent.log")
sample playing "$PLAY_SECONDS"
PLAY_LOG_TO=$(wc -l <"$WORK/agent.log")

# --- checks ----------------------------------------------------------------------------------------------------
lined_up=$(grep -F "Lined up '$MIX_NAME'" "$WORK/agent.log" | head -n 1)
layers_opened=$(sed -n 's/.*; \([0-9]*\) of its \([0-9]*\) layers opened.*/\1/p' <<<"$lined_up")
layers_listed=$(sed -n 's/.*; \([0-9]*\) of its \([0-9]*\) layers opened.*/\2/p' <<<"$lined_up")
[ -n "$layers_opened" ] || die "no \"Lined up '$MIX_NAME' …; N of its M layers opened\" line in the agent's log"
[ "$layers_opened" = "$LAYERS" ] || die "the agent opened $layers_opened of $layers_listed layers, not $LAYERS"
grep -q "Finished '$MIX_NAME'" "$WORK/agent.log" && die "the mix finished while it was being sampled"
history=0
for _ in $(seq 1 20); do
  history=$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM play_history WHERE player_id = '$PLAYER' AND mix_id = '$MIX'")
  [ "$history" -ge 1 ] && break
  sleep 1
done
[ "$history" -ge 1 ] || die "play_history has no row for the mix: the agent's start report did not reach the server"
warnings=$(sed -n "$((PLAY_LOG_FROM + 1)),${PLAY_LOG_TO}p" "$WORK/agent.log" | grep -c -E '^[0-9:. ]*(warn|fail|crit):' || true)
cached=$(find "$WORK/agent/cache" -type f | wc -l)
cache_mb=$(du -sm "$WORK/agent/cache" | cut -f1)

mb() { awk '{ printf "%.1f\n", $1 / 1024 }'; }
# RSS (median, MiB) of the playing samples between two offsets (s) from the first playing sample.
window_med() {
  awk -v a="$1" -v b="$2" '$1 == "playing" { if (!n++) t0 = $2; t = $2 - t0; if (t >= a && t < b) print $3 }' "$WORK/samples.txt" | median | mb
}
long_play=""
if [ "$PLAY_SECONDS" -ge 600 ]; then
  at5=$(window_med 240 300); last=$(window_med $((PLAY_SECONDS - 60)) "$PLAY_SECONDS")
  long_play="- RSS playing, minute 4–5: $at5 MiB; last minute ($((PLAY_SECONDS / 60)) min): $last MiB; ratio $(awk -v a="$at5" -v b="$last" 'BEGIN { printf "%.3f", b / a }')."
fi
warm=""
if [ "${BENCH_WARM_RESTART:-0}" = 1 ]; then
  stop_group "$AGENT_PID" agent
  log "starting the agent again on the warm cache; timing process start to its \"Playing\" line"
  t0=$(date +%s.%N)
  start_agent "$WORK/agent-restart.log"
  for _ in $(seq 1 1200); do
    grep -q "Playing '$MIX_NAME'" "$WORK/agent-restart.log" && break
    kill -0 "$AGENT_PID" 2>/dev/null || die "the restarted agent exited"
    sleep 0.05
  done
  t1=$(date +%s.%N)
  grep -q "Playing '$MIX_NAME'" "$WORK/agent-restart.log" || die "the restarted agent did not play within 60 s"
  warm="- Start to first sound, warm cache (process start → \"Playing '$MIX_NAME'\", the mix at the head of the queue): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s."
fi

# --- summary ---------------------------------------------------------------------------------------------------
phase_col() { awk -v p="$1" -v c="$2" '$1 == p { print $c }' "$WORK/samples.txt"; }
idle_n=$(phase_col idle 3 | wc -l); play_n=$(phase_col playing 3 | wc -l)
idle_med=$(phase_col idle 3 | median | mb); idle_max=$(phase_col idle 3 | sort -g | tail -n 1 | mb)
play_med=$(phase_col playing 3 | median | mb); play_max=$(phase_col playing 3 | sort -g | tail -n 1 | mb)
play_min=$(phase_col playing 3 | sort -g | head -n 1 | mb)
hwm=$(tail -n 1 "$WORK/samples.txt" | awk '{ print $4 }' | mb)
cpu_pct() { # phase: CPU time over wall time between its first and last sample, % of one core
  awk -v p="$1" -v hz="$CLK_TCK" '$1 == p { if (!n++) { t0 = $2; c0 = $5 } t1 = $2; c1 = $5 }
    END { printf "%.1f\n", (t1 > t0 ? (c1 - c0) / hz / (t1 - t0) * 100 : 0) }' "$WORK/samples.txt"
}
idle_cpu=$(cpu_pct idle); play_cpu=$(cpu_pct playing)
# The agent's own once-a-second line while playing: GC.GetTotalMemory and GCMemoryInfo.TotalCommittedBytes.
sed -n "$((PLAY_LOG_FROM + 1)),${PLAY_LOG_TO}p" "$WORK/agent.log" \
  | sed -n 's/.*Memory: managed \([0-9]*\) B, GC heap \([0-9]*\) B, GC committed \([0-9]*\) B, working set \([0-9]*\) B, collections \([0-9]*\)\/\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3 \4 \5 \6 \7/p' \
  >"$WORK/managed.txt"
[ -s "$WORK/managed.txt" ] || die "no Memory: lines from the agent while playing (Soundscape.PlayerAgent.Memory at Debug)"
mib_col() { awk -v c="$1" '{ print $c / 1048576 }' "$WORK/managed.txt"; }
heap_med=$(mib_col 1 | median | awk '{ printf "%.1f", $1 }'); heap_max=$(mib_col 1 | sort -g | tail -n 1 | awk '{ printf "%.1f", $1 }')
committed_med=$(mib_col 3 | median | awk '{ printf "%.1f", $1 }')
gcs=$(awk 'NR == 1 { a = $5; b = $6; c = $7 } END { printf "%d/%d/%d", $5 - a, $6 - b, $7 - c }' "$WORK/managed.txt")

{
  echo "PlayerAgent memory, idle and playing a $LAYERS-layer mix, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
    "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
  echo
  echo "| Phase | Samples (every ${INTERVAL} s) | VmRSS median | VmRSS min–max | of which anonymous / file-backed (medians) | CPU (% of one core) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| Idle, empty queue (${IDLE_SECONDS} s) | $idle_n | $idle_med MiB | $(phase_col idle 3 | sort -g | head -n 1 | mb)–$idle_max MiB |" \
    "$(phase_col idle 6 | median | mb) / $(phase_col idle 7 | median | mb) MiB | $idle_cpu |"
  echo "| Playing the mix (${PLAY_SECONDS} s) | $play_n | **$play_med MiB** | $play_min–**$play_max** MiB |" \
    "$(phase_col playing 6 | median | mb) / $(phase_col playing 7 | median | mb) MiB | $play_cpu |"
  echo
  echo "- VmHWM at the end (peak RSS over the process's life, start-up and download included, as the kernel keeps it:" \
    "updated lazily, so it can read slightly below a sampled peak): $hwm MiB."
  echo "- Managed heap while playing (the agent's GC.GetTotalMemory, once a second): median $heap_med MiB, peak $heap_max MiB;" \
    "GC committed median $committed_med MiB; collections during the window (gen0/gen1/gen2): $gcs."
  echo "- Layers: the agent opened $layers_opened of the mix's $layers_listed layers (its \"Lined up\" line); play_history holds" \
    "$history start of the mix; $warnings warning or error lines in the agent's log while playing."
  echo "- Cache: $cached files, $cache_mb MiB on disk (the 16 sounds, downloaded before the mix started)."
  echo "- Agent: ${AGENT_BIN:-dotnet $AGENT_DLL (framework-dependent Release build)}${BENCH_AGENT_ENV:+, with $BENCH_AGENT_ENV}."
  [ -z "$long_play" ] || echo "$long_play"
  [ -z "$warm" ] || echo "$warm"
} >"$WORK/summary.md"
cat "$WORK/summary.md"
[ -z "${BENCH_RESULTS:-}" ] || cp "$WORK/summary.md" "$BENCH_RESULTS"
