#!/usr/bin/env bash
# Sets up whatever is missing, builds the site (release build) and serves it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
port="${PORT:-8080}"
say "building the site"
wasm trunk build --release
# The built site as a static host serves it (not `trunk serve`, whose live-reload script the
# page's Content-Security-Policy would rightly refuse).
say "serving the site at http://127.0.0.1:$port/ (Ctrl+C to stop)"
exec node scripts/static-server.mjs dist "$port"
