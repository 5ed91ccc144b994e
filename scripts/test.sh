#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test: native (unit, fixtures, CLI), browser
# (wasm-bindgen-test in headless Chromium) and end to end (the release site in Chromium).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"

say "native tests"
cargo test --all-targets
# The stand-in for encoding_rs, against the real crate (release: thousands of streamed inputs).
cargo test --release --manifest-path crates/encoding-lite/Cargo.toml
# The stand-in for crc32fast, against the real crate.
cargo test --release --manifest-path crates/crc32-lite/Cargo.toml

say "browser tests (wasm-bindgen-test in headless Chromium)"
wasm cargo test --target wasm32-unknown-unknown --test web

say "release build of the site"
wasm trunk build --release
node scripts/size.mjs dist

say "end-to-end tests (release site in headless Chromium)"
node --test --test-reporter=spec tests/e2e/
