#!/usr/bin/env bash
# Build the pupils' JupyterLab extension (Mine aktiviteter, Tjek, Aflever, Start forfra) from
# npm packages into hub/singleuser/data/labextensions/ (the pupils' JUPYTER_PATH). Called by
# `make assets` with PYTHON=.venv/bin/python; the output is not committed. Never a CDN at run time.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-../../.venv/bin/python}"
OUT=../singleuser/data/labextensions/@kodefag/pupil
if ! command -v npm >/dev/null 2>&1; then
  echo "hub/labextension/build.sh: npm not found; pupils get JupyterLab without Mine aktiviteter" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
# rebuild only when a source is newer than the last build
if [ -f "$OUT/package.json" ] && [ -z "$(find src style package.json package-lock.json -newer "$OUT/package.json" -print -quit)" ]; then
  exit 0
fi
# JupyterLab's own builder (webpack module federation) against the installed JupyterLab's core
CORE="$("$PYTHON" -c 'import jupyterlab, os; print(os.path.join(os.path.dirname(jupyterlab.__file__), "staging"))')"
node node_modules/@jupyterlab/builder/lib/build-labextension.js --core-path "$CORE" . >/dev/null
