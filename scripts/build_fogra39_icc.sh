#!/bin/sh
# Rebuild tnl_signage/data/icc/FOGRA39-tnl.icc, the CMYK output intent embedded in every print PDF.
#
# Source: FOGRA39L.ti3 (FOGRA39 characterisation data, coated paper, ISO 12647-2:2004) from Debian's
# icc-profiles-free package (Zlib licence, Kai-Uwe Behrmann). Tool: Argyll CMS `colprof` (Debian: argyll).
# No redistributable FOGRA39 ICC exists in the package registries, so we build one and commit it.
#
# Usage: scripts/build_fogra39_icc.sh [output.icc]   (about 30 s)
set -eu
SRC=/usr/share/color/icc/FOGRA39L.ti3
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-"$HERE/tnl_signage/data/icc/FOGRA39-tnl.icc"}
command -v colprof >/dev/null || { echo "colprof introuvable : apt-get install argyll" >&2; exit 1; }
[ -f "$SRC" ] || { echo "$SRC introuvable : apt-get install icc-profiles-free" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$SRC" "$TMP/FOGRA39L.ti3"
# -qm: medium quality; -kr: black generation by GCR ramp; -nc: the measurements (.ti3) are not copied into
# the profile (they were half its size, in every print PDF); -D: profile description.
# -A/-C: manufacturer/copyright tags say where the data came from.
(cd "$TMP" && colprof -v -qm -kr -nc \
    -D "FOGRA39 (tnl-signage, from FOGRA39L.ti3)" \
    -C "Built from FOGRA39L.ti3 (icc-profiles-free, Zlib licence, Kai-Uwe Behrmann)" \
    FOGRA39L >colprof.log)
cp "$TMP/FOGRA39L.icc" "$OUT"
echo "écrit : $OUT ($(wc -c <"$OUT") octets)"
