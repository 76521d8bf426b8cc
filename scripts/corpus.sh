#!/usr/bin/env bash
# Builds the embedding development corpus (issue 15) in .data/corpus/ from Debian binary packages and checks every
# file against bench/corpus/manifest.tsv (path, families, source, licence, seconds, sha256, origin; "-" when
# unknown, since bash joins empty tab-separated fields).
#
#   bash scripts/corpus.sh            fetch what is missing, extract, mix, verify (exit 1 on any mismatch)
#   bash scripts/corpus.sh --update   the same, but write the measured seconds and sha256 into the manifest
#                                     (delete a file first to have it extracted or mixed again)
#
# Packages are fetched with `apt-get download` (nothing is installed). An origin is a member of the package
# ("./usr/share/..."), a member of an archive inside the package ("<archive member>!<entry>", for the zip/pk3
# bundles of 0ad and UFO:AI), or "mix:<a>*<weight>+<b>*<weight>": two corpus files, each decoded to mono
# 44.1 kHz, cut to the shorter one's length (at most 30 s), scaled to the same RMS, weighted and summed.
# Needs: apt-get, dpkg-deb, tar, unzip, ffmpeg, ffprobe, sox, sha256sum.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MANIFEST="$ROOT/bench/corpus/manifest.tsv"
CORPUS="${SOUNDSCAPE_CORPUS:-$ROOT/.data/corpus}"
DEBS="$CORPUS/debs"
WORK="$CORPUS/.work"
UPDATE=0
[[ "${1:-}" == "--update" ]] && UPDATE=1

# minetest's fire_large.ogg is kept by the project for its own evaluation: it must never enter this corpus.
if grep -q 'fire_large' "$MANIFEST"; then
  echo "manifest names fire_large.ogg, which is reserved for the project's own evaluation" >&2
  exit 1
fi

mkdir -p "$DEBS" "$WORK"

deb_of() { ls "$DEBS"/"$1"_*.deb 2>/dev/null | head -n1; }

fetch_package() {
  local package="$1"
  if [[ -z "$(deb_of "$package")" ]]; then
    echo "fetching $package"
    (cd "$DEBS" && apt-get -o DPkg::Lock::Timeout=600 download "$package" >/dev/null)
  fi
}

# Extracts every origin of one package in one pass over the package (some are over a gigabyte).
extract_package() {
  local package="$1" deb members="$WORK/$package.members" dir="$WORK/$package"
  deb="$(deb_of "$package")"
  awk -F'\t' -v p="$package" 'NR > 1 && $3 == p && $7 !~ /^mix:/ { split($7, o, "!"); print o[1] }' "$MANIFEST" | sort -u > "$members"
  rm -rf "$dir" && mkdir -p "$dir"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" -T "$members"
  while IFS=$'\t' read -r path families source licence seconds sha origin; do
    [[ "$source" == "$package" && "$origin" != mix:* ]] || continue
    mkdir -p "$(dirname "$CORPUS/$path")"
    if [[ "$origin" == *"!"* ]]; then
      unzip -p "$dir/${origin%%!*}" "${origin#*!}" > "$CORPUS/$path"
    else
      cp "$dir/$origin" "$CORPUS/$path"
    fi
  done < <(tail -n +2 "$MANIFEST")
  rm -rf "$dir"
}

rms_of() { sox "$1" -n stat 2>&1 < /dev/null | awk '/RMS +amplitude/ { print $3 }'; }

mix() {
  local path="$1" recipe="${2#mix:}" a b wa wb la lb len
  a="${recipe%%+*}"; b="${recipe#*+}"
  wa="${a##*\*}"; a="${a%\**}"; wb="${b##*\*}"; b="${b%\**}"
  la="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$CORPUS/$a" < /dev/null)"
  lb="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$CORPUS/$b" < /dev/null)"
  len="$(awk -v x="$la" -v y="$lb" 'BEGIN { m = x < y ? x : y; if (m > 30) m = 30; printf "%.3f", m }')"
  ffmpeg -nostdin -v error -y -i "$CORPUS/$a" -t "$len" -ac 1 -ar 44100 -c:a pcm_f32le "$WORK/a.wav"
  ffmpeg -nostdin -v error -y -i "$CORPUS/$b" -t "$len" -ac 1 -ar 44100 -c:a pcm_f32le "$WORK/b.wav"
  local ga gb
  ga="$(awk -v w="$wa" -v r="$(rms_of "$WORK/a.wav")" 'BEGIN { printf "%.6f", w * 0.02 / r }')"
  gb="$(awk -v w="$wb" -v r="$(rms_of "$WORK/b.wav")" 'BEGIN { printf "%.6f", w * 0.02 / r }')"
  mkdir -p "$(dirname "$CORPUS/$path")"
  # Equal-RMS parts at their weights, then peak-normalised to -1 dBFS so nothing clips; 16-bit output.
  sox -m -v "$ga" "$WORK/a.wav" -v "$gb" "$WORK/b.wav" -b 16 "$CORPUS/$path" gain -n -1 < /dev/null
}

packages="$(awk -F'\t' 'NR > 1 && $7 !~ /^mix:/ { print $3 }' "$MANIFEST" | sort -u)"
for package in $packages; do
  fetch_package "$package"
  missing=0
  while IFS=$'\t' read -r path _ source _ _ _ origin; do
    [[ "$source" == "$package" && "$origin" != mix:* && ! -s "$CORPUS/$path" ]] && missing=1
  done < <(tail -n +2 "$MANIFEST")
  if (( missing )); then
    echo "extracting $package"
    extract_package "$package"
  fi
done

while IFS=$'\t' read -r path _ _ _ _ _ origin; do
  if [[ "$origin" == mix:* ]] && [[ ! -s "$CORPUS/$path" ]]; then
    echo "mixing $path"
    mix "$path" "$origin"
  fi
done < <(tail -n +2 "$MANIFEST")

# Verify (or record) every file's length and hash.
failures=0
tmp="$(mktemp)"
head -n1 "$MANIFEST" > "$tmp"
while IFS=$'\t' read -r path families source licence seconds sha origin; do
  file="$CORPUS/$path"
  actual_sha="$(sha256sum "$file" | cut -d' ' -f1)"
  actual_seconds="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$file" < /dev/null | awk '{ printf "%.2f", $1 }')"
  if (( UPDATE )); then
    seconds="$actual_seconds"; sha="$actual_sha"
  elif [[ "$actual_sha" != "$sha" ]]; then
    echo "MISMATCH $path: sha256 $actual_sha, manifest $sha" >&2
    failures=$((failures + 1))
  fi
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$path" "$families" "$source" "$licence" "$seconds" "$sha" "$origin" >> "$tmp"
done < <(tail -n +2 "$MANIFEST")

if (( UPDATE )); then
  mv "$tmp" "$MANIFEST"
  echo "manifest updated: $(($(wc -l < "$MANIFEST") - 1)) files"
else
  rm -f "$tmp"
  if (( failures )); then
    echo "$failures file(s) differ from the manifest" >&2
    exit 1
  fi
  echo "corpus ok: $(($(wc -l < "$MANIFEST") - 1)) files in $CORPUS"
fi
