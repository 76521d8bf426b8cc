#!/usr/bin/env bash
# The packaged agent's footprint (issue 17), side by side with today's framework-dependent build, in one run:
#
#   bash bench/agent/footprint.sh          (SOUNDSCAPE_DB_PORT=<port> for another cluster)
#
# 1. scripts/package-agent.sh (cached by the sources' hash) and dpkg-deb -x of the amd64 package into a temporary root;
# 2. bench/agent/memory.sh with `dotnet Soundscape.PlayerAgent.dll` (Release, framework-dependent, no extra settings)
#    playing the 16-layer mix for BENCH_BASE_SECONDS (300);
# 3. bench/agent/memory.sh with the packaged binary and the unit's Environment= lines (the DOTNET_* GC settings),
#    playing for BENCH_LONG_SECONDS (1200: RSS in minute 4–5 against the last minute), then a restart on the warm
#    cache timed from process start to the "Playing" line;
# 4. the installed size (the package's Installed-Size and du of the unpacked tree).
# Both agents play with Output Null, paced in real time, so neither pays for a sound card.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE_SECONDS=${BENCH_BASE_SECONDS:-300}
LONG_SECONDS=${BENCH_LONG_SECONDS:-1200}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/soundscape-bench-footprint.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

deb=${BENCH_DEB:-$(bash "$ROOT/scripts/package-agent.sh" --no-lintian | grep '_amd64.deb$')}
dpkg-deb -x "$deb" "$WORK/root"
BIN=$WORK/root/usr/lib/soundscape-agent/Soundscape.PlayerAgent
UNIT_ENV=$(sed -n 's/^Environment=//p' "$WORK/root/usr/lib/systemd/system/soundscape-agent.service" | tr '\n' ' ')

BENCH_RESULTS=$WORK/base.md BENCH_PLAY_SECONDS=$BASE_SECONDS bash "$HERE/memory.sh" >&2
BENCH_RESULTS=$WORK/packaged.md BENCH_PLAY_SECONDS=$LONG_SECONDS BENCH_WARM_RESTART=1 \
  BENCH_AGENT_BIN=$BIN BENCH_AGENT_ENV="$UNIT_ENV" bash "$HERE/memory.sh" >&2

play_median() { sed -n 's/^| Playing the mix[^|]*| [0-9]* | \*\*\([0-9.]*\) MiB\*\*.*/\1/p' "$1"; }
base=$(play_median "$WORK/base.md"); packaged=$(play_median "$WORK/packaged.md")
echo "## Baseline: dotnet Soundscape.PlayerAgent.dll, ${BASE_SECONDS} s"
cat "$WORK/base.md"
echo
echo "## Packaged: $(basename "$deb"), ${LONG_SECONDS} s, unit environment"
cat "$WORK/packaged.md"
echo
echo "- RSS playing, median: packaged $packaged MiB vs baseline $base MiB, ratio $(awk -v a="$packaged" -v b="$base" 'BEGIN { printf "%.2f", a / b }')."
echo "- Installed size: $(dpkg-deb -f "$deb" Installed-Size) KiB (Installed-Size); $(du -sh "$WORK/root/usr/lib/soundscape-agent" | cut -f1) in /usr/lib/soundscape-agent; the .deb itself $(du -h "$deb" | cut -f1) (xz)."
