#!/usr/bin/env bash
# Person references of zorgvuldig beside Deduce on tests/realtexts (see compare.py). Installs
# Deduce, pinned, into target/deduce-venv (not shipped, not linked); the first run also builds
# Deduce's lookup structures (a few minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/deduce-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "deduce==3.0.6"
fi
ZORGVULDIG_WRITE_REALTEXTS=1 cargo test --quiet --test realtexts >/dev/null
"$venv/bin/python" benches/deduce/compare.py "$@"
