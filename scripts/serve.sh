#!/usr/bin/env bash
# Sets up whatever is missing, builds the site (release build) and serves it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
port="${PORT:-8080}"
say "building and serving the site at http://127.0.0.1:$port/ (Ctrl+C to stop)"
wasm trunk serve --release --address 127.0.0.1 --port "$port"
