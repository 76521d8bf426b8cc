#!/usr/bin/env bash
# Side-by-side footprint of several PlayerAgent builds and settings ("levers", issue 17), on ONE API, database and
# 16-layer library, one agent after another, so the ratios between them are fair on this shared machine.
#
#   BENCH_VARIANTS=<file> bash bench/agent/levers.sh      (SOUNDSCAPE_DB_PORT=<port> for another cluster)
#
# The variants file has one agent a line: `label|program|NAME=value NAME=value …`, where program is an apphost (a
# packaged, self-contained binary) or a .dll (run with `dotnet`), and the environment is added to the agent's (for
# example the unit's DOTNET_* lines). Lines starting with # are skipped.
#
# Set-up is bench/agent/memory.sh's: the API (Release, tick off) on a fresh soundscape_bench_agent_levers database,
# the 12 demo tracks and 4 sox tracks (16 sounds, 162 MiB of WAV), a public mix looping all 16 layers, a player with a
# known key. Then, for each variant:
#   1. start it with Output Null paced in real time, an empty cache; wait for its start line;
#   2. put a fresh queue item of the mix at the head of the player's queue (the way the engine does: insert,
#      queue_version + 1, pg_notify) and wait for "Playing";
#   3. sample VmRSS / RssAnon / RssFile every BENCH_INTERVAL s for BENCH_PLAY_SECONDS (120) and stop it (SIGTERM);
#   4. warm start, BENCH_WARM_RUNS times (3): put another fresh queue item of the mix at the head (the agent does not
#      replay an item it already started), start the same program on the same, now warm, cache and state, and time
#      process start → its first "Playing" line (first sound: the agent may open with a cached sound while its first
#      poll is out) and → "Playing '<the mix>'"; stop it.
# With BENCH_ACCELERATED=<label> that variant also plays BENCH_ACCEL_AUDIO_SECONDS (3600) of the mix faster than
# real time (Agent:RealTime=false, Output Null: the pump runs as fast as the CPU lets it), the mix's announced
# duration set to exactly that, until its "Finished" line; RSS is sampled throughout, and the audio position of each
# sample is taken as proportional to wall time between "Playing" and "Finished" (the rate is steady: one thread
# mixing a fixed graph). It reports RSS around 5 minutes of audio against the last 5 minutes of audio.
# Output: a Markdown table per run on stdout (and in BENCH_RESULTS when set).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=levers
DB_NAME=${BENCH_DB:-soundscape_bench_agent_levers}
PLAY_SECONDS=${BENCH_PLAY_SECONDS:-120}
INTERVAL=${BENCH_INTERVAL:-0.5}
WARM_RUNS=${BENCH_WARM_RUNS:-3}
ACCELERATED=${BENCH_ACCELERATED:-}
ACCEL_AUDIO=${BENCH_ACCEL_AUDIO_SECONDS:-3600}
API_PORT=${BENCH_API_PORT:-5183}
API_URL=http://127.0.0.1:$API_PORT
PLAYER=00000000-0000-4000-8000-0000000000b6
CREATOR=00000000-0000-4000-8000-0000000000b7
MIX=00000000-0000-4000-8000-0000000000b8
MIX_NAME="Bench sixteen layers"
LAYERS=16
VARIANTS=${BENCH_VARIANTS:?set BENCH_VARIANTS to a file of label|program|env lines}
# shellcheck source=../engine/lib.sh
source "$HERE/../engine/lib.sh"
log() { printf '\033[1m[bench/agent/%s]\033[0m %s\n' "$NAME" "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-agent-levers.XXXXXX")
API_PID="" AGENT_PID=""
stop_group() { # pid label
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  log "the $2 did not stop within 10 s: SIGKILL"
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_group "$AGENT_PID" agent
  stop_group "$API_PID" API
  [ "$rc" = 0 ] || { for f in "$WORK"/*.log; do [ -f "$f" ] && { log "tail of $f:"; tail -n 15 "$f" >&2; }; done; }
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in curl awk sort sha256sum sox psql; do command -v "$tool" >/dev/null || die "$tool is required"; done

ensure_database_server
fresh_database
if curl -s -o /dev/null --max-time 2 "$API_URL/health"; then die "something already answers on $API_URL (set BENCH_API_PORT)"; fi
log "building the API (Release)"
(cd "$ROOT" && dotnet build src/Api -c Release -nologo -clp:ErrorsOnly -v quiet >"$WORK/build.log" 2>&1) || die "dotnet build src/Api"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
API_ENV=(
  ConnectionStrings__Soundscape="$(conn soundscape_app)"
  ConnectionStrings__SoundscapeMigrations="$(conn soundscape_owner)"
  ConnectionStrings__SoundscapeService="$(conn soundscape_service)"
  Auth__Jwt__SigningKey="bench-agent-levers-signing-key-not-a-secret-0123456789"
  Audio__Store__Kind=local Audio__Store__Path="$WORK/audio"
  Database__MigrateOnStartup=true Recommendation__Engine__Enabled=false ASPNETCORE_ENVIRONMENT=Production
  Logging__LogLevel__Default=Warning
)
(cd "$API_DIR" && exec env "${API_ENV[@]}" setsid dotnet Soundscape.Api.dll --urls "$API_URL") >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_for_api "$API_PID"
log "API healthy; importing 16 sounds"
(cd "$API_DIR" && exec env "${API_ENV[@]}" dotnet Soundscape.Api.dll demo-library) >"$WORK/import.log" 2>&1 || die "demo-library"
mkdir -p "$WORK/extra"
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-pink-surf.wav" synth 50 pinknoise tremolo 0.2 60 vol 0.4
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-brown-rumble.wav" synth 40 brownnoise vol 0.5
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-drone.wav" synth 30 sine 110 sine 165 vol 0.3
sox -R -n -r 48000 -c 2 -b 16 "$WORK/extra/bench-hiss.wav" synth 35 whitenoise lowpass 3000 vol 0.2
(cd "$API_DIR" && exec env "${API_ENV[@]}" dotnet Soundscape.Api.dll import "$WORK/extra") >>"$WORK/import.log" 2>&1 || die "import"
[ "$(as_owner -d "$DB_NAME" -tAc "SELECT count(*) FROM sounds")" = "$LAYERS" ] || die "expected $LAYERS sounds"
KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
as_owner -d "$DB_NAME" <<SQL
INSERT INTO auth.users (id, email, email_key, password_hash) VALUES ('$CREATOR', 'bench-levers@example.com', 'bench-levers@example.com', 'not-a-hash');
INSERT INTO profiles (id, display_name) VALUES ('$CREATOR', 'Bench mixer');
INSERT INTO mixes (id, name, creator_id, layers, is_public, duration)
SELECT '$MIX', '$MIX_NAME', '$CREATOR',
       jsonb_agg(jsonb_build_object('sound_id', id, 'volume', round((0.05 + 0.02 * (n - 1))::numeric, 2),
                                    'loop', true, 'delay_seconds', 0.25 * (n - 1)) ORDER BY n),
       true, 86400
FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM sounds) s;
INSERT INTO players (id, name, checkin_code, device_key_hash, status) VALUES ('$PLAYER', 'Bench levers player', 'bench-levers', '$HASH', 'offline');
SQL

# A fresh queue item of the mix, alone at the head of the player's queue (what the engine writes when it re-plans).
enqueue_mix() {
  as_owner -d "$DB_NAME" >/dev/null <<SQL
BEGIN;
DELETE FROM player_queue WHERE player_id = '$PLAYER';
INSERT INTO player_queue (id, player_id, mix_id, position) VALUES (gen_random_uuid(), '$PLAYER', '$MIX', 0);
UPDATE players SET queue_version = queue_version + 1 WHERE id = '$PLAYER';
SELECT pg_notify('soundscape_queue', '$PLAYER:' || queue_version) FROM players WHERE id = '$PLAYER';
COMMIT;
SQL
}
start_agent() { # dir program env log realtime
  local dir=$1 program=$2 extra=$3 out=$4 realtime=${5:-true}
  local -a extra_env=(); read -r -a extra_env <<<"$extra"
  mkdir -p "$dir"
  (
    cd "$dir"
    if [[ $program == *.dll ]]; then set -- dotnet "$program"; else set -- "$program"; fi
    exec env Agent__ServerUrl="$API_URL" Agent__DeviceKey="$KEY" Agent__CacheFolder="$dir/cache" \
      Agent__JournalPath="$dir/play-journal.jsonl" Agent__StatePath="$dir/last-queue.json" Agent__StatusPath="$dir/status.json" \
      Agent__Output__Kind=Null Agent__RealTime="$realtime" DOTNET_ENVIRONMENT=Production \
      Logging__LogLevel__Default=Information Logging__LogLevel__System.Net.Http.HttpClient=Warning \
      Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
      "${extra_env[@]}" setsid "$@"
  ) >"$out" 2>&1 &
  AGENT_PID=$!
}
wait_line() { # log pattern timeout-seconds what
  local deadline=$(($(date +%s) + $3))
  until grep -qF "$2" "$1"; do
    kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited before $4"
    [ "$(date +%s)" -lt "$deadline" ] || die "no \"$2\" within $3 s ($4)"
    sleep 0.05
  done
}
sample_until() { # samples-file stop-condition-command
  while ! eval "$2"; do
    kill -0 "$AGENT_PID" 2>/dev/null || die "the agent exited while being sampled"
    awk -v now="$(date +%s.%N)" '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { s = $2 }
      END { printf "%s %s %s %s %s\n", now, r, a, f, s }' "/proc/$AGENT_PID/status" >>"$1"
    sleep "$INTERVAL"
  done
}
col_median() { awk -v c="$2" '{ print $c }' "$1" | median | awk '{ printf "%.1f", $1 / 1024 }'; }
col_max() { awk -v c="$2" '{ print $c }' "$1" | sort -g | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'; }

RESULT=$WORK/result.md
{
  echo "PlayerAgent levers, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$ROOT" rev-parse --short HEAD), ${PLAY_SECONDS} s of real-time play each, 16-layer mix, Output Null"
  echo
  echo "| Variant | VmRSS playing, median | max | anonymous / file-backed / shmem (medians) | warm start → first sound / → the mix playing (medians of $WARM_RUNS; each) | install size |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
} >"$RESULT"
n=0
while IFS='|' read -r label program extra; do
  [[ -z $label || $label == \#* ]] && continue
  n=$((n + 1)); dir=$WORK/agent-$n
  log "variant $n: $label ($program)"
  [ -e "$program" ] || die "no program $program"
  start_agent "$dir" "$program" "$extra" "$WORK/v$n.log"
  wait_line "$WORK/v$n.log" "PlayerAgent started for" 120 "its start line"
  sleep 3
  enqueue_mix
  wait_line "$WORK/v$n.log" "Playing '$MIX_NAME'" 180 "playing the mix"
  grep -F "Lined up '$MIX_NAME'" "$WORK/v$n.log" | grep -q "$LAYERS of its $LAYERS layers opened" || die "$label: not all $LAYERS layers opened"
  end=$(($(date +%s) + PLAY_SECONDS))
  sample_until "$WORK/s$n.txt" '[ "$(date +%s)" -ge '"$end"' ]'
  stop_group "$AGENT_PID" agent
  warm=() first=()
  for w in $(seq 1 "$WARM_RUNS"); do
    enqueue_mix
    t0=$(date +%s.%N)
    start_agent "$dir" "$program" "$extra" "$WORK/v$n-warm$w.log"
    # First sound: the first "Playing" line of anything (the agent may open with a cached sound while its first poll
    # is out), then the mix itself.
    wait_line "$WORK/v$n-warm$w.log" "] Playing " 120 "any sound after a warm start"
    first+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')")
    wait_line "$WORK/v$n-warm$w.log" "Playing '$MIX_NAME'" 120 "playing after a warm start"
    warm+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')")
    stop_group "$AGENT_PID" agent
  done
  warm_med=$(printf '%s\n' "${warm[@]}" | median); first_med=$(printf '%s\n' "${first[@]}" | median)
  size=$(du -sh --apparent-size "$(dirname "$(readlink -f "$program")")" | cut -f1)
  echo "| $label | **$(col_median "$WORK/s$n.txt" 2) MiB** | $(col_max "$WORK/s$n.txt" 2) MiB | $(col_median "$WORK/s$n.txt" 3) / $(col_median "$WORK/s$n.txt" 4) / $(col_median "$WORK/s$n.txt" 5) MiB | **${first_med} s** (${first[*]}) / ${warm_med} s (${warm[*]}) | $size |" >>"$RESULT"
  log "$(tail -n 1 "$RESULT")"

  if [ "$label" = "$ACCELERATED" ]; then
    log "$label: $ACCEL_AUDIO s of audio faster than real time"
    as_owner -d "$DB_NAME" -c "UPDATE mixes SET duration = $ACCEL_AUDIO WHERE id = '$MIX'" >/dev/null
    enqueue_mix
    start_agent "$dir" "$program" "$extra" "$WORK/v$n-accel.log" false
    wait_line "$WORK/v$n-accel.log" "Playing '$MIX_NAME'" 120 "the accelerated play"
    p0=$(date +%s.%N)
    sample_until "$WORK/a$n.txt" "grep -qF \"Finished '$MIX_NAME'\" '$WORK/v$n-accel.log'"
    p1=$(date +%s.%N)
    stop_group "$AGENT_PID" agent
    as_owner -d "$DB_NAME" -c "UPDATE mixes SET duration = 86400 WHERE id = '$MIX'" >/dev/null
    # RSS median over audio positions [a, b) seconds, the position of a sample being (t - p0) / (p1 - p0) * audio.
    at() { awk -v p0="$p0" -v p1="$p1" -v au="$ACCEL_AUDIO" -v a="$1" -v b="$2" \
      '{ pos = ($1 - p0) / (p1 - p0) * au; if (pos >= a && pos < b) print $2 }' "$WORK/a$n.txt" | median | awk '{ printf "%.1f", $1 / 1024 }'; }
    r5=$(at 240 360); rend=$(at $((ACCEL_AUDIO - 300)) "$ACCEL_AUDIO")
    {
      echo
      echo "- Accelerated run of \"$label\": $ACCEL_AUDIO s of audio in $(awk -v a="$p0" -v b="$p1" 'BEGIN { printf "%.0f", b - a }') s of wall time" \
        "($(awk -v a="$p0" -v b="$p1" -v au="$ACCEL_AUDIO" 'BEGIN { printf "%.1f", au / (b - a) }')× real time, $(wc -l <"$WORK/a$n.txt") samples)." \
        "VmRSS median around minute 5 of audio (4–6 min): $r5 MiB; over the last 5 minutes of audio: $rend MiB; ratio" \
        "$(awk -v a="$r5" -v b="$rend" 'BEGIN { printf "%.3f", b / a }'); peak $(col_max "$WORK/a$n.txt" 2) MiB."
    } >>"$RESULT"
  fi
done <"$VARIANTS"
cat "$RESULT"
[ -z "${BENCH_RESULTS:-}" ] || cp "$RESULT" "$BENCH_RESULTS"
