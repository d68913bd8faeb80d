#!/usr/bin/env bash
# Install everything tnl-signage and its tests need on a Debian/Ubuntu machine, from this checkout:
# the Debian tools (cairo, librsvg, poppler, Ghostscript, qpdf, zbar, Chromium…), the Python package with its
# test extras, the offline Open Badges 2.0 validator (its own venv) and the Open Badges 3.0 verifier (npm).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  libcairo2 librsvg2-bin poppler-utils ghostscript qpdf zbar-tools icc-profiles-free argyll \
  fonts-dejavu-core chromium libreoffice-writer-nogui tesseract-ocr tesseract-ocr-fra >/dev/null
# Node.js (>= 18) for the Open Badges 3.0 verifier: keep the machine's own if it has one
# (a nodesource Node.js conflicts with Debian's npm package).
command -v npm >/dev/null || $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null

python -m pip install -q --upgrade pip
python -m pip install -q -e '.[test]'

bash scripts/setup_ob_validator.sh
npm ci --prefix tests/js --no-audit --no-fund
