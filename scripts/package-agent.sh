#!/usr/bin/env bash
# Builds the player agent's Debian packages: dist/soundscape-agent_<version>_amd64.deb and _arm64.deb.
# Each is the agent published self-contained (no .NET on the device) for linux-x64 / linux-arm64, under
# /usr/lib/soundscape-agent, with a systemd unit, /etc/soundscape/agent.json (a conffile), a system user in the audio
# group, and lintian-clean metadata. Packages are cached by a hash of everything that goes into them: a second run
# with unchanged sources only prints their paths. Usage: scripts/package-agent.sh [--force] [--no-lintian]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
force=0 lint=1
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    --no-lintian) lint=0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

DIST=$ROOT/dist
PKG=$ROOT/packaging/agent
PROJECT=$ROOT/src/PlayerAgent/Soundscape.PlayerAgent.csproj
VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$PROJECT" | head -1)
[ -n "$VERSION" ] || { echo "no <Version> in $PROJECT" >&2; exit 1; }
mkdir -p "$DIST"

# The tools packaging needs, installed only when packaging runs (and only if missing). apt waits up to 10 min for the
# dpkg lock, so it never fights another installer; nothing else is waited for (a log file left in /tmp by some
# earlier run once held this step for 10 minutes).
need_apt=()
command -v dpkg-deb >/dev/null || need_apt+=(dpkg)
command -v dpkg-shlibdeps >/dev/null || need_apt+=(dpkg-dev)
command -v fakeroot >/dev/null || need_apt+=(fakeroot)
[ "$lint" = 0 ] || command -v lintian >/dev/null || need_apt+=(lintian)
command -v qemu-aarch64-static >/dev/null || need_apt+=(qemu-user-static)
command -v systemd-analyze >/dev/null || need_apt+=(systemd)
# An arm64 C library and C++ runtime for qemu-aarch64-static -L (the test runs the arm64 binary's --version).
[ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || need_apt+=(libc6-arm64-cross)
[ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || need_apt+=(libstdc++6-arm64-cross libgcc-s1-arm64-cross)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing packaging tools: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}" >&2 \
    || { $SUDO apt-get -o DPkg::Lock::Timeout=600 update >&2 && $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}" >&2; }
fi

# Everything a package is made from: the agent and the projects it references, the build settings, this script and
# the packaging files. Tracked and untracked files alike, so an uncommitted edit also rebuilds.
# Data files outside those projects that they build in (src/Audio embeds the embedding model, kept beside the corpus
# manifest it was trained on).
EXTRA_FILES=(bench/corpus/embedding-model.json)
sources_hash() {
  (cd "$ROOT" && find src/PlayerAgent src/Audio src/Application.Contracts packaging/agent "${EXTRA_FILES[@]}" -type f \
      -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
    | sort -z | xargs -0 sha256sum
   sha256sum global.json Directory.Build.props Directory.Packages.props scripts/package-agent.sh) | sha256sum | cut -d' ' -f1
}
HASH=$(sources_hash)
# The publish alone depends only on the code and the build settings: a change to packaging/ repackages without
# publishing again.
CODE_HASH=$( (cd "$ROOT" && find src/PlayerAgent src/Audio src/Application.Contracts "${EXTRA_FILES[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
  | sort -z | xargs -0 sha256sum; sha256sum global.json Directory.Build.props Directory.Packages.props) | sha256sum | cut -d' ' -f1)

# The publish runs on a copy of the sources, so its restore (with runtime identifiers) and its obj/ never race a build
# or a test run in the working tree.
SRC_COPY=$DIST/build/src
prepare_sources() {
  [ -d "$SRC_COPY" ] && [ "$(cat "$SRC_COPY/.sources.sha256" 2>/dev/null)" = "$CODE_HASH" ] && return
  rm -rf "$SRC_COPY"
  mkdir -p "$SRC_COPY/src"
  for project in PlayerAgent Audio Application.Contracts; do
    (cd "$ROOT/src" && tar --exclude=bin --exclude=obj -cf - "$project") | (cd "$SRC_COPY/src" && tar -xf -)
  done
  for file in global.json Directory.Build.props Directory.Packages.props nuget.config NuGet.Config; do
    [ ! -f "$ROOT/$file" ] || cp "$ROOT/$file" "$SRC_COPY/"
  done
  for file in "${EXTRA_FILES[@]}"; do
    mkdir -p "$SRC_COPY/$(dirname "$file")" && cp "$ROOT/$file" "$SRC_COPY/$file"
  done
  echo "$CODE_HASH" > "$SRC_COPY/.sources.sha256"
}

build_one() { # rid deb-arch
  local rid=$1 arch=$2
  local deb=$DIST/soundscape-agent_${VERSION}_${arch}.deb stamp=$DIST/.soundscape-agent_${arch}.sources.sha256
  if [ "$force" = 0 ] && [ -f "$deb" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$HASH" ]; then
    log "up to date: $deb"
    return
  fi
  local work=$DIST/build/$arch publish=$DIST/build/publish-$arch
  rm -rf "$work"
  mkdir -p "$work"
  if [ "$(cat "$publish/.sources.sha256" 2>/dev/null)" != "$CODE_HASH" ]; then
    prepare_sources
    rm -rf "$publish"
    log "publishing the agent for $rid (self-contained, not trimmed)"
    # Not trimmed: configuration binding and System.Text.Json read the agent's options and the server's contracts by
    # reflection, and the trimmer warns on them (docs/player-agent.md, "Why not trimmed (yet)").
    dotnet publish "$SRC_COPY/src/PlayerAgent/Soundscape.PlayerAgent.csproj" -c Release -r "$rid" --self-contained true -p:PublishTrimmed=false \
      -p:Version="$VERSION" -p:DebugType=none -p:GenerateDocumentationFile=false \
      -o "$publish" -nologo -clp:ErrorsOnly >&2
    rm -f "$publish"/*.pdb "$publish"/*.xml
    # The LTTng trace provider links liblttng-ust, which a device does not have (and the runtime loads it only if
    # present); without it the package's shared-library dependencies are the ones the control file declares.
    rm -f "$publish/libcoreclrtraceptprovider.so"
    echo "$CODE_HASH" > "$publish/.sources.sha256"
  fi

  local root=$work/root
  mkdir -p "$root/DEBIAN" "$root/usr/lib/soundscape-agent" "$root/usr/bin" "$root/usr/lib/systemd/system" \
    "$root/etc/soundscape" "$root/usr/share/doc/soundscape-agent" "$root/usr/share/man/man1"
  cp -a "$publish/." "$root/usr/lib/soundscape-agent/"
  rm -f "$root/usr/lib/soundscape-agent/.sources.sha256"
  ln -s ../lib/soundscape-agent/Soundscape.PlayerAgent "$root/usr/bin/soundscape-agent"
  install -m 644 "$PKG/soundscape-agent.service" "$root/usr/lib/systemd/system/soundscape-agent.service"
  install -m 644 "$PKG/agent.json" "$root/etc/soundscape/agent.json"
  install -m 644 "$PKG/copyright" "$root/usr/share/doc/soundscape-agent/copyright"
  mkdir -p "$root/usr/share/lintian/overrides"
  install -m 644 "$PKG/lintian-overrides" "$root/usr/share/lintian/overrides/soundscape-agent"
  gzip -9n -c "$PKG/changelog" > "$root/usr/share/doc/soundscape-agent/changelog.gz"
  gzip -9n -c "$PKG/soundscape-agent.1" > "$root/usr/share/man/man1/soundscape-agent.1.gz"
  chmod 644 "$root/usr/share/doc/soundscape-agent/changelog.gz" "$root/usr/share/man/man1/soundscape-agent.1.gz"
  # Files 644 and programs 755, whatever the build left (lintian checks both).
  find "$root/usr" -type d -exec chmod 755 {} +
  find "$root/usr/lib/soundscape-agent" -type f -exec chmod 644 {} +
  chmod 755 "$root/usr/lib/soundscape-agent/Soundscape.PlayerAgent" "$root/usr/lib/soundscape-agent/createdump" 2>/dev/null || true
  for script in postinst prerm postrm; do install -m 755 "$PKG/$script" "$root/DEBIAN/$script"; done
  echo /etc/soundscape/agent.json > "$root/DEBIAN/conffiles"
  local size; size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  cat > "$root/DEBIAN/control" <<CONTROL
Package: soundscape-agent
Version: $VERSION
Architecture: $arch
Maintainer: Soundscape maintainers <soundscape@example.org>
Installed-Size: $size
Depends: adduser, libasound2, libc6 (>= 2.27), libgcc-s1, libssl3 | libssl1.1, libstdc++6, init-system-helpers (>= 1.52)
Recommends: ffmpeg
Section: sound
Priority: optional
Homepage: https://example.org/soundscape
Description: Soundscape player agent
 Plays the queue of one Soundscape room on this device: it follows the room's
 queue from the server, caches the audio, plays it through ALSA with
 crossfades and reports every play. Pairs with the server by a short code,
 runs as a sandboxed systemd service and needs no .NET installation.
CONTROL
  find "$root/usr/share" -type d -exec chmod 755 {} +
  (cd "$root" && find usr etc -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
  chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"
  rm -f "$deb"
  # gzip, not xz: xz took minutes of CPU for the 40 MB of compressed runtime on this 2-core machine, for a package
  # about a fifth smaller.
  fakeroot dpkg-deb --build -Zgzip -z9 --root-owner-group "$root" "$deb" >&2
  echo "$HASH" > "$stamp"
  echo "$size" > "$DIST/.soundscape-agent_${arch}.installed-kib"
  log "built $deb (installed size $size KiB)"
}

build_one linux-x64 amd64
build_one linux-arm64 arm64

if [ "$lint" = 1 ]; then
  for arch in amd64 arm64; do
    deb=$DIST/soundscape-agent_${VERSION}_${arch}.deb
    lintstamp=$DIST/.soundscape-agent_${arch}.lintian
    if [ "$(head -1 "$lintstamp" 2>/dev/null)" = "$HASH" ]; then cat "$lintstamp" | tail -n +2 >&2; continue; fi
    log "lintian $deb"
    # Overrides (packaging/agent/lintian-overrides) and the warnings left are explained in docs/player-agent.md.
    out=$(lintian --tag-display-limit 0 "$deb" 2>&1 || true)
    printf '%s\n' "$out" >&2
    if printf '%s\n' "$out" | grep -q '^E: '; then echo "lintian reported errors for $deb" >&2; exit 1; fi
    { echo "$HASH"; printf '%s\n' "$out"; } > "$lintstamp"
  done
fi
ls -1 "$DIST"/soundscape-agent_"${VERSION}"_*.deb
