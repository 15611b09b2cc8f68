#!/usr/bin/env bash
# Scans infra/ with checkov (PyPI), as CI should: `checkov -d infra --framework bicep`, which must report zero failed
# checks. A check the template breaks on purpose is skipped inline, in the resource, with its reason:
#   // checkov:skip=CKV_AZURE_NN: why
# checkov is installed once into a venv under ${XDG_CACHE_HOME:-~/.cache}/posconnector (pinned below); on a fresh
# Debian machine without python3-venv the script installs it with apt-get, as .ci/run installs Chromium.
# Needs PyPI: where pip cannot reach it, the install fails and so does this script (nothing is skipped silently).
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKOV_VERSION=3.3.30
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/posconnector/checkov-$CHECKOV_VERSION"

if [ ! -x "$VENV/bin/checkov" ]; then
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    sudo=$([ "$(id -u)" = 0 ] || echo sudo)
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends python3-venv
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
fi

"$VENV/bin/checkov" --version
# --quiet prints only failed checks; the exit code is non-zero when any check fails.
"$VENV/bin/checkov" --directory infra --framework bicep --quiet --compact
