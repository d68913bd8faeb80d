#!/usr/bin/env bash
# Builds the IMS Open Badges 2.0 validator (`openbadges` 1.1.2) in its own venv, used by tests/test_ob2_validator.py.
# Why a separate venv: the validator's own pins break on Python 3.11 and clash with the project's click, so it is
# installed with --no-deps plus an unpinned list of its dependencies and the one PyLD it works with (0.7.1).
# Usage: scripts/setup_ob_validator.sh [VENV_DIR]   (default: .venv-obv at the repo root; idempotent)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-$root/.venv-obv}"
python="${PYTHON:-python3}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import openbadges, openbadges_bakery, pyld" 2>/dev/null; then
    echo "validateur Open Badges 2.0 déjà installé : $venv"
    exit 0
fi
"$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" --no-deps "openbadges==1.1.2" "openbadges-bakery==2.0.0"
"${pip[@]}" aniso8601 click future jsonschema language-tags pycryptodome pydux python-jose python-mimeparse \
    pytz requests requests-cache rfc3986 validators pypng defusedxml "PyLD==0.7.1"
"$venv/bin/python" -c "import openbadges, openbadges_bakery, pyld; print('validateur Open Badges 2.0 prêt :', '$venv')"
