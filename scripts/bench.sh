#!/usr/bin/env bash
# Sets up whatever is missing, builds everything in release mode and prints the benchmark
# figures: native and wasm check times, SheetJS's parse time on the same files, the page in
# headless Chromium, the CLI on 150 plans, and the site's download size. Nothing is asserted.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
out="$ROOT/target/bench"

say "building (release)"
cargo build --release --quiet --bin bcf-check --bin bcf-check-bench
wasm cargo build --quiet --target wasm32-unknown-unknown --profile web --bin bcf-check-node
wasm_dir="$ROOT/target/wasm32-unknown-unknown/web"
[ -f "$TOOLS/wasm-route-b" ] && wasm_dir="$ROOT/target/debian/wasm32-unknown-unknown/web"
wasm-bindgen --target nodejs --out-dir "$out/node" "$wasm_dir/bcf-check-node.wasm"
# wasm-bindgen writes CommonJS for Node; the project root says "type": "module".
echo '{ "type": "commonjs" }' > "$out/node/package.json"
# The same optimisation the site's worker gets, so Node runs what browsers run.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
  "$out/node/bcf-check-node_bg.wasm" -o "$out/node/bcf-check-node_bg.wasm"
wasm trunk build --release >/dev/null 2>&1

say "benchmarks ($(nproc) cores; figures vary with load)"
"$ROOT/target/release/bcf-check-bench" "$out"
node scripts/bench.mjs "$out"

say "size of the site's code (what a visitor downloads)"
node scripts/size.mjs dist
