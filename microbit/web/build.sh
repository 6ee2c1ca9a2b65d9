#!/usr/bin/env bash
# Build the WebUSB bundle for the "Send til micro:bit" page from npm packages
# (never a CDN at run time). Called by `make assets`; output is not committed.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "microbit/web/build.sh: npm not found; the page falls back to .hex download" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx --no-install esbuild src/send.js --bundle --minify --format=iife --target=es2020 \
  --outfile=static/microbit-send.js --log-level=warning
