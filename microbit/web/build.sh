#!/usr/bin/env bash
# Build the micro:bit pages' bundles from npm packages (never a CDN at run time):
# WebUSB flashing, the CodeMirror editor, Blockly blocks and the browser simulator
# (MicroPython WebAssembly in a worker). Called by `make assets`; output is not committed.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "microbit/web/build.sh: npm not found; the pages fall back to .hex download" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
esbuild() { npx --no-install esbuild --bundle --minify --target=es2020 --log-level=warning "$@"; }
esbuild src/send.js --format=iife --outfile=static/microbit-send.js
esbuild src/editor.js --format=iife --outfile=static/kodefag-editor.js
esbuild src/blocks.js --format=iife --outfile=static/kodefag-blocks.js
esbuild src/simworker.js --format=esm --loader:.py=text --outfile=static/simworker.js --target=es2022 \
  --external:module --external:path --external:url --external:fs
cp node_modules/@micropython/micropython-webassembly-pyscript/micropython.wasm static/micropython.wasm
rm -rf static/blockly-media && cp -r node_modules/blockly/media static/blockly-media  # never Blockly's CDN
