#!/usr/bin/env bash
# The packaged agent's footprint (issue 17), measured with the PUBLISHED binary: the amd64 package that
# scripts/package-agent.sh builds, unpacked, run with its unit's Environment= lines.
#
#   bash bench/agent/footprint.sh          (SOUNDSCAPE_DB_PORT=<port> for another cluster)
#
# 1. scripts/package-agent.sh --no-lintian (cached by the sources' hash); dpkg-deb -x of the amd64 package;
# 2. bench/agent/levers.sh with two variants on one API and library: the packaged binary with the unit's environment,
#    and the same binary with no DOTNET_* variables (what the runtimeconfig alone gives). Each plays the 16-layer mix
#    in real time for BENCH_PLAY_SECONDS (120) and is then started BENCH_WARM_RUNS (3) times on its warm cache, timed
#    from process start to its "Playing" line; the packaged one also plays BENCH_ACCEL_AUDIO_SECONDS (3600) of the
#    mix faster than real time, for RSS after 5 minutes of audio against the last 5 minutes;
# 3. the installed size (the package's Installed-Size and du of the unpacked tree).
# BENCH_EXTRA_VARIANTS=<file> appends more `label|program|env` lines (see levers.sh), e.g. other builds to compare.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-footprint.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

deb=${BENCH_DEB:-$(bash "$ROOT/scripts/package-agent.sh" --no-lintian | grep '_amd64.deb$')}
dpkg-deb -x "$deb" "$WORK/root"
BIN=$WORK/root/usr/lib/soundscape-agent/Soundscape.PlayerAgent
UNIT_ENV=$(sed -n 's/^Environment=//p' "$WORK/root/usr/lib/systemd/system/soundscape-agent.service" | tr '\n' ' ')
PACKAGED="packaged $(basename "$deb"), unit environment"
{
  echo "$PACKAGED|$BIN|$UNIT_ENV"
  echo "packaged, no DOTNET_* variables|$BIN|"
  [ -z "${BENCH_EXTRA_VARIANTS:-}" ] || cat "$BENCH_EXTRA_VARIANTS"
} >"$WORK/variants.txt"

BENCH_VARIANTS=$WORK/variants.txt BENCH_ACCELERATED=${BENCH_ACCELERATED:-$PACKAGED} BENCH_RESULTS=$WORK/levers.md \
  bash "$HERE/levers.sh" >&2
cat "$WORK/levers.md"
echo
echo "- Unit environment: $UNIT_ENV"
echo "- Installed size: $(dpkg-deb -f "$deb" Installed-Size) KiB (Installed-Size); $(du -sh "$WORK/root/usr/lib/soundscape-agent" | cut -f1) in /usr/lib/soundscape-agent ($(find "$WORK/root/usr/lib/soundscape-agent" -type f | wc -l) files); the .deb itself $(du -h "$deb" | cut -f1)."
